//! How the window's WebKit view draws on Linux machines without a GPU.
//!
//! WebKitGTK composites every frame with OpenGL. Without a GPU (a virtual machine, a remote
//! desktop, some locked-down work laptops) that OpenGL is Mesa's software rasteriser, and each
//! animation frame then costs more than a 60 Hz refresh allows: dragging a card over a map of
//! 500 measured p95 20–22 ms that way, against 17 ms (on time) when WebKit draws on the CPU
//! without compositing (`make bench`). So without a GPU the app asks for the CPU path, unless
//! the person running it chose either way by setting `WEBKIT_DISABLE_COMPOSITING_MODE`.

const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether Mesa has a GPU to render on here: a DRM render node.
fn has_gpu() -> bool {
    std::fs::read_dir("/dev/dri")
        .map(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false)
}

/// Chooses WebKit's CPU drawing path when there is no GPU and no choice was made already.
/// Call before the first thread starts: it changes the process environment, which WebKit
/// reads when it starts.
pub fn choose_drawing_path() {
    if std::env::var_os(COMPOSITING_SWITCH).is_none() && !has_gpu() {
        std::env::set_var(COMPOSITING_SWITCH, "1");
    }
}
