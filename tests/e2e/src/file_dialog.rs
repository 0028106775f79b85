//! Answers the system's file dialogs the app opens. They are real GTK windows under Xvfb, out of
//! WebDriver's reach, so xdotool finds the app's dialog by process and title and types into it
//! as a person would: a path (Ctrl+L in an open dialog, the name field in a save dialog), then
//! Enter. `scripts/install-deps.sh test` installs xdotool.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{App, Result, PATIENCE};

/// Keyboard input goes to the focused window of the shared display, and a window that appears
/// takes the focus. Answering a dialog holds this for writing, from the click that opens the
/// dialog until it has closed, and so does dragging a file; starting an app holds it for
/// reading. So no test's window or dialog appears while another test types or drags, and one
/// dialog is answered at a time.
pub(crate) static DISPLAY: tokio::sync::RwLock<()> = tokio::sync::RwLock::const_new(());

/// How long an answered dialog may take to close before it is answered again.
const CLOSING: Duration = Duration::from_secs(5);

fn xdotool(args: &[&str]) -> Result<String> {
    let out = Command::new("xdotool").args(args).output().map_err(|e| {
        format!("cannot run xdotool (scripts/install-deps.sh test installs it): {e}")
    })?;
    if !out.status.success() {
        return Err(format!(
            "xdotool {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )
        .into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The processes in the process group `group` leads (the driver, WebKitWebDriver, the app).
fn group_members(group: u32) -> Vec<u32> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|pid| {
            std::fs::read_to_string(format!("/proc/{pid}/stat"))
                .ok()
                // After the command's ")": state, ppid, pgrp.
                .and_then(|s| {
                    s.rsplit_once(')')
                        .and_then(|(_, rest)| rest.split_whitespace().nth(2)?.parse::<u32>().ok())
                })
                == Some(group)
        })
        .collect()
}

/// The visible file dialog of this app: its window id and title.
fn find_dialog(group: u32) -> Option<(String, String)> {
    for pid in group_members(group) {
        let pid = pid.to_string();
        let Ok(found) = xdotool(&[
            "search",
            "--all",
            "--onlyvisible",
            "--pid",
            &pid,
            "--name",
            "^(Save|Open) ",
        ]) else {
            continue; // none in this process: xdotool exits 1
        };
        if let Some(id) = found.lines().next() {
            let title = xdotool(&["getwindowname", id]).unwrap_or_default();
            return Some((id.to_owned(), title.trim().to_owned()));
        }
    }
    None
}

impl App {
    /// Clicks `trigger`, waits for the save or open dialog it opens and answers it: with `path`,
    /// types it as the file to save or open; without, keeps the proposed name (a save dialog
    /// opens in Downloads with Allies' name). Returns the dialog's title once it has closed.
    pub async fn answer_file_dialog(&self, trigger: &str, path: Option<&Path>) -> Result<String> {
        let path = path
            .map(|p| p.to_str().ok_or("the path is not UTF-8"))
            .transpose()?;
        self.through_file_dialog(trigger, |id, title| {
            if let Some(path) = path {
                if title.starts_with("Open ") {
                    xdotool(&["key", "--clearmodifiers", "ctrl+l"])?;
                }
                xdotool(&["key", "--clearmodifiers", "ctrl+a"])?;
                xdotool(&["type", "--delay", "15", path])?;
            }
            press_if_focused(id, "Return")
        })
        .await
    }

    /// Clicks `trigger`, waits for the file dialog it opens and closes it with Escape, as
    /// cancelling does. Returns the dialog's title.
    pub async fn cancel_file_dialog(&self, trigger: &str) -> Result<String> {
        self.through_file_dialog(trigger, |id, _| press_if_focused(id, "Escape"))
            .await
    }

    /// `answer` gets the dialog's window id and title and returns whether it sent its closing
    /// key; an answer that did not close the dialog (the focus went elsewhere, or GTK was not
    /// ready for the key) is given again, as a person would.
    async fn through_file_dialog(
        &self,
        trigger: &str,
        answer: impl Fn(&str, &str) -> Result<bool>,
    ) -> Result<String> {
        let group = self.driver_pid().ok_or("the driver is not running")?;
        let _display = DISPLAY.write().await;
        self.click(trigger).await?;
        let deadline = Instant::now() + PATIENCE;
        let (id, title) = loop {
            if let Some(found) = find_dialog(group) {
                break found;
            }
            if Instant::now() > deadline {
                return Err(format!("clicking {trigger} opened no file dialog").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        // GTK fills the dialog's folder and name just after mapping it.
        tokio::time::sleep(Duration::from_millis(400)).await;
        for _ in 0..3 {
            xdotool(&["windowfocus", "--sync", &id])?;
            if answer(&id, &title)? {
                let closing = Instant::now() + CLOSING;
                while find_dialog(group).is_some() && Instant::now() < closing {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            if find_dialog(group).is_none() {
                return Ok(title);
            }
        }
        Err(format!("the dialog “{title}” did not close after three answers").into())
    }
}

/// Presses `key` if the dialog `id` still has the keyboard focus; says whether it did.
fn press_if_focused(id: &str, key: &str) -> Result<bool> {
    if xdotool(&["getwindowfocus"])?.trim() != id {
        return Ok(false);
    }
    xdotool(&["key", "--clearmodifiers", key])?;
    Ok(true)
}

/// A file being dragged over the app's window from `drag_file`'s window, with the mouse button
/// held; [`Dragging::drop_it`] lets go.
pub struct Dragging {
    source: std::process::Child,
    _pointer: tokio::sync::RwLockWriteGuard<'static, ()>,
}

impl App {
    /// Starts dragging `path` from a drag source window (`drag_file`, src/bin/drag_file.rs, at
    /// the screen's top-left; a test passes `env!("CARGO_BIN_EXE_drag_file")`) to the middle of
    /// the screen, over the app's window, and holds it there.
    pub async fn drag_file_over_window(&self, drag_file: &str, path: &Path) -> Result<Dragging> {
        let pointer = DISPLAY.write().await;
        // The app's window above any other test's, and its middle, where the file goes.
        let (cx, cy) = self.raise_main_window()?;
        let source = Command::new(drag_file)
            .arg(path)
            .spawn()
            .map_err(|e| format!("cannot start drag_file: {e}"))?;
        let mut dragging = Dragging {
            source,
            _pointer: pointer,
        };
        let deadline = Instant::now() + PATIENCE;
        let id = loop {
            if let Ok(found) = xdotool(&["search", "--onlyvisible", "--name", "^Drag this file$"]) {
                if let Some(id) = found.lines().next() {
                    break id.to_owned();
                }
            }
            if Instant::now() > deadline {
                let _ = dragging.source.kill();
                return Err("the drag source window never showed".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        // The source above it, where the press starts the drag.
        xdotool(&["windowraise", &id])?;
        // Let the source window draw and take input before the press.
        tokio::time::sleep(Duration::from_millis(300)).await;
        xdotool(&["mousemove", "--window", &id, "--sync", "60", "30"])?;
        xdotool(&["mousedown", "1"])?;
        // Past GTK's drag threshold in small steps, then across to the app's window.
        for (x, y) in [
            (70, 40),
            (90, 60),
            (140, 110),
            ((140 + cx) / 2, (110 + cy) / 2),
            (cx - 10, cy - 10),
            (cx, cy),
        ] {
            xdotool(&["mousemove", &x.to_string(), &y.to_string()])?;
            tokio::time::sleep(Duration::from_millis(120)).await;
        }
        Ok(dragging)
    }
}

impl App {
    /// Raises the app's main window above any other on the display; returns its middle, in
    /// screen coordinates.
    fn raise_main_window(&self) -> Result<(i32, i32)> {
        let group = self.driver_pid().ok_or("the driver is not running")?;
        let id = group_members(group)
            .into_iter()
            .find_map(|pid| {
                let found = xdotool(&[
                    "search",
                    "--onlyvisible",
                    "--pid",
                    &pid.to_string(),
                    "--name",
                    "^Allies$",
                ])
                .ok()?;
                found.lines().next().map(str::to_owned)
            })
            .ok_or("the app's window is not on the display")?;
        xdotool(&["windowraise", &id])?;
        let geometry = xdotool(&["getwindowgeometry", "--shell", &id])?;
        let value = |key: &str| -> Result<i32> {
            geometry
                .lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
                .ok_or_else(|| format!("no {key} in xdotool's geometry: {geometry}").into())
        };
        Ok((
            value("X")? + value("WIDTH")? / 2,
            value("Y")? + value("HEIGHT")? / 2,
        ))
    }
}

impl Dragging {
    /// Releases the mouse button over the app's window, dropping the file there.
    pub async fn drop_it(mut self) -> Result<()> {
        xdotool(&["mouseup", "1"])?;
        // The drop completes through the source's answer to the app's data request.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let _ = self.source.kill();
        let _ = self.source.wait();
        Ok(())
    }
}

impl Drop for Dragging {
    fn drop(&mut self) {
        let _ = self.source.kill();
        let _ = self.source.wait();
    }
}
