//! The Allies desktop app: a thin Tauri shell over `allies-core`, plus a small command line.

// In release builds on Windows, do not open a console window next to the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod daily_copies;
mod desktop;
mod events;
mod file_dialogs;
mod monotonic;
mod reminder_loop;
mod state;
mod sync_loop;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::parse(std::env::args().skip(1)) {
        cli::Invocation::OpenWindow { background } => run_app(background),
        cli::Invocation::Exit(code) => code,
    }
}

fn run_app(background: bool) -> ExitCode {
    if let Err(why) = desktop::prepare_window() {
        eprintln!("{why}");
        return ExitCode::FAILURE;
    }
    // Opened in `setup`, after the single-instance plugin has handed a second launch over to
    // the first and ended it: only the instance that stays opens (and may migrate) the data.
    let app_state = state::AppState::unopened();
    let scheduler_state = app_state.clone();
    let result = tauri::Builder::default()
        // First, so a second launch hands over before anything else starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            desktop::bring_forward(app);
        }))
        .plugin(desktop::start_at_login())
        .plugin(tauri_plugin_dialog::init())
        .plugin(desktop::interface_font())
        .manage(app_state)
        .manage(events::EventHub::default())
        .manage(file_dialogs::ChosenFiles::default())
        .setup(move |app| {
            // The page's calls wait for the data to be open: until then the opening thread
            // holds the session.
            scheduler_state.open_data_aside(state::now());
            let handle = app.handle().clone();
            if background {
                // Started in the tray: the window is hidden once the icon is there.
                if desktop::put_up_tray(&handle, scheduler_state.clone()) {
                    desktop::hide(&handle);
                }
            } else {
                // The icon and its menu take the window system's thread 8–12 ms, which the
                // window's first frame would wait for: it goes up right after that frame.
                let (tray_app, tray_state) = (handle.clone(), scheduler_state.clone());
                desktop::when_idle(move || {
                    desktop::put_up_tray(&tray_app, tray_state);
                });
            }
            desktop::watch_for_locks(scheduler_state.clone(), handle.clone());
            daily_copies::spawn(scheduler_state.clone(), handle.clone());
            let window = handle.clone();
            sync_loop::spawn(
                scheduler_state.clone(),
                std::sync::Arc::new(move |applied| {
                    crate::events::Tell::tell(&window, sync_loop::SYNCED_EVENT, applied);
                }),
            );
            let shell = desktop::WindowShell(handle);
            reminder_loop::spawn(scheduler_state, std::sync::Arc::new(shell));
            Ok(())
        })
        .on_window_event(|window, event| {
            // The dropped file may be read once the window knows of it: remembered first.
            file_dialogs::remember_dropped(window, event);
            events::tell_drags(window, event);
            desktop::keep_running_when_closed(window, event);
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_status,
            commands::app::start_fresh,
            commands::app::restore_latest_backup,
            commands::app::unlock,
            commands::app::lock_now,
            commands::app::set_encryption,
            commands::app::send_test_reminder,
            commands::app::next_events,
            commands::app::get_autostart,
            commands::app::set_autostart,
            commands::groups::list_groups,
            commands::groups::add_group,
            commands::groups::update_group,
            commands::groups::delete_group,
            commands::groups::attend_group,
            commands::groups::group_attendance,
            commands::groups::delete_attendance,
            commands::import::import_preview,
            commands::import::import_apply,
            commands::data::export_people_csv,
            commands::data::export_people_redacted,
            commands::data::export_people_vcard,
            commands::data::export_calendar,
            commands::network::person_links,
            commands::network::add_link,
            commands::network::delete_link,
            commands::network::intro_paths,
            commands::network::network_graph,
            commands::insights::insights,
            commands::insights::review,
            commands::insights::export_review,
            commands::tour::current_tour,
            commands::tour::create_tour,
            commands::tour::update_tour,
            commands::tour::delete_tour,
            commands::tour::add_tour_stop,
            commands::tour::record_tour_meeting,
            commands::tour::clear_tour_meeting,
            commands::tour::add_tour_suggestion,
            commands::tour::delete_tour_stop,
            commands::data::save_backup,
            commands::data::restore_backup_file,
            commands::data::list_snapshots,
            commands::data::restore_snapshot,
            commands::people::list_people,
            commands::people::people_page,
            commands::people::add_person,
            commands::people::update_person,
            commands::people::delete_person,
            commands::people::restore_person,
            commands::people::mark_former,
            commands::people::list_former_people,
            commands::journal::get_profile,
            commands::journal::save_profile,
            commands::journal::log_interaction,
            commands::journal::person_timeline,
            commands::journal::delete_interaction,
            commands::journal::list_favours,
            commands::journal::record_favour,
            commands::journal::set_favour_done,
            commands::journal::thank_favour,
            commands::journal::delete_favour,
            commands::journal::list_promises,
            commands::journal::make_promise,
            commands::journal::set_promise_status,
            commands::journal::delete_promise,
            commands::journal::list_conflicts,
            commands::journal::open_conflict,
            commands::journal::resolve_conflict,
            commands::journal::delete_conflict,
            commands::search::search_everything,
            commands::maps::list_maps,
            commands::maps::create_map,
            commands::maps::update_map,
            commands::maps::archive_map,
            commands::maps::delete_map,
            commands::maps::map_placements,
            commands::maps::place_person,
            commands::maps::set_stance,
            commands::maps::set_desired,
            commands::maps::unplace_person,
            commands::maps::map_state_at,
            commands::maps::map_moves,
            commands::maps::map_history_span,
            commands::maps::map_gaps,
            commands::maps::person_stances,
            commands::maps::export_map,
            commands::reminders::reminders_overview,
            commands::reminders::overdue_reminders,
            commands::reminders::complete_reminder,
            commands::reminders::snooze_reminder,
            commands::reminders::dismiss_reminder,
            commands::reminders::add_reminder,
            commands::reminders::get_reminder,
            commands::reminders::edit_reminder,
            commands::reminders::delete_reminder,
            commands::reminders::list_check_ins,
            commands::reminders::add_check_in,
            commands::reminders::delete_check_in,
            commands::reminders::get_reminder_settings,
            commands::reminders::save_reminder_settings,
            commands::reminders::pause_reminders,
            commands::presenting::set_presenting,
            commands::history::undo,
            commands::history::redo,
            commands::history::recent_changes,
            commands::journal::edit_interaction,
            commands::journal::edit_favour,
            commands::journal::edit_promise,
            commands::journal::edit_conflict,
            commands::journal::person_timeline_page,
            commands::network::edit_link,
            commands::groups::edit_attendance,
            commands::tour::list_tours,
            commands::tour::get_tour,
            commands::tour::set_tour_stop_week,
            commands::reminders::edit_check_in,
            commands::reminders::person_cadence,
            commands::reminders::answer_reminder,
            commands::reminders::review_page,
            commands::people::people_ids,
            commands::people::people_filter_choices,
            commands::people::bulk_change_people,
            commands::sample::add_sample_workspace,
            commands::sample::remove_sample_workspace,
            commands::sample::sample_workspace_status,
            commands::data::choose_file_to_open,
            commands::people::person_contacts,
            commands::app::set_lock_after,
            commands::app::note_activity,
            commands::people::delete_person_permanently,
            commands::people::list_deleted_people,
            commands::data::purge_days,
            commands::data::set_purge_days,
            commands::wins::list_wins,
            commands::wins::get_win,
            commands::wins::create_win,
            commands::wins::update_win,
            commands::wins::delete_win,
            commands::wins::tell_win,
            commands::wins::forget_win_share,
            commands::wins::person_wins,
            commands::wins::wins_gap,
            commands::wins::get_about_me,
            commands::wins::save_about_me,
            commands::wins::about_me_insights,
            commands::asks::list_asks,
            commands::asks::person_asks,
            commands::asks::add_ask,
            commands::asks::edit_ask,
            commands::asks::move_ask,
            commands::asks::delete_ask,
            commands::asks::list_forums,
            commands::asks::add_forum,
            commands::asks::edit_forum,
            commands::asks::delete_forum,
            commands::asks::map_support,
            commands::dates::person_dates,
            commands::dates::set_person_date,
            commands::dates::remove_person_date,
            commands::groups::shortlist_group,
            commands::groups::focus_group,
            commands::tour::export_tour,
            commands::rounds::round_countdown,
            commands::rounds::round_countdowns,
            commands::rounds::round_drift,
            commands::rounds::meeting_brief,
            commands::rounds::export_meeting_brief,
            commands::data::export_wins_csv,
            commands::deleted::list_deleted_records,
            commands::deleted::bring_back_record,
            commands::deleted::delete_record_permanently,
            commands::sync::sync_status,
            commands::sync::sync_enable,
            commands::sync::sync_disable,
            commands::sync::sync_now,
            commands::sync::sync_conflicts,
            commands::sync::sync_restore_conflict,
            commands::sync::choose_sync_folder,
            commands::data::export_asks_csv,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Allies could not start its window: {e}");
            ExitCode::FAILURE
        }
    }
}
