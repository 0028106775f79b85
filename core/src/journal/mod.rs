//! What happened with each person: interactions, favours both ways, promises, conflicts, and the
//! profile of what they care about.

pub mod conflicts;
pub mod favours;
pub mod interactions;
pub mod profiles;
pub mod promises;
