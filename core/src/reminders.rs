//! Reminders drawn from what the user recorded (thank-yous, keeping in touch, promises,
//! conflicts, check-ins, the weekly review) and the ones they write themselves; what the user
//! did about each; and the log that keeps any of them from showing twice.
//!
//! [`rules`] turns the database into [`Rule`]s, [`crate::schedule::plan`] decides, and
//! [`fire_due`] records what it decided to show before anything is shown.

use std::collections::HashMap;

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{check_length, day, required};
use crate::maps::{Position, Quadrant};
use crate::notification::Notification;
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::reminder_settings::{self, ReminderSettings, ThankYouTiming};
use crate::schedule::{self, local_day_at, resolve, Kind, Notice, Repeat, Rule};
use crate::storage::Database;

pub const MAX_TITLE: usize = 500;
pub const MAX_NOTE: usize = 10_000;
/// How far ahead the Reminders view lists what is coming.
pub const UPCOMING_DAYS: u64 = 14;

/// How often to keep in touch with someone in each quadrant of their maps, in days.
pub fn cadence_for(quadrant: Quadrant) -> u32 {
    match quadrant {
        Quadrant::ManageClosely => 14,
        Quadrant::KeepSatisfied | Quadrant::KeepInformed => 30,
        Quadrant::Monitor => 91,
    }
}

fn subject(kind: Kind, id: &str) -> String {
    format!("{}:{id}", kind.as_str())
}

/// The kind and record id a subject names ("promise:<id>" → Promise, "<id>").
fn parse_subject(subject: &str) -> Option<(Kind, &str)> {
    let (kind, rest) = subject.split_once(':').unwrap_or((subject, ""));
    let kind = Kind::ALL.iter().copied().find(|k| k.as_str() == kind)?;
    Some((kind, rest))
}

#[derive(Debug, Default, Clone)]
struct State {
    snoozed_until: Option<DateTime<Utc>>,
    done_through: Option<DateTime<Utc>>,
    dismissed: bool,
}

fn states(db: &Database) -> Result<HashMap<String, State>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT subject, snoozed_until, done_through, dismissed_at IS NOT NULL FROM reminder_state",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            State {
                snoozed_until: r.get(1)?,
                done_through: r.get(2)?,
                dismissed: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Builds rules with the user's time zone and what they did about each.
struct Builder<'a> {
    tz: Tz,
    morning: NaiveTime,
    states: &'a HashMap<String, State>,
    rules: Vec<Rule>,
    /// Names of the people with a keep-in-touch rule, by person id, for the weekly review.
    names: HashMap<String, String>,
}

impl Builder<'_> {
    fn state(&self, subject: &str) -> State {
        self.states.get(subject).cloned().unwrap_or_default()
    }

    fn morning_of(&self, day: NaiveDate) -> DateTime<Utc> {
        resolve(self.tz, day.and_time(self.morning))
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        kind: Kind,
        id: &str,
        person_id: Option<String>,
        title: String,
        body: String,
        first_due: DateTime<Utc>,
        repeat: Repeat,
        tz: Tz,
    ) {
        let subject = subject(kind, id);
        let state = self.state(&subject);
        if state.dismissed {
            return;
        }
        self.rules.push(Rule {
            subject,
            kind,
            person_id,
            title,
            body,
            first_due,
            repeat,
            tz,
            done_through: state.done_through,
            snoozed_until: state.snoozed_until,
        });
    }
}

fn thank_yous(db: &Database, b: &mut Builder<'_>, settings: &ReminderSettings) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, f.person_id, p.name, f.description, f.done_at FROM favours f
           JOIN people p ON p.id = f.person_id AND p.deleted_at IS NULL
         WHERE f.deleted_at IS NULL AND f.direction = 'by_them' AND f.status = 'done'
           AND f.thanked_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, DateTime<Utc>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, description, done_at) = row?;
        let first_due = match settings.thank_you {
            ThankYouTiming::SameDay => done_at,
            ThankYouTiming::NextMorning => local_day_at(b.tz, done_at, 1, b.morning),
            ThankYouTiming::InDays => {
                local_day_at(b.tz, done_at, u64::from(settings.thank_you_days), b.morning)
            }
        };
        let tz = b.tz;
        b.push(
            Kind::ThankYou,
            &id,
            Some(person),
            format!("Thank {name}"),
            format!("{name} helped you: {description}. A short thank-you keeps the alliance warm."),
            first_due,
            Repeat::Days(1),
            tz,
        );
    }
    Ok(())
}

