//! The desktop on Linux: pop-ups through the freedesktop notification service, locks on
//! logind's signals, WebKitGTK's drawing path and GTK's interface font.

mod interface_font;
pub mod locking;
pub mod notifier;
mod rendering;

pub use interface_font::interface_font_family;

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

/// Runs `f` from GLib's main loop at idle priority: after the events and redraws waiting there
/// (the new window's first frame among them).
pub fn when_idle(f: impl FnOnce() + 'static) {
    gtk::glib::idle_add_local_once(f);
}

/// glibc keeps the pages of freed blocks inside each thread's heap until told otherwise; a burst
/// of work on a runtime thread (the daily copy's reads) would stay on the process's bill.
#[allow(unsafe_code)]
pub fn give_back_freed_memory() {
    // SAFETY: malloc_trim only returns unused pages of the allocator's own heaps to the system;
    // it touches no memory in use and is safe to call from any thread at any time.
    #[cfg(target_env = "gnu")]
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The XDG autostart folder, where tauri-plugin-autostart puts `Allies.desktop`.
pub fn start_at_login_advice() -> &'static str {
    "Check that your home folder's .config/autostart can be written."
}

#[cfg(test)]
mod tests {
    use allies_core::{Error, WireError};

    #[test]
    fn a_failed_start_at_login_names_the_xdg_autostart_folder() {
        let wire = WireError::from(Error::AutostartFailed {
            enabling: true,
            detail: "Permission denied (os error 13)".into(),
            advice: super::start_at_login_advice().into(),
        });
        assert_eq!(wire.code, "autostart.failed");
        assert_eq!(
            wire.message,
            "Allies could not turn on starting at login: Permission denied (os error 13). \
             Check that your home folder's .config/autostart can be written.",
            "a Linux user is sent to the folder where the login entry is written"
        );
    }
}
