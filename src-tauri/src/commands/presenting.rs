//! Presenting mode, as the shell needs it: the UI says when it changes, so that reminder
//! pop-ups (shown by the shell, outside the window) hide names too.

use std::sync::atomic::Ordering;

use allies_core::people::presenting::Presenting;
use allies_core::WireError;
use tauri::State;

use crate::state::AppState;

/// Called by the UI at start and on every change of the switch.
#[tauri::command]
pub async fn set_presenting(state: State<'_, AppState>, mode: Presenting) -> Result<(), WireError> {
    state.presenting.store(mode.as_u8(), Ordering::Relaxed);
    Ok(())
}
