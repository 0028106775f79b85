//! A bare Tauri window showing one line, built from the same Tauri as Allies: `make bench`
//! reports the app's start-up time and memory as ratios to this.

fn main() {
    if let Err(e) = tauri::Builder::default().run(tauri::generate_context!()) {
        eprintln!("the reference window could not run: {e}");
        std::process::exit(1);
    }
}
