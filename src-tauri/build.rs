//! Generates the Tauri context. The app's commands are declared here so that each one needs a
//! permission, and the window's capability (src-tauri/capabilities/) grants exactly those.

const COMMANDS: &[&str] = &[
    "app_status",
    "start_fresh",
    "list_people",
    "add_person",
    "update_person",
    "delete_person",
    "restore_person",
    "send_test_reminder",
    "list_maps",
    "create_map",
    "update_map",
    "archive_map",
    "delete_map",
    "restore_map",
    "map_placements",
    "place_person",
    "set_stance",
    "set_desired",
    "unplace_person",
    "map_state_at",
    "map_moves",
    "map_history_span",
    "map_gaps",
    "export_map",
    "get_profile",
    "save_profile",
    "log_interaction",
    "person_timeline",
    "delete_interaction",
    "restore_interaction",
    "list_favours",
    "record_favour",
    "set_favour_done",
    "thank_favour",
    "delete_favour",
    "restore_favour",
    "list_promises",
    "make_promise",
    "set_promise_status",
    "delete_promise",
    "restore_promise",
    "search_everything",
    "list_conflicts",
    "open_conflict",
    "resolve_conflict",
    "delete_conflict",
    "restore_conflict",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri-build failed: {e:#}");
        std::process::exit(1);
    }
}