fn promises(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT pr.id, pr.person_id, p.name, pr.direction, pr.description, pr.due_on FROM promises pr
           JOIN people p ON p.id = pr.person_id AND p.deleted_at IS NULL
         WHERE pr.deleted_at IS NULL AND pr.status = 'open' AND pr.due_on IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, NaiveDate>(5)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, direction, description, due_on) = row?;
        let (title, body) = if direction == "mine" {
            (
                format!("Promise to {name} due"),
                format!("You promised {name}: {description}. Due {due_on}."),
            )
        } else {
            (
                format!("Check on {name}’s promise"),
                format!("{name} promised you: {description}. Due {due_on}."),
            )
        };
        let (due, tz) = (b.morning_of(due_on), b.tz);
        b.push(
            Kind::Promise,
            &id,
            Some(person),
            title,
            body,
            due,
            Repeat::Never,
            tz,
        );
    }
    Ok(())
}

fn conflicts(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT c.id, c.person_id, p.name, c.description, c.resolve_by FROM conflicts c
           JOIN people p ON p.id = c.person_id AND p.deleted_at IS NULL
         WHERE c.deleted_at IS NULL AND c.status = 'open' AND c.resolve_by IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, NaiveDate>(4)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, description, resolve_by) = row?;
        let (due, tz) = (b.morning_of(resolve_by), b.tz);
        b.push(
            Kind::Conflict,
            &id,
            Some(person),
            format!("Resolve the tension with {name}"),
            format!("{description}. You meant to settle it by {resolve_by}: talk it through before it grows."),
            due,
            Repeat::Never,
            tz,
        );
    }
    Ok(())
}

/// Everyone with a cadence: their own, or the tightest their quadrants on live maps suggest.
/// Someone the user means to stay in touch with, and since when the clock runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Cadence {
    pub person_id: String,
    pub name: String,
    /// Every how many days: their own cadence, or the tightest their quadrants suggest.
    pub days: u32,
    /// The most demanding quadrant they are in on a live map.
    pub quadrant: Option<Quadrant>,
    pub last_contact: Option<DateTime<Utc>>,
    /// When the clock starts: the last contact, or when they joined a map or the app, or when
    /// the user last marked the reminder done, whichever is latest.
    pub since: DateTime<Utc>,
}

/// Everyone with a keep-in-touch cadence: those on a live map or with their own.
pub fn cadences(db: &Database) -> Result<Vec<Cadence>> {
    cadences_with(db, &states(db)?)
}

