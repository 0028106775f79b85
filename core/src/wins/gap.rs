//! The gap in who knows the user's work: for each live goal (map), the people with power on it
//! who have heard of none of the user's recent wins, and the win to tell them about.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::OptionalExtension;
use serde::Serialize;

use crate::error::Result;
use crate::network::insights::HIGH_POWER;
use crate::reminders::settings;
use crate::storage::Database;

/// A win counts as recent for this many days after its day.
pub const RECENT_DAYS: u64 = 90;

/// Someone with power on the goal who has heard of none of the recent wins.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unaware {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub power: f64,
}

/// The win a gap suggests telling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggested {
    pub win_id: String,
    pub title: String,
    pub won_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapGap {
    pub map_id: String,
    pub map_name: String,
    /// The most powerful first.
    pub people: Vec<Unaware>,
    /// The newest win serving this goal, else the newest win.
    pub suggested: Suggested,
}

/// The user's calendar day at `now`, in their time zone.
pub fn today(db: &Database, now: DateTime<Utc>) -> Result<NaiveDate> {
    Ok(now.with_timezone(&settings::get(db)?.tz()).date_naive())
}

/// Every live goal with someone powerful who has heard of none of the wins of the last
/// [`RECENT_DAYS`] days, by map name. Without any win, there is nothing to tell, so no gap.
pub fn gaps(db: &Database, now: DateTime<Utc>) -> Result<Vec<MapGap>> {
    let today = today(db, now)?;
    let since = today
        .checked_sub_days(Days::new(RECENT_DAYS))
        .unwrap_or(today);
    let newest = |map: Option<&str>| -> Result<Option<Suggested>> {
        Ok(db
            .conn()
            .query_row(
                "SELECT id, title, won_on FROM wins
                  WHERE deleted_at IS NULL AND (?1 IS NULL OR map_id = ?1)
                  ORDER BY won_on DESC, created_at DESC, id DESC LIMIT 1",
                [map],
                |r| {
                    Ok(Suggested {
                        win_id: r.get(0)?,
                        title: r.get(1)?,
                        won_on: r.get(2)?,
                    })
                },
            )
            .optional()?)
    };
    let Some(any) = newest(None)? else {
        return Ok(Vec::new());
    };
    let mut stmt = db.conn().prepare_cached(
        "SELECT m.id, m.name, p.id, p.name, p.role, pl.power
           FROM maps m
           JOIN placements pl ON pl.map_id = m.id AND pl.power >= ?2
           JOIN people p ON p.id = pl.person_id AND p.deleted_at IS NULL AND p.left_at IS NULL
          WHERE m.deleted_at IS NULL AND m.archived_at IS NULL
            AND NOT EXISTS (
                SELECT 1 FROM win_shares s
                  JOIN wins w ON w.id = s.win_id AND w.deleted_at IS NULL AND w.won_on >= ?1
                 WHERE s.person_id = p.id AND s.deleted_at IS NULL)
          ORDER BY m.name, m.id, pl.power DESC, p.name_key, p.id",
    )?;
    let rows = stmt.query_map(rusqlite::params![since, HIGH_POWER], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            Unaware {
                person_id: r.get(2)?,
                name: r.get(3)?,
                role: r.get(4)?,
                power: r.get(5)?,
            },
        ))
    })?;
    let mut gaps: Vec<MapGap> = Vec::new();
    for row in rows {
        let (map_id, map_name, person) = row?;
        match gaps.last_mut() {
            Some(g) if g.map_id == map_id => g.people.push(person),
            _ => gaps.push(MapGap {
                map_id,
                map_name,
                people: vec![person],
                suggested: any.clone(),
            }),
        }
    }
    for g in &mut gaps {
        if let Some(own) = newest(Some(&g.map_id))? {
            g.suggested = own;
        }
    }
    Ok(gaps)
}

/// The weekly review's clause for the gaps, with no one's name (the pop-up may be seen by
/// others): how many powerful people, on which goal, and what to tell them.
pub fn sentence(gaps: &[MapGap]) -> Option<String> {
    match gaps {
        [] => None,
        [one] => Some(format!(
            "{} with power on \u{2068}{}\u{2069} {} heard of none of your recent wins: tell them about “\u{2068}{}\u{2069}”.",
            counted(one.people.len()),
            one.map_name,
            if one.people.len() == 1 { "has" } else { "have" },
            one.suggested.title
        )),
        many => {
            let mut people: Vec<&str> = many
                .iter()
                .flat_map(|g| g.people.iter().map(|p| p.person_id.as_str()))
                .collect();
            people.sort_unstable();
            people.dedup();
            Some(format!(
                "{} with power on {} goals {} heard of none of your recent wins: share one (see the Review page).",
                counted(people.len()),
                many.len(),
                if people.len() == 1 { "has" } else { "have" },
            ))
        }
    }
}

fn counted(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}
