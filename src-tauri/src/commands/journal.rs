//! The relationship journal: a person's profile, the interactions logged with them, and the
//! favours, promises and conflicts between them and the user.

use allies_core::journal::conflicts::{self, Conflict, ConflictEdit, ConflictInput};
use allies_core::journal::favours::{self, Favour, FavourEdit, FavourInput};
use allies_core::journal::interactions::{
    self, Interaction, InteractionInput, TimelineCursor, TimelinePage,
};
use allies_core::journal::profiles::{self, Profile};
use allies_core::journal::promises::{self, Promise, PromiseEdit, PromiseInput, PromiseStatus};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, today, AppState};

/// How many interactions a person's page shows at first, and at each "Show older".
const TIMELINE_LENGTH: usize = 200;

#[tauri::command]
pub async fn get_profile(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Profile, WireError> {
    state.read_db(move |db| profiles::get(db, &person_id)).await
}

#[tauri::command]
pub async fn save_profile(
    state: State<'_, AppState>,
    person_id: String,
    profile: Profile,
) -> Result<Profile, WireError> {
    state
        .with_db(move |db| profiles::save(db, &person_id, &profile, now()))
        .await
}

#[tauri::command]
pub async fn log_interaction(
    state: State<'_, AppState>,
    input: InteractionInput,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::log(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn person_timeline(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Interaction>, WireError> {
    state
        .read_db(move |db| interactions::timeline(db, &person_id, TIMELINE_LENGTH))
        .await
}

#[tauri::command]
pub async fn delete_interaction(
    state: State<'_, AppState>,
    id: String,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::delete(db, &id, now()))
        .await
}

/// A person's favours with the balance of the last months.
#[tauri::command]
pub async fn list_favours(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<favours::OfPerson, WireError> {
    state
        .read_db(move |db| favours::of_person(db, &person_id, now()))
        .await
}

#[tauri::command]
pub async fn record_favour(
    state: State<'_, AppState>,
    input: FavourInput,
) -> Result<Favour, WireError> {
    state
        .with_db(move |db| favours::record(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn set_favour_done(
    state: State<'_, AppState>,
    id: String,
    done: bool,
) -> Result<Favour, WireError> {
    state
        .with_db(move |db| favours::set_done(db, &id, done, now()))
        .await
}

#[tauri::command]
pub async fn thank_favour(
    state: State<'_, AppState>,
    id: String,
    how: String,
    impact: Option<String>,
) -> Result<Favour, WireError> {
    let impact = impact.unwrap_or_default();
    state
        .with_db(move |db| favours::thank_with_impact(db, &id, &how, &impact, now()))
        .await
}

#[tauri::command]
pub async fn delete_favour(state: State<'_, AppState>, id: String) -> Result<Favour, WireError> {
    state
        .with_db(move |db| favours::delete(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn list_promises(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Promise>, WireError> {
    state
        .read_db(move |db| {
            let today = today(db)?;
            promises::for_person(db, &person_id, today)
        })
        .await
}

#[tauri::command]
pub async fn make_promise(
    state: State<'_, AppState>,
    input: PromiseInput,
) -> Result<Promise, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            promises::make(db, &input, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn set_promise_status(
    state: State<'_, AppState>,
    id: String,
    status: PromiseStatus,
) -> Result<Promise, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            promises::set_status(db, &id, status, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn delete_promise(state: State<'_, AppState>, id: String) -> Result<Promise, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            promises::delete(db, &id, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn list_conflicts(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Conflict>, WireError> {
    state
        .read_db(move |db| {
            let today = today(db)?;
            conflicts::for_person(db, &person_id, today)
        })
        .await
}

#[tauri::command]
pub async fn open_conflict(
    state: State<'_, AppState>,
    input: ConflictInput,
) -> Result<Conflict, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            conflicts::open(db, &input, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: String,
    resolution: String,
) -> Result<Conflict, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            conflicts::resolve(db, &id, &resolution, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn delete_conflict(
    state: State<'_, AppState>,
    id: String,
) -> Result<Conflict, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            conflicts::delete(db, &id, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn edit_interaction(
    state: State<'_, AppState>,
    id: String,
    input: InteractionInput,
) -> Result<Interaction, WireError> {
    state
        .with_db(move |db| interactions::edit(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn edit_favour(
    state: State<'_, AppState>,
    id: String,
    input: FavourEdit,
) -> Result<Favour, WireError> {
    state
        .with_db(move |db| favours::edit(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn edit_promise(
    state: State<'_, AppState>,
    id: String,
    input: PromiseEdit,
) -> Result<Promise, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            promises::edit(db, &id, &input, now(), today)
        })
        .await
}

#[tauri::command]
pub async fn edit_conflict(
    state: State<'_, AppState>,
    id: String,
    input: ConflictEdit,
) -> Result<Conflict, WireError> {
    state
        .with_db(move |db| {
            let today = today(db)?;
            conflicts::edit(db, &id, &input, now(), today)
        })
        .await
}

/// A page of a person's timeline: the newest, or those older than `before`.
#[tauri::command]
pub async fn person_timeline_page(
    state: State<'_, AppState>,
    person_id: String,
    before: Option<TimelineCursor>,
) -> Result<TimelinePage, WireError> {
    state
        .read_db(move |db| {
            interactions::timeline_page(db, &person_id, before.as_ref(), TIMELINE_LENGTH)
        })
        .await
}