fn cadences_with(db: &Database, done: &HashMap<String, State>) -> Result<Vec<Cadence>> {
    let mut on_maps: HashMap<String, (Quadrant, DateTime<Utc>)> = HashMap::new();
    {
        let mut stmt = db.conn().prepare_cached(
            "SELECT pl.person_id, pl.power, pl.interest, pl.placed_at FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Position::new(r.get(1)?, r.get(2)?),
                r.get::<_, DateTime<Utc>>(3)?,
            ))
        })?;
        for row in rows {
            let (person, position, placed_at) = row?;
            let quadrant = position.quadrant();
            let entry = on_maps.entry(person).or_insert((quadrant, placed_at));
            if cadence_for(quadrant) < cadence_for(entry.0) {
                entry.0 = quadrant;
            }
            entry.1 = entry.1.min(placed_at);
        }
    }
    let mut stmt = db.conn().prepare_cached(
        "WITH kept (person_id) AS (
             SELECT pl.person_id FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
             UNION SELECT person_id FROM profiles WHERE cadence_days IS NOT NULL)
         SELECT p.id, p.name, p.created_at, pr.cadence_days,
                (SELECT max(i.occurred_at) FROM interaction_people ip
                   JOIN interactions i ON i.id = ip.interaction_id
                  WHERE ip.person_id = p.id AND i.deleted_at IS NULL)
           FROM kept JOIN people p ON p.id = kept.person_id
                AND p.deleted_at IS NULL AND p.left_at IS NULL
           LEFT JOIN profiles pr ON pr.person_id = p.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, DateTime<Utc>>(2)?,
            r.get::<_, Option<u32>>(3)?,
            r.get::<_, Option<DateTime<Utc>>>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (person_id, name, created_at, own, last_contact) = row?;
        let mapped = on_maps.get(&person_id).copied();
        let Some(days) = own.or(mapped.map(|(q, _)| cadence_for(q))) else {
            continue;
        };
        // The clock runs from the last contact, or from when they joined a map, and restarts
        // when the user marks the reminder done.
        let since = last_contact
            .or(mapped.map(|(_, placed)| placed))
            .unwrap_or(created_at);
        let since = done
            .get(&subject(Kind::KeepInTouch, &person_id))
            .and_then(|s| s.done_through)
            .map_or(since, |d| since.max(d));
        out.push(Cadence {
            person_id,
            name,
            days: days.max(1),
            quadrant: mapped.map(|(q, _)| q),
            last_contact,
            since,
        });
    }
    Ok(out)
}

fn keep_in_touch(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for c in cadences_with(db, b.states)? {
        let first_due = local_day_at(b.tz, c.since, u64::from(c.days), b.morning);
        let ago = match c.last_contact {
            Some(t) => format!(
                "You last spoke on {}",
                t.with_timezone(&b.tz).format("%-d %b")
            ),
            None => "You have no contact logged yet".into(),
        };
        let tz = b.tz;
        let days = c.days;
        b.names.insert(c.person_id.clone(), c.name.clone());
        b.push(
            Kind::KeepInTouch,
            &c.person_id,
            Some(c.person_id.clone()),
            format!("Keep in touch with {}", c.name),
            format!(
                "{ago}; you meant to every {days} days. A short message or a coffee keeps it warm."
            ),
            first_due,
            Repeat::Days(days),
            tz,
        );
    }
    Ok(())
}

fn check_ins(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT c.id, c.label, c.start_on, c.person_id, p.name FROM check_ins c
           LEFT JOIN people p ON p.id = c.person_id
         WHERE c.deleted_at IS NULL AND (c.person_id IS NULL OR p.deleted_at IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, NaiveDate>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
        ))
    })?;
    for row in rows {
        let (id, label, start_on, person, name) = row?;
        for days in [30u64, 60, 90] {
            let Some(on) = start_on.checked_add_days(chrono::Days::new(days)) else {
                continue;
            };
            let with = name
                .as_deref()
                .map_or(String::new(), |n| format!(" with {n}"));
            let (due, tz) = (b.morning_of(on), b.tz);
            b.push(
                Kind::CheckIn,
                &format!("{id}:{days}"),
                person.clone(),
                format!("{days}-day check-in{with}: {label}"),
                "Ask what success looks like now, what the challenges are, and who else you should meet.".into(),
                due,
                Repeat::Never,
                tz,
            );
        }
    }
    Ok(())
}

/// Groups not attended for a quarter: due a quarter after the last time (or after the group was
/// added), then monthly until the user goes.
fn groups(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for group in crate::groups::list(db)? {
        let since = group
            .last_attended
            .unwrap_or_else(|| group.created_at.with_timezone(&b.tz).date_naive());
        let Some(due_day) = since.checked_add_days(chrono::Days::new(crate::groups::QUARTER_DAYS))
        else {
            continue;
        };
        let last = match group.last_attended {
            Some(day) => format!("You last went on {day}"),
            None => "You have not been yet".into(),
        };
        let (due, tz) = (b.morning_of(due_day), b.tz);
        b.push(
            Kind::Group,
            &group.id,
            None,
            format!("Go to a {} event", group.name),
            format!("{last}. Showing up at least once a quarter keeps you known there."),
            due,
            Repeat::Days(30),
            tz,
        );
    }
    Ok(())
}

