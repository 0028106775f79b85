//! Pop-ups on macOS through the user-notification framework (UNUserNotificationCenter), with
//! the reminder's buttons as the notification's actions. Allies asks once, at start, whether it
//! may show notifications (macOS asks the user the first time only). A copy run outside
//! `Allies.app`, or one the user said no to, has each pop-up refused with the reason, and the
//! reminder loop shows it in the app's own list. Same names as `linux/notifier.rs`, which
//! `desktop/mod.rs` picks on Linux.
//!
//! The notification centre calls back through a delegate, an Objective-C object: the one place
//! of the shell that declares a class, hence `unsafe` here and nowhere else.
#![allow(unsafe_code)]

use std::collections::HashMap;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{mpsc, Mutex, OnceLock, PoisonError};
use std::time::Duration;

use allies_core::reminders::notification::{Notification, Notifier, NotifyError};
use block2::{DynBlock, RcBlock};
use objc2::rc::Retained;
use objc2::runtime::{Bool, NSObject, NSObjectProtocol, ProtocolObject};
use objc2::{define_class, msg_send, AllocAnyThread};
use objc2_foundation::{NSArray, NSBundle, NSError, NSSet, NSString};
use objc2_user_notifications::{
    UNAuthorizationOptions, UNAuthorizationStatus, UNMutableNotificationContent, UNNotification,
    UNNotificationAction, UNNotificationActionOptions, UNNotificationCategory,
    UNNotificationCategoryOptions, UNNotificationDefaultActionIdentifier,
    UNNotificationDismissActionIdentifier, UNNotificationPresentationOptions,
    UNNotificationRequest, UNNotificationResponse, UNNotificationSettings,
    UNUserNotificationCenter, UNUserNotificationCenterDelegate,
};

use super::buttons::{self, BODY, CLOSED};
use super::rules::{self, Permission};

/// A notification centre that has not answered in this time is treated as missing.
const ANSWER_WITHIN: Duration = Duration::from_secs(5);

/// What a click is handed to, once: the action's key, [`BODY`] for the notification itself, or
/// [`CLOSED`] when the user closed it.
type OnAction = Box<dyn FnOnce(&str) + Send>;
/// What is kept by a string key (a request's or a category's identifier).
type Keyed<T> = Mutex<HashMap<String, T>>;

/// The answers of the pop-ups shown and not answered yet, by request identifier.
fn waiting() -> &'static Keyed<OnAction> {
    static WAITING: OnceLock<Keyed<OnAction>> = OnceLock::new();
    WAITING.get_or_init(Mutex::default)
}

/// The sets of buttons registered as categories, by category id.
fn categories() -> &'static Keyed<Vec<(String, String)>> {
    static CATEGORIES: OnceLock<Keyed<Vec<(String, String)>>> = OnceLock::new();
    CATEGORIES.get_or_init(Mutex::default)
}

define_class!(
    // SAFETY: NSObject has no subclassing requirements, and this class adds no instance
    // variables nor a Drop.
    #[unsafe(super(NSObject))]
    #[name = "AlliesNotificationDelegate"]
    struct Delegate;

    // SAFETY: NSObjectProtocol has no requirements.
    unsafe impl NSObjectProtocol for Delegate {}

    // SAFETY: each method has the signature the protocol declares.
    unsafe impl UNUserNotificationCenterDelegate for Delegate {
        /// Shows the pop-up while Allies is the active app too (macOS would keep it silent).
        #[unsafe(method(userNotificationCenter:willPresentNotification:withCompletionHandler:))]
        fn will_present(
            &self,
            _center: &UNUserNotificationCenter,
            _notification: &UNNotification,
            completion: &DynBlock<dyn Fn(UNNotificationPresentationOptions)>,
        ) {
            completion.call((UNNotificationPresentationOptions::Banner
                | UNNotificationPresentationOptions::List
                | UNNotificationPresentationOptions::Sound,));
        }

        /// A click on a button or on the pop-up, or its closing: handed to the pop-up's answer.
        #[unsafe(method(userNotificationCenter:didReceiveNotificationResponse:withCompletionHandler:))]
        fn did_receive(
            &self,
            _center: &UNUserNotificationCenter,
            response: &UNNotificationResponse,
            completion: &DynBlock<dyn Fn()>,
        ) {
            let id = response.notification().request().identifier().to_string();
            let action = response.actionIdentifier();
            // SAFETY: the framework's constants, set when it loads.
            let (body, dismissed) = unsafe {
                (
                    UNNotificationDefaultActionIdentifier,
                    UNNotificationDismissActionIdentifier,
                )
            };
            let key = if &*action == body {
                BODY.to_owned()
            } else if &*action == dismissed {
                CLOSED.to_owned()
            } else {
                buttons::answer_key(Some(&action.to_string())).to_owned()
            };
            let answer = waiting()
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&id);
            if let Some(on_action) = answer {
                on_action(&key);
            }
            completion.call(());
        }
    }
);

impl Delegate {
    fn new() -> Retained<Self> {
        let this = Self::alloc().set_ivars(());
        // SAFETY: NSObject's init, on a freshly allocated object.
        unsafe { msg_send![super(this), init] }
    }
}

/// Shows notifications; what it shows is answered through the one delegate.
#[derive(Clone, Default)]
pub struct DesktopNotifier;

impl Notifier for DesktopNotifier {
    fn show(&self, n: &Notification) -> Result<(), NotifyError> {
        self.show_then(n, |_| {})
    }
}

