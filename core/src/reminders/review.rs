//! The weekly review: one reminder that sums up the week ahead and who is going cold.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, Utc};

use super::builder::Builder;
use super::schedule::{local_day_at, Kind, Repeat, Rule};
use super::settings::ReminderSettings;

pub(super) fn joined(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first @ .., last] if list.len() <= 4 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} more", list[..3].join(", "), list.len() - 3),
    }
}

/// One line on each thing that needs the user this week, from the other rules.
pub(super) fn review_body(
    rules: &[Rule],
    names: &HashMap<String, String>,
    now: DateTime<Utc>,
) -> String {
    let cold: Vec<&str> = rules
        .iter()
        .filter(|r| r.kind == Kind::KeepInTouch && r.due_at(now).is_some())
        .filter_map(|r| names.get(r.person_id.as_deref()?).map(String::as_str))
        .collect();
    let thanks = rules.iter().filter(|r| r.kind == Kind::ThankYou).count();
    let week = now + Duration::days(7);
    let promises = rules
        .iter()
        .filter(|r| r.kind == Kind::Promise && r.first_due <= week)
        .count();
    let mut lines = Vec::new();
    if !cold.is_empty() {
        lines.push(format!("Going cold: {}.", joined(&cold)));
    }
    if thanks > 0 {
        lines.push(format!(
            "{thanks} thank-you{} to send.",
            if thanks == 1 { "" } else { "s" }
        ));
    }
    if promises > 0 {
        lines.push(format!(
            "{promises} promise{} due by next week.",
            if promises == 1 { " is" } else { "s are" }
        ));
    }
    if lines.is_empty() {
        "Your alliances are warm. Take five minutes to plan next week’s conversations.".into()
    } else {
        lines.join(" ")
    }
}

pub(super) fn weekly_review(b: &mut Builder<'_>, settings: &ReminderSettings, now: DateTime<Utc>) {
    if !settings.weekly_review {
        return;
    }
    let since = settings.since.unwrap_or(now);
    let local = since.with_timezone(&b.tz);
    let ahead = (7 + settings.weekly_review_day.num_days_from_monday()
        - local.weekday().num_days_from_monday())
        % 7;
    let mut first = local_day_at(
        b.tz,
        since,
        u64::from(ahead),
        settings.weekly_review_clock(),
    );
    if first < since {
        first = local_day_at(
            b.tz,
            since,
            u64::from(ahead) + 7,
            settings.weekly_review_clock(),
        );
    }
    let body = review_body(&b.rules, &b.names, now);
    let tz = b.tz;
    b.push(
        Kind::WeeklyReview,
        "",
        None,
        "Weekly review".into(),
        body,
        first,
        Repeat::Weeks(1),
        tz,
    );
}
