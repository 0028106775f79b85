//! Offers one file to drag, as a file manager does: a small window at the screen's top-left
//! whose label is a drag source of the file's URI. The drop test drags from it onto the Allies
//! window with xdotool, so the window gets a real X drag-and-drop.
//!
//! Usage: drag_file <path>

use gtk::prelude::*;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: drag_file <path>");
        return std::process::ExitCode::from(2);
    };
    if let Err(e) = gtk::init() {
        eprintln!("drag_file: no display: {e}");
        return std::process::ExitCode::FAILURE;
    }
    let uri = match gtk::glib::filename_to_uri(&path, None) {
        Ok(uri) => uri.to_string(),
        Err(e) => {
            eprintln!("drag_file: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let window = gtk::Window::new(gtk::WindowType::Toplevel);
    window.set_title("Drag this file");
    window.set_default_size(200, 100);
    window.move_(0, 0);
    let source = gtk::Button::with_label("Drag this file");
    let targets = [gtk::TargetEntry::new(
        "text/uri-list",
        gtk::TargetFlags::OTHER_APP,
        0,
    )];
    source.drag_source_set(
        gtk::gdk::ModifierType::BUTTON1_MASK,
        &targets,
        gtk::gdk::DragAction::COPY,
    );
    source.connect_drag_data_get(move |_, _, data, _, _| {
        data.set_uris(&[uri.as_str()]);
    });
    window.add(&source);
    window.connect_destroy(|_| gtk::main_quit());
    window.show_all();
    gtk::main();
    std::process::ExitCode::SUCCESS
}
