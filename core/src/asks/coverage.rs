//! Who speaks for the user where: for each forum, the members who agreed to advocate there (an
//! agreed ask of kind advocate naming the forum, or any agreed ask for the goal in question), and
//! the forums where nobody has, the gaps.

use serde::Serialize;

use super::forums::{self, Forum, Member};
use super::{agreed, Ask, AskKind};
use crate::error::Result;
use crate::storage::Database;

/// A forum and who on it agreed to speak for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ForumCover {
    #[serde(flatten)]
    pub forum: Forum,
    pub advocates: Vec<Member>,
    /// Nobody on it has agreed to speak for the user: a named gap.
    pub gap: bool,
}

/// What a goal (map) has in support: the agreed asks for it and its forums, covered or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapSupport {
    pub map_id: String,
    pub agreed: Vec<Ask>,
    pub forums: Vec<ForumCover>,
}

/// Whether `ask` (agreed) makes its person an advocate in `forum` for `goal`.
fn speaks_there(ask: &Ask, forum: &Forum, goal: Option<&str>) -> bool {
    let named = ask.kind == AskKind::Advocate && ask.forum_id.as_deref() == Some(&forum.id);
    let for_goal = goal.is_some() && ask.map_id.as_deref() == goal;
    named || for_goal
}

fn cover(forum: Forum, agreed: &[Ask], goal: Option<&str>) -> ForumCover {
    let advocates: Vec<Member> = forum
        .members
        .iter()
        .filter(|m| {
            agreed
                .iter()
                .any(|a| a.person_id == m.person_id && speaks_there(a, &forum, goal))
        })
        .cloned()
        .collect();
    ForumCover {
        gap: advocates.is_empty(),
        forum,
        advocates,
    }
}

/// Every forum with its advocates, each judged for its own goal.
pub fn forums_covered(db: &Database) -> Result<Vec<ForumCover>> {
    let agreed = agreed(db, None)?;
    Ok(forums::list(db)?
        .into_iter()
        .map(|f| {
            let goal = f.map_id.clone();
            cover(f, &agreed, goal.as_deref())
        })
        .collect())
}

/// The forums with nobody to speak for the user.
pub fn gaps(db: &Database) -> Result<Vec<ForumCover>> {
    Ok(forums_covered(db)?.into_iter().filter(|f| f.gap).collect())
}

/// A goal's support: its agreed asks, and the forums that decide on it (those set to this map,
/// and those set to no map, which decide on everything) with who speaks for the user in each.
pub fn map_support(db: &Database, map_id: &str) -> Result<MapSupport> {
    crate::maps::get(db, map_id)?;
    let all_agreed = agreed(db, None)?;
    let forums = forums::list(db)?
        .into_iter()
        .filter(|f| f.map_id.as_deref().is_none_or(|m| m == map_id))
        .map(|f| cover(f, &all_agreed, Some(map_id)))
        .collect();
    Ok(MapSupport {
        map_id: map_id.to_owned(),
        agreed: all_agreed
            .into_iter()
            .filter(|a| a.map_id.as_deref() == Some(map_id))
            .collect(),
        forums,
    })
}