text_enum! {
    /// How a reminder the user wrote comes back.
    Recurrence {
        Never = "never",
        Daily = "daily",
        Weekly = "weekly",
        Monthly = "monthly",
    }
}

impl Recurrence {
    fn repeat(self) -> Repeat {
        match self {
            Recurrence::Never => Repeat::Never,
            Recurrence::Daily => Repeat::Days(1),
            Recurrence::Weekly => Repeat::Weeks(1),
            Recurrence::Monthly => Repeat::Months(1),
        }
    }
}

fn one_offs(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT r.id, r.title, r.note, r.person_id, p.name, r.due_at, r.repeat, r.time_zone
           FROM reminders r LEFT JOIN people p ON p.id = r.person_id
         WHERE r.deleted_at IS NULL AND (r.person_id IS NULL OR p.deleted_at IS NULL)",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, DateTime<Utc>>(5)?,
            r.get::<_, Recurrence>(6)?,
            r.get::<_, String>(7)?,
        ))
    })?;
    for row in rows {
        let (id, title, note, person, name, due_at, recurrence, zone) = row?;
        let body = match (note.trim(), name) {
            ("", Some(name)) => format!("About {name}."),
            ("", None) => "A reminder you wrote in Allies.".into(),
            (note, _) => note.to_owned(),
        };
        let tz = zone.parse().unwrap_or(b.tz);
        b.push(
            Kind::OneOff,
            &id,
            person,
            title,
            body,
            due_at,
            recurrence.repeat(),
            tz,
        );
    }
    Ok(())
}

fn joined(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first @ .., last] if list.len() <= 4 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} more", list[..3].join(", "), list.len() - 3),
    }
}

/// One line on each thing that needs the user this week, from the other rules.
fn review_body(rules: &[Rule], names: &HashMap<String, String>, now: DateTime<Utc>) -> String {
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

fn weekly_review(b: &mut Builder<'_>, settings: &ReminderSettings, now: DateTime<Utc>) {
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

/// Every rule the user's records call for, as of `now`.
pub fn rules(db: &Database, now: DateTime<Utc>, settings: &ReminderSettings) -> Result<Vec<Rule>> {
    let states = states(db)?;
    let mut b = Builder {
        tz: settings.tz(),
        morning: settings.morning_time(),
        states: &states,
        rules: Vec::new(),
        names: HashMap::new(),
    };
    thank_yous(db, &mut b, settings)?;
    promises(db, &mut b)?;
    conflicts(db, &mut b)?;
    keep_in_touch(db, &mut b)?;
    check_ins(db, &mut b)?;
    groups(db, &mut b)?;
    one_offs(db, &mut b)?;
    weekly_review(&mut b, settings, now);
    Ok(b.rules)
}

fn last_shown(db: &Database) -> Result<HashMap<String, DateTime<Utc>>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT subject, max(due_at) FROM reminder_log GROUP BY subject")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What the scheduler does now, and when it looks again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Firing {
    pub notices: Vec<Notice>,
    pub held_until: Option<DateTime<Utc>>,
    pub next_wake: Option<DateTime<Utc>>,
}

/// Decides what is due at `now` and records it as shown, in one transaction, before the caller
/// shows anything: if the app dies between the two, the reminder is in the Reminders view
/// rather than shown twice.
pub fn fire_due(db: &mut Database, now: DateTime<Utc>) -> Result<Firing> {
    let settings = reminder_settings::get_or_start(db, now)?;
    let rules = rules(db, now, &settings)?;
    let shown = last_shown(db)?;
    let plan = schedule::plan(now, &rules, &shown, &settings.quiet());
    if !plan.show.is_empty() {
        db.write(|tx| {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO reminder_log (subject, due_at, fired_at, title)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for due in &plan.show {
                insert.execute(rusqlite::params![
                    due.subject,
                    time_text(due.due),
                    time_text(now),
                    due.title
                ])?;
            }
            Ok(())
        })?;
    }
    Ok(Firing {
        notices: schedule::notices(plan.show),
        held_until: plan.held_until,
        next_wake: plan.next_wake,
    })
}

/// The pop-up for a notice. A single reminder offers Done, Snooze 1 day and Open; a summary
/// of several offers Open.
pub fn notification(notice: &Notice) -> Notification {
    match notice {
        Notice::One(due) => Notification {
            title: due.title.clone(),
            body: due.body.clone(),
            actions: vec![
                ("done".into(), "Done".into()),
                ("snooze".into(), "Snooze 1 day".into()),
                ("default".into(), "Open".into()),
            ],
        },
        Notice::Summary(all) => {
            const LISTED: usize = 5;
            let mut lines: Vec<String> = all
                .iter()
                .take(LISTED)
                .map(|d| format!("• {}", d.title))
                .collect();
            if all.len() > LISTED {
                lines.push(format!("…and {} more", all.len() - LISTED));
            }
            Notification {
                title: format!("{} reminders are waiting", all.len()),
                body: lines.join("\n"),
                actions: vec![("default".into(), "Open reminders".into())],
            }
        }
    }
}

/// One reminder as the Reminders view lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub subject: String,
    pub kind: Kind,
    pub title: String,
    pub body: String,
    pub person_id: Option<String>,
    pub due: DateTime<Utc>,
    pub snoozed: bool,
    pub repeats: bool,
    /// The reminder's own id when the user wrote it (it can be edited and deleted).
    pub reminder_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DoneItem {
    pub subject: String,
    pub kind: Kind,
    pub title: String,
    pub person_id: Option<String>,
    pub done_at: DateTime<Utc>,
}

/// The Reminders view: what is overdue, what is due later today, what is coming, what was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Overview {
    pub overdue: Vec<Item>,
    pub today: Vec<Item>,
    pub upcoming: Vec<Item>,
    pub done: Vec<DoneItem>,
    /// Pop-ups wait until then (quiet hours or a pause) although reminders are due.
    pub held_until: Option<DateTime<Utc>>,
    pub paused_until: Option<DateTime<Utc>>,
    pub time_zone: String,
    /// The moment the overview describes, so "today" and "tomorrow" read from the app's clock.
    pub now: DateTime<Utc>,
}

