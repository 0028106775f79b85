//! Reminders: the view of what is due, what the user does about each, the ones they write,
//! 30/60/90-day check-ins, and the settings.

use allies_core::reminders::settings::{self, PauseFor, ReminderSettings};
use allies_core::reminders::{
    self, Answer, CadenceInEffect, CheckIn, CheckInInput, Overview, ReminderInput, ReviewPage,
    SnoozeFor,
};
use allies_core::WireError;
use chrono::{DateTime, Utc};
use serde::Serialize;
use tauri::State;

use crate::state::{now, AppState};

/// The Reminders view, with why the desktop cannot show pop-ups when it cannot.
#[derive(Debug, Serialize)]
pub struct RemindersView {
    #[serde(flatten)]
    pub overview: Overview,
    pub desktop_problem: Option<String>,
}

#[tauri::command]
pub async fn reminders_overview(state: State<'_, AppState>) -> Result<RemindersView, WireError> {
    let overview = state
        .read_db(move |db| reminders::overview(db, now()))
        .await?;
    let desktop_problem = state
        .desktop_problem
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    Ok(RemindersView {
        overview,
        desktop_problem,
    })
}

#[tauri::command]
pub async fn overdue_reminders(state: State<'_, AppState>) -> Result<usize, WireError> {
    state
        .read_db(move |db| reminders::overdue_count(db, now()))
        .await
}

#[tauri::command]
pub async fn complete_reminder(
    state: State<'_, AppState>,
    subject: String,
) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::complete(db, &subject, now()))
        .await
}

#[tauri::command]
pub async fn snooze_reminder(
    state: State<'_, AppState>,
    subject: String,
    choice: SnoozeFor,
) -> Result<DateTime<Utc>, WireError> {
    state
        .with_db(move |db| reminders::snooze_for(db, &subject, &choice, now()))
        .await
}

#[tauri::command]
pub async fn dismiss_reminder(
    state: State<'_, AppState>,
    subject: String,
) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::dismiss(db, &subject, now()))
        .await
}

#[tauri::command]
pub async fn add_reminder(
    state: State<'_, AppState>,
    input: ReminderInput,
) -> Result<String, WireError> {
    state
        .with_db(move |db| reminders::add(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn get_reminder(
    state: State<'_, AppState>,
    id: String,
) -> Result<ReminderInput, WireError> {
    state
        .read_db(move |db| reminders::get_written(db, &id))
        .await
}

#[tauri::command]
pub async fn edit_reminder(
    state: State<'_, AppState>,
    id: String,
    input: ReminderInput,
) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::edit(db, &id, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_reminder(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::delete(db, &id, now()))
        .await
}

#[tauri::command]
pub async fn list_check_ins(state: State<'_, AppState>) -> Result<Vec<CheckIn>, WireError> {
    state.read_db(reminders::check_ins_list).await
}

#[tauri::command]
pub async fn add_check_in(
    state: State<'_, AppState>,
    input: CheckInInput,
) -> Result<CheckIn, WireError> {
    state
        .with_db(move |db| reminders::add_check_in(db, &input, now()))
        .await
}

#[tauri::command]
pub async fn delete_check_in(state: State<'_, AppState>, id: String) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::delete_check_in(db, &id, now()))
        .await
}

/// The settings, and every time zone the user can pick.
#[derive(Debug, Serialize)]
pub struct SettingsView {
    pub settings: ReminderSettings,
    pub time_zones: Vec<&'static str>,
}

#[tauri::command]
pub async fn get_reminder_settings(state: State<'_, AppState>) -> Result<SettingsView, WireError> {
    let settings = state.read_db(settings::get).await?;
    Ok(SettingsView {
        settings,
        time_zones: settings::time_zones(),
    })
}

#[tauri::command]
pub async fn save_reminder_settings(
    state: State<'_, AppState>,
    settings: ReminderSettings,
) -> Result<ReminderSettings, WireError> {
    state
        .with_db(move |db| settings::save(db, &settings, now()))
        .await
}

#[tauri::command]
pub async fn pause_reminders(
    state: State<'_, AppState>,
    choice: PauseFor,
) -> Result<ReminderSettings, WireError> {
    state
        .with_db(move |db| settings::pause_for(db, choice, now()))
        .await
}

#[tauri::command]
pub async fn edit_check_in(
    state: State<'_, AppState>,
    id: String,
    input: CheckInInput,
) -> Result<CheckIn, WireError> {
    state
        .with_db(move |db| reminders::edit_check_in(db, &id, &input, now()))
        .await
}

/// How often the user means to be in touch with a person, and where that comes from.
#[tauri::command]
pub async fn person_cadence(
    state: State<'_, AppState>,
    person_id: String,
) -> Result<Option<CadenceInEffect>, WireError> {
    state
        .read_db(move |db| reminders::cadence_of(db, &person_id))
        .await
}

/// Answers a reminder with what closes it (Got in touch, Resolved, Kept, …), in one step.
#[tauri::command]
pub async fn answer_reminder(
    state: State<'_, AppState>,
    subject: String,
    answer: Answer,
) -> Result<(), WireError> {
    state
        .with_db(move |db| reminders::answer(db, &subject, &answer, now()))
        .await
}

/// The Review page: everything the weekly review covers, each with its answer.
#[tauri::command]
pub async fn review_page(state: State<'_, AppState>) -> Result<ReviewPage, WireError> {
    state
        .read_db(move |db| reminders::review_page(db, now()))
        .await
}
