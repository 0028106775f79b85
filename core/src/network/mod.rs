//! Who connects to whom, and the best ways to be introduced to someone.
//!
//! Links are typed (reports to, influences, close with, in conflict with, introduced me to)
//! with a strength; "me" is the user, one end of the links they draw to people, and also
//! linked to everyone they logged an interaction with. Intro paths go from me to a target
//! through people, never across a conflict, preferring strong links and people who support the
//! user; [`graph_paths`] is the pure part, tested on its own.

mod graph;
pub mod groups;
pub mod insights;
pub mod layout;
mod links;
mod paths;
mod shown;
pub mod tour;
mod tour_text;

pub use graph::{
    graph, graph_around, graph_of_at_most, intro_paths, Graph, GraphLink, GraphNode, ME,
};
pub(crate) use graph::{load, stances, Loaded};
pub use links::{
    add_link, delete_link, edit_link, links_of, restore_link, Link, LinkEdit, LinkInput, LinkKind,
    Strength, MAX_NOTE,
};
pub use paths::{first_steps, graph_paths, Edge, Path, Step, PATHS};
pub use shown::SHOWN_AT_MOST;
pub use tour_text::tour_text;