fn item(rule: &Rule, due: DateTime<Utc>) -> Item {
    Item {
        subject: rule.subject.clone(),
        kind: rule.kind,
        title: rule.title.clone(),
        body: rule.body.clone(),
        person_id: rule.person_id.clone(),
        due,
        snoozed: rule.snoozed_until.is_some_and(|s| s >= due),
        repeats: rule.repeat != Repeat::Never,
        reminder_id: (rule.kind == Kind::OneOff)
            .then(|| parse_subject(&rule.subject).map(|(_, id)| id.to_owned()))
            .flatten(),
    }
}

pub fn overview(db: &Database, now: DateTime<Utc>) -> Result<Overview> {
    let settings = reminder_settings::get(db)?;
    let tz = settings.tz();
    let rules = rules(db, now, &settings)?;
    let end_of_today = local_day_at(tz, now, 1, NaiveTime::MIN);
    let horizon = local_day_at(tz, now, UPCOMING_DAYS + 1, NaiveTime::MIN);
    let (mut overdue, mut today, mut upcoming) = (Vec::new(), Vec::new(), Vec::new());
    for rule in &rules {
        if let Some(due) = rule.due_at(now) {
            overdue.push(item(rule, due));
        } else if let Some(next) = rule.next_due(now) {
            if next < end_of_today {
                today.push(item(rule, next));
            } else if next < horizon {
                upcoming.push(item(rule, next));
            }
        }
    }
    for list in [&mut overdue, &mut today, &mut upcoming] {
        list.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.subject.cmp(&b.subject)));
    }
    let mut stmt = db.conn().prepare_cached(
        "SELECT subject, kind, title, person_id, done_at FROM reminder_done
         WHERE done_at >= ?1 ORDER BY done_at DESC, id DESC LIMIT 50",
    )?;
    let done = stmt
        .query_map([time_text(now - Duration::days(14))], |r| {
            Ok(DoneItem {
                subject: r.get(0)?,
                kind: r.get(1)?,
                title: r.get(2)?,
                person_id: r.get(3)?,
                done_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let quiet = settings.quiet().until(now);
    Ok(Overview {
        held_until: quiet.filter(|_| !overdue.is_empty()),
        overdue,
        today,
        upcoming,
        done,
        paused_until: settings.paused_until.filter(|p| *p > now),
        time_zone: settings.time_zone,
        now,
    })
}

/// How many reminders are overdue, for the badge.
pub fn overdue_count(db: &Database, now: DateTime<Utc>) -> Result<usize> {
    let settings = reminder_settings::get(db)?;
    Ok(rules(db, now, &settings)?
        .iter()
        .filter(|r| r.due_at(now).is_some())
        .count())
}

fn find_rule(db: &Database, subject: &str, now: DateTime<Utc>) -> Result<Rule> {
    let settings = reminder_settings::get(db)?;
    rules(db, now, &settings)?
        .into_iter()
        .find(|r| r.subject == subject)
        .ok_or_else(|| Error::ReminderNotFound {
            subject: subject.to_owned(),
        })
}

fn set_state(
    tx: &rusqlite::Transaction<'_>,
    subject: &str,
    column: &'static str,
    value: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<()> {
    // `column` is always one of this module's literal column names.
    tx.execute(
        &format!(
            "INSERT INTO reminder_state (subject, {column}, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (subject) DO UPDATE SET {column} = excluded.{column},
                 updated_at = excluded.updated_at"
        ),
        rusqlite::params![subject, value.map(time_text), time_text(now)],
    )?;
    Ok(())
}

/// Marks what is due done: a thank-you as thanked, a promise as kept, anything else done for
/// now (a keep-in-touch clock starts again). All in one transaction.
pub fn complete(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    let rule = find_rule(db, subject, now)?;
    let id = parse_subject(subject).map_or("", |(_, id)| id).to_owned();
    db.write(|tx| {
        match rule.kind {
            Kind::ThankYou => {
                tx.execute(
                    "UPDATE favours SET thanked_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND thanked_at IS NULL",
                    rusqlite::params![id, time_text(now)],
                )?;
            }
            Kind::Promise => {
                tx.execute(
                    "UPDATE promises SET status = 'kept', closed_at = ?2, updated_at = ?2
                     WHERE id = ?1 AND status = 'open'",
                    rusqlite::params![id, time_text(now)],
                )?;
            }
            _ => {}
        }
        set_state(tx, subject, "done_through", Some(now), now)?;
        set_state(tx, subject, "snoozed_until", None, now)?;
        tx.execute(
            "INSERT INTO reminder_done (subject, kind, title, person_id, done_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params![
                subject,
                rule.kind,
                rule.title,
                rule.person_id,
                time_text(now)
            ],
        )?;
        Ok(())
    })
}

/// Holds a reminder until `until`, when it shows again.
pub fn snooze(
    db: &mut Database,
    subject: &str,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<()> {
    find_rule(db, subject, now)?;
    if until <= now {
        return Err(Error::Invalid {
            code: "reminders.snooze_past",
            field: "until",
            message: "Pick a time in the future to be reminded again.".into(),
        });
    }
    db.write(|tx| set_state(tx, subject, "snoozed_until", Some(until), now))
}

/// How long to snooze, as the Reminders view offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "for", rename_all = "snake_case")]
pub enum SnoozeFor {
    Hour,
    Day,
    /// The next morning, at the morning time of the settings.
    TomorrowMorning,
    /// A week from today, in the morning.
    NextWeek,
    /// A local day and time, "YYYY-MM-DDTHH:MM".
    Until {
        at: String,
    },
}

/// Snoozes as the user chose; returns when the reminder comes back.
pub fn snooze_for(
    db: &mut Database,
    subject: &str,
    choice: &SnoozeFor,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    let settings = reminder_settings::get(db)?;
    let (tz, morning) = (settings.tz(), settings.morning_time());
    let until = match choice {
        SnoozeFor::Hour => now + Duration::hours(1),
        SnoozeFor::Day => now + Duration::days(1),
        SnoozeFor::TomorrowMorning => local_day_at(tz, now, 1, morning),
        SnoozeFor::NextWeek => local_day_at(tz, now, 7, morning),
        SnoozeFor::Until { at } => local_due(at, tz)?,
    };
    snooze(db, subject, until, now)?;
    Ok(until)
}

/// Stops a reminder for good (a thank-you given in person, say); [`undismiss`] brings it back.
pub fn dismiss(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    find_rule(db, subject, now)?;
    db.write(|tx| set_state(tx, subject, "dismissed_at", Some(now), now))
}

pub fn undismiss(db: &mut Database, subject: &str, now: DateTime<Utc>) -> Result<()> {
    db.write(|tx| set_state(tx, subject, "dismissed_at", None, now))
}

/// A reminder as the user writes it; `due` is local wall-clock time "YYYY-MM-DDTHH:MM".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderInput {
    pub title: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub person_id: Option<String>,
    pub due: String,
    #[serde(default = "never")]
    pub repeat: Recurrence,
}

fn never() -> Recurrence {
    Recurrence::Never
}

/// Reads "YYYY-MM-DDTHH:MM" (what a date-time field sends) as a time in `tz`.
fn local_due(text: &str, tz: Tz) -> Result<DateTime<Utc>> {
    let text = text.trim();
    let bad = |why: &str| Error::Invalid {
        code: "reminders.bad_due",
        field: "due",
        message: format!(
            "“\u{2068}{text}\u{2069}” {why}. Pick a day and a time, like 2026-12-01 10:00."
        ),
    };
    if text.is_empty() {
        return Err(Error::Invalid {
            code: "reminders.due_required",
            field: "due",
            message: "Pick when to be reminded.".into(),
        });
    }
    let local = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M"))
        .map_err(|_| bad("is not a day and time"))?;
    day(&local.date().to_string(), "reminders.bad_due", "due")?;
    Ok(resolve(tz, local))
}

impl ReminderInput {
    fn validated(&self, db: &Database, tz: Tz) -> Result<(String, DateTime<Utc>)> {
        let title = required(
            &self.title,
            "reminders.title_required",
            "title",
            "Say what to be reminded of.",
        )?;
        check_length("title", "Title", title, MAX_TITLE)?;
        check_length("note", "Note", &self.note, MAX_NOTE)?;
        if let Some(person) = self.person_id.as_deref().filter(|p| !p.is_empty()) {
            crate::people::get(db, person)?;
        }
        Ok((title.to_owned(), local_due(&self.due, tz)?))
    }

    fn person(&self) -> Option<&str> {
        self.person_id.as_deref().filter(|p| !p.is_empty())
    }
}

/// Adds a reminder the user wrote, due at its local time in the user's time zone.
pub fn add(db: &mut Database, input: &ReminderInput, now: DateTime<Utc>) -> Result<String> {
    let zone = reminder_settings::get(db)?.time_zone;
    let (title, due) = input.validated(db, zone.parse().unwrap_or(Tz::UTC))?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO reminders (id, title, note, person_id, due_at, repeat, time_zone,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            rusqlite::params![
                id,
                title,
                input.note,
                input.person(),
                time_text(due),
                input.repeat,
                zone,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    Ok(id)
}

/// Changes a reminder the user wrote. It counts as new: a time already shown shows again.
pub fn edit(db: &mut Database, id: &str, input: &ReminderInput, now: DateTime<Utc>) -> Result<()> {
    let zone = reminder_settings::get(db)?.time_zone;
    let (title, due) = input.validated(db, zone.parse().unwrap_or(Tz::UTC))?;
    let subject = subject(Kind::OneOff, id);
    db.write(|tx| {
        let changed = tx.execute(
            "UPDATE reminders SET title = ?2, note = ?3, person_id = ?4, due_at = ?5, repeat = ?6,
                 time_zone = ?7, updated_at = ?8
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                title,
                input.note,
                input.person(),
                time_text(due),
                input.repeat,
                zone,
                time_text(now)
            ],
        )?;
        if changed == 0 {
            return Err(Error::ReminderNotFound {
                subject: subject.clone(),
            });
        }
        tx.execute("DELETE FROM reminder_log WHERE subject = ?1", [&subject])?;
        tx.execute("DELETE FROM reminder_state WHERE subject = ?1", [&subject])?;
        Ok(())
    })
}

/// The reminder as written, for editing.
pub fn get_written(db: &Database, id: &str) -> Result<ReminderInput> {
    let settings = reminder_settings::get(db)?;
    db.conn()
        .query_row(
            "SELECT title, note, person_id, due_at, repeat, time_zone FROM reminders
             WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                let due: DateTime<Utc> = r.get(3)?;
                let zone: String = r.get(5)?;
                let tz: Tz = zone.parse().unwrap_or(settings.tz());
                Ok(ReminderInput {
                    title: r.get(0)?,
                    note: r.get(1)?,
                    person_id: r.get(2)?,
                    due: due.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string(),
                    repeat: r.get(4)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::ReminderNotFound {
            subject: subject(Kind::OneOff, id),
        })
}

pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    get_written(db, id)?;
    delete_softly(db, "reminders", id, now)
}

pub fn restore(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "reminders", id)
}

/// A start date from which 30, 60 and 90-day check-ins follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInInput {
    pub label: String,
    pub start_on: String,
    #[serde(default)]
    pub person_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckIn {
    pub id: String,
    pub label: String,
    pub start_on: NaiveDate,
    pub person_id: Option<String>,
}

pub fn add_check_in(
    db: &mut Database,
    input: &CheckInInput,
    now: DateTime<Utc>,
) -> Result<CheckIn> {
    let label = required(
        &input.label,
        "check_ins.label_required",
        "label",
        "Name what started, like “New job at Acme” or “New manager: Dana”.",
    )?;
    check_length("label", "Label", label, MAX_TITLE)?;
    let start_on =
        day(&input.start_on, "check_ins.bad_date", "start_on")?.ok_or_else(|| Error::Invalid {
            code: "check_ins.date_required",
            field: "start_on",
            message: "Pick the day it started.".into(),
        })?;
    let person = input.person_id.as_deref().filter(|p| !p.is_empty());
    if let Some(person) = person {
        crate::people::get(db, person)?;
    }
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO check_ins (id, label, start_on, person_id, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![id, label, start_on, person, time_text(now)],
        )?;
        Ok(())
    })?;
    Ok(CheckIn {
        id,
        label: label.to_owned(),
        start_on,
        person_id: person.map(str::to_owned),
    })
}

pub fn check_ins_list(db: &Database) -> Result<Vec<CheckIn>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, label, start_on, person_id FROM check_ins WHERE deleted_at IS NULL
         ORDER BY start_on DESC, id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(CheckIn {
            id: r.get(0)?,
            label: r.get(1)?,
            start_on: r.get(2)?,
            person_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn delete_check_in(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<()> {
    delete_softly(db, "check_ins", id, now)
}

pub fn restore_check_in(db: &mut Database, id: &str) -> Result<()> {
    undelete(db, "check_ins", id)
}

/// The due times of a subject's occurrences already shown, for tests and diagnostics.
pub fn shown(db: &Database, subject: &str) -> Result<Vec<DateTime<Utc>>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT due_at FROM reminder_log WHERE subject = ?1 ORDER BY due_at")?;
    let rows = stmt.query_map([subject], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The subject of the thank-you a favour calls for.
pub fn thank_you_subject(favour_id: &str) -> String {
    subject(Kind::ThankYou, favour_id)
}

/// The subject of keeping in touch with a person.
pub fn keep_in_touch_subject(person_id: &str) -> String {
    subject(Kind::KeepInTouch, person_id)
}

/// The subject of a reminder the user wrote.
pub fn written_subject(id: &str) -> String {
    subject(Kind::OneOff, id)
}

/// The subject of the weekly review.
pub fn weekly_review_subject() -> String {
    subject(Kind::WeeklyReview, "")
}
