//! The Windows signals that lock open encrypted data at once: the session locked
//! (`WM_WTSSESSION_CHANGE` with `WTS_SESSION_LOCK`, once the window is registered with
//! `WTSRegisterSessionNotification`) and the computer about to sleep (`WM_POWERBROADCAST` with
//! `PBT_APMSUSPEND`). Both come as window messages, so a hidden window of Allies' own, on a thread
//! of its own, receives them: calls into Win32, hence `unsafe` here.
#![allow(unsafe_code)]

use std::sync::OnceLock;

use ::windows::core::w;
use ::windows::Win32::Foundation::{HWND, LPARAM, LRESULT, WPARAM};
use ::windows::Win32::System::LibraryLoader::GetModuleHandleW;
use ::windows::Win32::System::RemoteDesktop::{
    WTSRegisterSessionNotification, NOTIFY_FOR_THIS_SESSION,
};
use ::windows::Win32::UI::WindowsAndMessaging::{
    CreateWindowExW, DefWindowProcW, DispatchMessageW, GetMessageW, RegisterClassW, MSG,
    PBT_APMSUSPEND, WINDOW_EX_STYLE, WINDOW_STYLE, WM_POWERBROADCAST, WM_WTSSESSION_CHANGE,
    WNDCLASSW, WTS_SESSION_LOCK,
};

use super::lock_signal::OnSignal;
use super::rules;

// The numbers the rules read messages by are Windows' own.
const _: () = assert!(rules::WM_WTSSESSION_CHANGE == WM_WTSSESSION_CHANGE);
const _: () = assert!(rules::WTS_SESSION_LOCK == WTS_SESSION_LOCK);
const _: () = assert!(rules::WM_POWERBROADCAST == WM_POWERBROADCAST);
const _: () = assert!(rules::PBT_APMSUSPEND == PBT_APMSUSPEND);

/// What the window tells each signal to: set once, for the process.
static ON_SIGNAL: OnceLock<OnSignal> = OnceLock::new();

/// Starts watching: `on_signal` is told each lock of the session and each sleep, on the hidden
/// window's thread. An error says why nothing will be told (the idle timer still locks).
pub fn watch(on_signal: OnSignal) -> Result<(), String> {
    if ON_SIGNAL.set(on_signal).is_err() {
        return Err("the session's signals are watched already".into());
    }
    let (tell, told) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("allies-lock-signals".into())
        .spawn(move || match hidden_window() {
            Ok(()) => {
                let _ = tell.send(Ok(()));
                pump();
            }
            Err(e) => {
                let _ = tell.send(Err(e));
            }
        })
        .map_err(|e| format!("the signal thread did not start: {e}"))?;
    told.recv()
        .map_err(|_| "the signal thread ended before its window was made".to_owned())?
}

/// Makes the hidden window on this thread and registers it for the session's changes.
fn hidden_window() -> Result<(), String> {
    let class_name = w!("AlliesLockSignals");
    // SAFETY: Win32 calls with valid arguments: the class and window names are static, the
    // window procedure lives for the process, and the window is never destroyed.
    unsafe {
        let instance = GetModuleHandleW(None).map_err(|e| e.to_string())?;
        let class = WNDCLASSW {
            lpfnWndProc: Some(window_proc),
            hInstance: instance.into(),
            lpszClassName: class_name,
            ..Default::default()
        };
        if RegisterClassW(&class) == 0 {
            return Err(::windows::core::Error::from_thread().to_string());
        }
        // A top-level window, never shown: power broadcasts reach top-level windows only.
        let window = CreateWindowExW(
            WINDOW_EX_STYLE::default(),
            class_name,
            w!("Allies"),
            WINDOW_STYLE::default(),
            0,
            0,
            0,
            0,
            None,
            None,
            Some(instance.into()),
            None,
        )
        .map_err(|e| e.to_string())?;
        WTSRegisterSessionNotification(window, NOTIFY_FOR_THIS_SESSION)
            .map_err(|e| format!("the session's changes cannot be followed: {e}"))?;
    }
    Ok(())
}

/// Hands this thread's messages to the window procedure, for the life of the process.
fn pump() {
    let mut message = MSG::default();
    // SAFETY: `message` is a valid MSG for GetMessageW to fill and DispatchMessageW to read.
    unsafe {
        while GetMessageW(&mut message, None, 0, 0).as_bool() {
            DispatchMessageW(&message);
        }
    }
}

/// The hidden window's procedure: a lock or a sleep is told, everything goes on to Windows.
unsafe extern "system" fn window_proc(
    window: HWND,
    message: u32,
    wparam: WPARAM,
    lparam: LPARAM,
) -> LRESULT {
    if let (Some(signal), Some(on_signal)) =
        (rules::lock_signal(message, wparam.0), ON_SIGNAL.get())
    {
        on_signal(signal);
    }
    // SAFETY: the message as Windows gave it, to Windows' default procedure.
    unsafe { DefWindowProcW(window, message, wparam, lparam) }
}
