//! The countdown to a map's target date, and the gaps on the map it names: who has not heard
//! from the user lately, who is against the goal, whose stance is unknown, who is far from
//! where the user needs them.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::asks;
use crate::error::Result;
use crate::maps::{self, Map, Stance};
use crate::storage::Database;
use crate::wins;

/// The reminders before a round, in weeks before its day.
pub const COUNTDOWN_WEEKS: [u32; 4] = [8, 4, 2, 1];
/// Someone with no interaction in this many days has not heard from the user.
pub const NOT_HEARD_DAYS: i64 = 30;
/// Further than this from where the user needs them (on the 0..1 grid) is a gap worth naming.
pub const FAR_FROM_NEED: f64 = 0.35;

/// A person on the map, by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub person_id: String,
    pub name: String,
}

/// Someone who has not heard from the user in [`NOT_HEARD_DAYS`], and when they last did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotHeard {
    pub person_id: String,
    pub name: String,
    pub last_contact: Option<DateTime<Utc>>,
}

/// How long until a map's round, and what is still open on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Countdown {
    pub map_id: String,
    pub map_name: String,
    pub target_date: NaiveDate,
    /// Days from the user's today to the round; 0 on the day, negative once it has passed.
    pub days_left: i64,
    pub not_heard: Vec<NotHeard>,
    /// Skeptics and blockers.
    pub against: Vec<Named>,
    pub stance_unknown: Vec<Named>,
    pub far_from_need: Vec<Named>,
    /// Asks for this goal still waiting for their answer; the goal's forums where nobody has
    /// agreed to speak for the user; wins serving it that nobody has heard of yet.
    pub open_asks: Option<Vec<Named>>,
    pub forums_without_advocate: Option<Vec<String>>,
    pub wins_not_shared: Option<Vec<String>>,
}

impl Countdown {
    /// Whole weeks left, rounded down.
    pub fn weeks_left(&self) -> i64 {
        self.days_left.div_euclid(7)
    }

    /// One sentence per gap, for a reminder or the text of a page; empty when there are none.
    pub fn gap_sentences(&self) -> Vec<String> {
        let names =
            |list: &[Named]| -> Vec<String> { list.iter().map(|n| n.name.clone()).collect() };
        let mut out = Vec::new();
        let not_heard: Vec<String> = self.not_heard.iter().map(|n| n.name.clone()).collect();
        for (people, what) in [
            (
                not_heard,
                format!("Not heard from you in {NOT_HEARD_DAYS} days"),
            ),
            (names(&self.against), "Skeptical or blocking".to_owned()),
            (names(&self.stance_unknown), "Stance unknown".to_owned()),
            (
                names(&self.far_from_need),
                "Far from where you need them".to_owned(),
            ),
        ] {
            if !people.is_empty() {
                let list: Vec<&str> = people.iter().map(String::as_str).collect();
                out.push(format!("{what}: {}.", joined(&list)));
            }
        }
        for (items, what) in [
            (
                self.open_asks
                    .as_ref()
                    .map(|a| names(a))
                    .unwrap_or_default(),
                "Asks still open",
            ),
            (
                self.forums_without_advocate.clone().unwrap_or_default(),
                "No one speaks for you in",
            ),
            (
                self.wins_not_shared.clone().unwrap_or_default(),
                "Wins nobody has heard of",
            ),
        ] {
            if !items.is_empty() {
                let list: Vec<&str> = items.iter().map(String::as_str).collect();
                out.push(format!("{what}: {}.", joined(&list)));
            }
        }
        out
    }
}

fn joined(list: &[&str]) -> String {
    match list {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [first @ .., last] if list.len() <= 4 => format!("{} and {last}", first.join(", ")),
        _ => format!("{} and {} more", list[..3].join(", "), list.len() - 3),
    }
}

/// The countdown of a map with a target date; None for a map without one.
pub fn countdown(db: &Database, map_id: &str, now: DateTime<Utc>) -> Result<Option<Countdown>> {
    let map = maps::get(db, map_id)?;
    let today = super::today(db, now)?;
    of_map(db, &map, today, now)
}

/// The countdowns of every live map whose round is today or still ahead, the soonest first.
pub fn countdowns(db: &Database, now: DateTime<Utc>) -> Result<Vec<Countdown>> {
    let today = super::today(db, now)?;
    let mut out = Vec::new();
    for map in maps::list(db, false)? {
        if map.target_date.is_some_and(|d| d >= today) {
            out.extend(of_map(db, &map, today, now)?);
        }
    }
    out.sort_by(|a, b| {
        a.target_date
            .cmp(&b.target_date)
            .then_with(|| a.map_name.cmp(&b.map_name))
    });
    Ok(out)
}

fn of_map(
    db: &Database,
    map: &Map,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Option<Countdown>> {
    let Some(target_date) = map.target_date else {
        return Ok(None);
    };
    let cutoff = now - Duration::days(NOT_HEARD_DAYS);
    let mut c = Countdown {
        map_id: map.id.clone(),
        map_name: map.name.clone(),
        target_date,
        days_left: (target_date - today).num_days(),
        not_heard: Vec::new(),
        against: Vec::new(),
        stance_unknown: Vec::new(),
        far_from_need: Vec::new(),
        open_asks: Some(
            asks::list(db)?
                .into_iter()
                .filter(|a| a.status.open() && a.map_id.as_deref() == Some(map.id.as_str()))
                .map(|a| Named {
                    person_id: a.person_id,
                    name: a.person_name,
                })
                .collect(),
        ),
        forums_without_advocate: Some(
            asks::coverage::map_support(db, &map.id)?
                .forums
                .into_iter()
                .filter(|f| f.gap)
                .map(|f| f.forum.name)
                .collect(),
        ),
        wins_not_shared: Some(
            wins::list(db)?
                .into_iter()
                .filter(|w| w.known_by == 0 && w.map_id.as_deref() == Some(map.id.as_str()))
                .map(|w| w.title)
                .collect(),
        ),
    };
    for p in maps::placements(db, &map.id)? {
        let named = Named {
            person_id: p.person_id.clone(),
            name: p.name.clone(),
        };
        let last_contact = last_contact(db, &p.person_id)?;
        if last_contact.is_none_or(|t| t < cutoff) {
            c.not_heard.push(NotHeard {
                person_id: p.person_id.clone(),
                name: p.name.clone(),
                last_contact,
            });
        }
        match p.stance {
            Stance::Skeptic | Stance::Blocker => c.against.push(named.clone()),
            Stance::Unknown => c.stance_unknown.push(named.clone()),
            _ => {}
        }
        if p.desired
            .is_some_and(|d| p.position.distance(d) > FAR_FROM_NEED)
        {
            c.far_from_need.push(named);
        }
    }
    Ok(Some(c))
}

/// When the user last logged an interaction with the person.
fn last_contact(db: &Database, person_id: &str) -> Result<Option<DateTime<Utc>>> {
    Ok(db.conn().query_row(
        "SELECT max(i.occurred_at) FROM interactions i
           JOIN interaction_people ip ON ip.interaction_id = i.id
         WHERE ip.person_id = ?1 AND i.deleted_at IS NULL",
        [person_id],
        |r| r.get(0),
    )?)
}
