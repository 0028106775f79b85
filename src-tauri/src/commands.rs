//! The commands the UI can invoke: each takes the state, calls the core, maps the error.

use allies_core::notification::{self, Delivery};
use allies_core::people::{self, Person, PersonInput};
use allies_core::WireError;
use tauri::State;

use crate::desktop_notifier::DesktopNotifier;
use crate::state::{now, AppState, Status};

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<Status, WireError> {
    Ok(state.status(None))
}

#[tauri::command]
pub async fn start_fresh(state: State<'_, AppState>) -> Result<Status, WireError> {
    let aside = state.start_fresh(now())?;
    Ok(state.status(Some(aside)))
}

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<Person>, WireError> {
    state.with_db(move |db| people::list(db, &query)).await
}

#[tauri::command]
pub async fn add_person(
    state: State<'_, AppState>,
    input: PersonInput,
) -> Result<Person, WireError> {
    state
        .with_db(move |db| people::add(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn update_person(
    state: State<'_, AppState>,
    id: String,
    input: PersonInput,
) -> Result<Person, WireError> {
    state
        .with_db(move |db| people::update(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_person(state: State<'_, AppState>, id: String) -> Result<Person, WireError> {
    state
        .with_db(move |db| people::delete(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn restore_person(state: State<'_, AppState>, id: String) -> Result<Person, WireError> {
    state.with_db(move |db| people::restore(db, &id)).await
}

#[tauri::command]
pub async fn send_test_reminder() -> Result<Delivery, WireError> {
    #[allow(clippy::disallowed_methods)] // the reminder shows the user's wall-clock time
    let reminder = notification::test_reminder(chrono::Local::now());
    tauri::async_runtime::spawn_blocking(move || {
        notification::deliver(&DesktopNotifier::default(), reminder)
    })
    .await
    .map_err(|e| {
        WireError::new(
            "notify.failed",
            format!("The reminder could not be sent: {e}"),
        )
    })
}