impl DesktopNotifier {
    /// Sets the delegate that hears the clicks, and asks the user (the first time) whether
    /// Allies may show notifications.
    pub fn start() -> DesktopNotifier {
        if let Some(center) = center() {
            let delegate = Delegate::new();
            center.setDelegate(Some(ProtocolObject::from_ref(&*delegate)));
            // The centre holds its delegate weakly: this one lives as long as the app.
            let _ = Retained::into_raw(delegate);
            let asked = RcBlock::new(|_granted: Bool, _error: *mut NSError| {});
            center.requestAuthorizationWithOptions_completionHandler(
                UNAuthorizationOptions::Alert | UNAuthorizationOptions::Sound,
                &asked,
            );
        }
        DesktopNotifier
    }

    /// Shows `n`; when the user clicks one of its buttons or the pop-up, or closes it, the
    /// delegate hands `on_action` the key, once.
    pub fn show_then(
        &self,
        n: &Notification,
        on_action: impl FnOnce(&str) + Send + 'static,
    ) -> Result<(), NotifyError> {
        let refused = |p: Permission| NotifyError(rules::refusal(p).unwrap_or_default().into());
        let Some(center) = center() else {
            return Err(refused(Permission::NotBundled));
        };
        let permission = permission(&center);
        if permission != Permission::Allowed {
            return Err(refused(permission));
        }
        let content = UNMutableNotificationContent::new();
        content.setTitle(&NSString::from_str(&n.title));
        content.setBody(&NSString::from_str(&n.body));
        let id = next_id();
        if !n.actions.is_empty() {
            let shown = buttons::buttons(&n.actions, rules::MOST_BUTTONS);
            if !shown.is_empty() {
                let category = register(&center, &shown);
                content.setCategoryIdentifier(&NSString::from_str(&category));
            }
            waiting()
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .insert(id.clone(), Box::new(on_action));
        }
        let request = UNNotificationRequest::requestWithIdentifier_content_trigger(
            &NSString::from_str(&id),
            &content,
            None,
        );
        let (tell, told) = mpsc::channel();
        let added = RcBlock::new(move |error: *mut NSError| {
            // SAFETY: the framework passes a valid NSError or null.
            let why = unsafe { error.as_ref() }.map(|e| e.localizedDescription().to_string());
            let _ = tell.send(why);
        });
        center.addNotificationRequest_withCompletionHandler(&request, Some(&added));
        let failed = match told.recv_timeout(ANSWER_WITHIN) {
            Ok(None) => return Ok(()),
            Ok(Some(why)) => format!("macOS did not show the pop-up: {why}"),
            Err(_) => format!(
                "the notification centre did not answer within {} seconds",
                ANSWER_WITHIN.as_secs()
            ),
        };
        waiting()
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&id);
        Err(NotifyError(failed))
    }
}

/// The notification centre, when Allies runs as an app (the framework throws without one).
fn center() -> Option<Retained<UNUserNotificationCenter>> {
    NSBundle::mainBundle().bundleIdentifier()?;
    Some(UNUserNotificationCenter::currentNotificationCenter())
}

/// Whether the user lets Allies show notifications now (they may change it at any time).
fn permission(center: &UNUserNotificationCenter) -> Permission {
    let (tell, told) = mpsc::channel();
    let read = RcBlock::new(move |settings: NonNull<UNNotificationSettings>| {
        // SAFETY: the framework passes valid settings.
        let status = unsafe { settings.as_ref() }.authorizationStatus();
        let _ = tell.send(status);
    });
    center.getNotificationSettingsWithCompletionHandler(&read);
    match told.recv_timeout(ANSWER_WITHIN) {
        Ok(s) if s == UNAuthorizationStatus::Denied => Permission::Refused,
        Ok(s) if s == UNAuthorizationStatus::NotDetermined => Permission::NotAnswered,
        Ok(_) => Permission::Allowed,
        Err(_) => Permission::NotAnswered,
    }
}

/// A request identifier no other pop-up of this run or an earlier one has.
fn next_id() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let started = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    format!(
        "allies-{}-{started}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Registers the category of `shown` if it is new (with every earlier one: macOS replaces the
/// whole set), and waits until macOS has it, so the first pop-up has its buttons too.
fn register(center: &UNUserNotificationCenter, shown: &[(&str, &str)]) -> String {
    let id = rules::category_id(shown);
    let mut known = categories().lock().unwrap_or_else(PoisonError::into_inner);
    if known.contains_key(&id) {
        return id;
    }
    known.insert(
        id.clone(),
        shown
            .iter()
            .map(|(k, l)| ((*k).to_owned(), (*l).to_owned()))
            .collect(),
    );
    let all: Vec<Retained<UNNotificationCategory>> = known
        .iter()
        .map(|(category, set)| {
            let actions: Vec<Retained<UNNotificationAction>> = set
                .iter()
                .map(|(key, label)| {
                    UNNotificationAction::actionWithIdentifier_title_options(
                        &NSString::from_str(key),
                        &NSString::from_str(label),
                        UNNotificationActionOptions::empty(),
                    )
                })
                .collect();
            // Closing the pop-up is told too (CustomDismissAction).
            UNNotificationCategory::categoryWithIdentifier_actions_intentIdentifiers_options(
                &NSString::from_str(category),
                &NSArray::from_retained_slice(&actions),
                &NSArray::new(),
                UNNotificationCategoryOptions::CustomDismissAction,
            )
        })
        .collect();
    center.setNotificationCategories(&NSSet::from_retained_slice(&all));
    // The set is stored in the background; reading it back returns once it is.
    let (tell, told) = mpsc::channel();
    let read = RcBlock::new(move |_: NonNull<NSSet<UNNotificationCategory>>| {
        let _ = tell.send(());
    });
    center.getNotificationCategoriesWithCompletionHandler(&read);
    let _ = told.recv_timeout(ANSWER_WITHIN);
    id
}
