//! How the window's WebKit view draws on Linux machines without a GPU.
//!
//! WebKitGTK composites every frame with OpenGL. Without a GPU (a virtual machine, a remote
//! desktop, some locked-down work laptops) that OpenGL is Mesa's software rasteriser, and each
//! animation frame then costs more than a 60 Hz refresh allows: dragging a card over a map of
//! 500 measured p95 20–22 ms that way, against 17 ms (on time) when WebKit draws on the CPU
//! without compositing (`make bench`). So without a GPU the app asks for the CPU path, unless
//! the person running it chose either way by setting `WEBKIT_DISABLE_COMPOSITING_MODE`.
//!
//! Where compositing is chosen all the same, WebKit's DMA-BUF renderer (which hands each frame
//! from the web process to the window as a GPU buffer) is turned off without a GPU, unless
//! `WEBKIT_DISABLE_DMABUF_RENDERER` says otherwise: on the software rasteriser it made the first
//! canvas in the page take 1.8–2.2 s (opening the network view waited for it) and every repaint
//! of the People view 60–90 ms; without it, 8–19 ms, and scrolling People to the end of 10,000
//! took p50 40–42 ms against 84–108 ms (`make bench`, 2 cores, Xvfb).

const COMPOSITING_SWITCH: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
const DMABUF_SWITCH: &str = "WEBKIT_DISABLE_DMABUF_RENDERER";

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

/// The variables to set for WebKit, given whether there is a GPU and which of them the person
/// running the app set already (`chosen`).
fn drawing_path(gpu: bool, chosen: impl Fn(&str) -> bool) -> Vec<(&'static str, &'static str)> {
    if gpu {
        return Vec::new();
    }
    [COMPOSITING_SWITCH, DMABUF_SWITCH]
        .into_iter()
        .filter(|name| !chosen(name))
        .map(|name| (name, "1"))
        .collect()
}

/// Chooses WebKit's CPU drawing path when there is no GPU and no choice was made already.
/// Call before the first thread starts: it changes the process environment, which WebKit
/// reads when it starts.
pub fn choose_drawing_path() {
    for (name, value) in drawing_path(has_gpu(), |name| std::env::var_os(name).is_some()) {
        std::env::set_var(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_a_gpu_webkit_draws_as_it_likes() {
        assert!(drawing_path(true, |_| false).is_empty());
    }

    #[test]
    fn without_a_gpu_the_cpu_path_without_dma_buf_unless_chosen_otherwise() {
        assert_eq!(
            drawing_path(false, |_| false),
            [(COMPOSITING_SWITCH, "1"), (DMABUF_SWITCH, "1")]
        );
        // Compositing asked for (as the end-to-end tests do): still no DMA-BUF renderer.
        assert_eq!(
            drawing_path(false, |name| name == COMPOSITING_SWITCH),
            [(DMABUF_SWITCH, "1")]
        );
        assert!(drawing_path(false, |_| true).is_empty());
    }
}
