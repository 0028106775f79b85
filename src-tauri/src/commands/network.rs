//! Links between people and the ways to be introduced to someone.

use allies_core::network::{self, Link, LinkEdit, LinkInput, Path};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, off_the_database, AppState};

#[tauri::command]
pub async fn person_links(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Link>, WireError> {
    state
        .read_db(move |db| network::links_of(db, &person_id))
        .await
}

#[tauri::command]
pub async fn add_link(state: State<'_, AppState>, input: LinkInput) -> Result<Link, WireError> {
    state
        .with_db(move |db| network::add_link(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_link(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state
        .with_db(move |db| network::delete_link(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn intro_paths(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Path>, WireError> {
    state
        .read_db(move |db| network::intro_paths(db, &person_id))
        .await
}

/// Everyone and their links (the nearest, in a network too large to draw whole), laid out at
/// rest, for the network view; only a map's people when one is chosen. `focus`, a person the
/// view was asked to show the way in to, is drawn with the people on those ways, in place of
/// the farthest of the nearest.
#[tauri::command]
pub async fn network_graph(
    state: State<'_, AppState>,
    map_id: Option<String>,
    focus: Option<String>,
) -> Result<network::Graph, WireError> {
    let mut graph = state
        .read_db(move |db| {
            let map = map_id.as_deref().filter(|m| !m.is_empty());
            match focus.as_deref().filter(|f| !f.is_empty()) {
                Some(person) => network::graph_around(db, map, person),
                None => network::graph(db, map),
            }
        })
        .await?;
    // Off the database's thread: laying out a big network takes a while and reads nothing.
    off_the_database(move || {
        network::layout::place(&mut graph);
        Ok(graph)
    })
    .await
}

#[tauri::command]
pub async fn edit_link(
    state: State<'_, AppState>,
    id: String,
    input: LinkEdit,
) -> Result<Link, WireError> {
    state
        .with_db(move |db| network::edit_link(db, &id, &input))
        .await
}
