//! Pop-ups on Windows: toasts with the reminder's buttons, through the WinRT toast notifier
//! (tauri-winrt-notification), under the AppUserModelID the installers give Allies' Start menu
//! shortcut. Windows shows toasts only for an app it knows by that id, and only when the user
//! and their organisation allow it: otherwise each pop-up is refused with the reason, and the
//! reminder loop shows it in the app's own list, as on a Linux desktop without a notification
//! service. Same names as `linux/notifier.rs`, which `desktop/mod.rs` picks on Linux.

use std::sync::{Arc, Mutex, PoisonError};

use ::windows::core::HSTRING;
use ::windows::UI::Notifications::{NotificationSetting, ToastNotificationManager};
use allies_core::reminders::notification::{Notification, Notifier, NotifyError};
use tauri_winrt_notification::{Toast, ToastDismissalReason};

use super::buttons::{self, answer_key};
use super::rules::{self, Setting, APP_ID};

/// What a click is handed to, once: the action's key, [`buttons::BODY`] for the toast itself, or
/// [`buttons::CLOSED`] when the user closed it.
type OnAction = Box<dyn FnOnce(&str) + Send>;

/// Shows toasts; it holds nothing, as each toast carries its own answer.
#[derive(Clone, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError> {
        self.show_then(n, |_| {})
    }
}

impl DesktopNotifier {
    pub fn start() -> DesktopNotifier {
        DesktopNotifier
    }

    /// Shows `n`; when the user clicks one of its buttons or the toast, or closes it, Windows
    /// calls back (on a thread of its own) and `on_action` gets the key, once.
    pub fn show_then(
        &self,
        n: &Notification,
        on_action: impl FnOnce(&str) + Send + 'static,
    ) -> Result<(), NotifyError> {
        allowed()?;
        let mut toast = Toast::new(APP_ID).title(&n.title).text1(&n.body);
        if !n.actions.is_empty() {
            for (key, label) in buttons::buttons(&n.actions, rules::MOST_BUTTONS) {
                toast = toast.add_button(label, key);
            }
            let answer: Arc<Mutex<Option<OnAction>>> =
                Arc::new(Mutex::new(Some(Box::new(on_action))));
            let on_close = Arc::clone(&answer);
            toast = toast
                .on_activated(move |arguments| {
                    answer_once(&answer, answer_key(arguments.as_deref()));
                    Ok(())
                })
                .on_dismissed(move |reason| {
                    // A toast that timed out waits in the notification centre, where a click
                    // still answers it.
                    if reason == Some(ToastDismissalReason::UserCanceled) {
                        answer_once(&on_close, buttons::CLOSED);
                    }
                    Ok(())
                });
        }
        toast
            .show()
            .map_err(|e| NotifyError(format!("Windows did not show the pop-up: {e}")))
    }
}

/// Hands `key` to the answer if no click came before.
fn answer_once(answer: &Mutex<Option<OnAction>>, key: &str) {
    let taken = answer.lock().unwrap_or_else(PoisonError::into_inner).take();
    if let Some(on_action) = taken {
        on_action(key);
    }
}

/// Whether Windows lets Allies show a toast now. A notifier for an id that no installed
/// shortcut carries cannot say (its setting is an error): a copy run without installing.
fn allowed() -> Result<(), NotifyError> {
    let setting = ToastNotificationManager::CreateToastNotifierWithId(&HSTRING::from(APP_ID))
        .and_then(|notifier| notifier.Setting());
    let Ok(setting) = setting else {
        return Err(NotifyError(rules::NOT_INSTALLED.into()));
    };
    let setting = match setting {
        NotificationSetting::Enabled => Setting::Enabled,
        NotificationSetting::DisabledForApplication => Setting::OffForAllies,
        NotificationSetting::DisabledForUser => Setting::OffForUser,
        NotificationSetting::DisabledByGroupPolicy => Setting::OffByPolicy,
        _ => Setting::OffByManifest,
    };
    match rules::refusal(setting) {
        None => Ok(()),
        Some(why) => Err(NotifyError(why.into())),
    }
}
