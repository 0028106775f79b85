//! A person's dates that matter (birthday, work anniversary, start date).

use allies_core::dates::{self, DateKind, PersonDate, PersonDateInput};
use allies_core::WireError;
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn person_dates(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<PersonDate>, WireError> {
    state.read_db(move |db| dates::list(db, &person_id)).await
}

/// Sets (or replaces) one of a person's dates; answers with all of them.
#[tauri::command]
pub async fn set_person_date(
    state: State<'_, AppState>,
    person_id: String,
    input: PersonDateInput,
) -> Result<Vec<PersonDate>, WireError> {
    state
        .with_db(move |db| dates::set(db, &person_id, &input, now()))
        .await
}

#[tauri::command]
pub async fn remove_person_date(
    state: State<'_, AppState>,
    person_id: String,
    kind: DateKind,
) -> Result<Vec<PersonDate>, WireError> {
    state
        .with_db(move |db| dates::remove(db, &person_id, kind))
        .await
}
