//! The desktop on Linux: pop-ups through the freedesktop notification service, locks on
//! logind's signals, and WebKitGTK's drawing path.

pub mod locking;
pub mod notifier;
mod rendering;

/// A window needs an X11 or Wayland session; without a GPU, WebKit draws on the CPU.
pub fn prepare_window() -> Result<(), String> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(
            "Allies needs a desktop session to open its window, and none was found \
             (neither DISPLAY nor WAYLAND_DISPLAY is set). Start it from your desktop, \
             or without one under xvfb-run."
                .into(),
        );
    }
    rendering::choose_drawing_path();
    Ok(())
}
