//! People: list, add, edit, move to former colleagues, delete and undo, delete for good.

use allies_core::people::contacts::{self, Contact};
use allies_core::people::{
    self, BulkAction, BulkOutcome, FilterChoices, ListQuery, Page, Person, PersonInput,
};
use allies_core::{purge, WireError};
use tauri::State;

use crate::state::{now, AppState};

#[tauri::command]
pub async fn list_people(
    state: State<'_, AppState>,
    query: String,
) -> Result<Vec<Person>, WireError> {
    state.read_db(move |db| people::list(db, &query)).await
}

/// `limit` people of the list (a search, filters and a sort) from `offset`; with `around`,
/// the page holding that person instead (the first page if they are not listed).
#[tauri::command]
pub async fn people_page(
    state: State<'_, AppState>,
    list: ListQuery,
    offset: usize,
    limit: usize,
    around: Option<String>,
) -> Result<Page, WireError> {
    state
        .read_db(move |db| match around {
            Some(id) => people::page_around(db, &list, &id, limit, now()),
            None => people::page(db, &list, offset, limit, now()),
        })
        .await
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

/// Brings a former colleague back among the user's people.
#[tauri::command]
pub async fn restore_person(state: State<'_, AppState>, id: String) -> Result<Person, WireError> {
    state.with_db(move |db| people::restore(db, &id)).await
}

/// Removes a person for good, now, with what only they held and the undo steps that held their
/// values: not a step of the undo history, since nothing could bring them back.
#[tauri::command]
pub async fn delete_person_permanently(
    state: State<'_, AppState>,
    id: String,
) -> Result<purge::Purged, WireError> {
    state
        .with_db_unrecorded(move |db| purge::delete_person(db, &id))
        .await
}

/// People deleted and not yet removed for good, the most recently deleted first.
#[tauri::command]
pub async fn list_deleted_people(state: State<'_, AppState>) -> Result<Vec<Person>, WireError> {
    state.read_db(people::deleted).await
}

#[tauri::command]
pub async fn mark_former(state: State<'_, AppState>, id: String) -> Result<Person, WireError> {
    state
        .with_db(move |db| people::mark_former(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn list_former_people(state: State<'_, AppState>) -> Result<Vec<Person>, WireError> {
    state.read_db(people::former).await
}

/// The ids of everyone the list shows, in its order: what "select all" selects.
#[tauri::command]
pub async fn people_ids(
    state: State<'_, AppState>,
    list: ListQuery,
) -> Result<Vec<String>, WireError> {
    state
        .read_db(move |db| people::listed_ids(db, &list, now()))
        .await
}

/// The tags, departments, organisations and maps the list's filters offer.
#[tauri::command]
pub async fn people_filter_choices(state: State<'_, AppState>) -> Result<FilterChoices, WireError> {
    state.read_db(people::filter_choices).await
}

/// One action on every selected person, in one transaction.
#[tauri::command]
pub async fn bulk_change_people(
    state: State<'_, AppState>,
    ids: Vec<String>,
    action: BulkAction,
) -> Result<BulkOutcome, WireError> {
    state
        .with_db(move |db| people::bulk_change(db, &ids, &action, now()))
        .await
}

/// A person's emails and phone numbers with their labels, their own email first.
#[tauri::command]
pub async fn person_contacts(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Vec<Contact>, WireError> {
    state
        .read_db(move |db| contacts::list(db, &person_id))
        .await
}
