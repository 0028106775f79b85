//! Generates the Tauri context of the reference window.

fn main() {
    tauri_build::build();
}
