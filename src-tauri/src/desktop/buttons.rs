//! What a pop-up with buttons shows and sends back on the systems whose notifications take
//! their buttons one by one (Windows' toasts, macOS's notification actions): which of a
//! reminder's actions become buttons, and the key a click answers with. The freedesktop service
//! takes the actions list as it is (`linux/notifier.rs`). Compiled and tested on every system.

/// The key of a click on the pop-up itself, not on a button: "Open".
pub const BODY: &str = "default";
/// The key sent when the user closes the pop-up without choosing.
pub const CLOSED: &str = "__closed";

/// The buttons of a pop-up with `actions` (key, label): every action but the click on the
/// pop-up itself, which the system gives as a click on the pop-up, at most `most`.
pub fn buttons(actions: &[(String, String)], most: usize) -> Vec<(&str, &str)> {
    actions
        .iter()
        .filter(|(key, _)| key != BODY)
        .map(|(key, label)| (key.as_str(), label.as_str()))
        .take(most)
        .collect()
}

/// The key a click sends back: a button's, or [`BODY`] for the pop-up itself (no key).
pub fn answer_key(key: Option<&str>) -> &str {
    match key {
        Some(key) if !key.is_empty() => key,
        _ => BODY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use allies_core::reminders::popup::Button;

    fn actions(keys: &[&str]) -> Vec<(String, String)> {
        keys.iter()
            .map(|k| ((*k).to_owned(), format!("Label {k}")))
            .collect()
    }

    #[test]
    fn every_action_but_the_click_on_the_pop_up_is_a_button() {
        let a = actions(&["done", "snooze", "default"]);
        assert_eq!(
            buttons(&a, 5),
            [("done", "Label done"), ("snooze", "Label snooze")]
        );
    }

    #[test]
    fn no_more_buttons_than_the_system_shows() {
        let a = actions(&["a", "b", "c", "d", "e", "f", "default"]);
        let keys: Vec<_> = buttons(&a, 5).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "c", "d", "e"], "the first five, in order");
    }

    #[test]
    fn a_click_on_the_pop_up_opens_and_a_button_answers_with_its_key() {
        assert_eq!(answer_key(None), BODY);
        assert_eq!(answer_key(Some("")), BODY);
        assert_eq!(answer_key(Some("snooze")), "snooze");
        assert_eq!(Button::from_key(answer_key(None)), Some(Button::Open));
        assert_eq!(Button::from_key(CLOSED), None, "closing answers nothing");
    }
}
