//! What to do next: where the user's alliances are thin, who is going cold, which powerful
//! people have not seen them lately, where favours are out of balance, and, for a map, who
//! would speak for them in a review. Each part is a query over the user's data and a fixed
//! `now`, so it is tested with a fixed clock.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

use crate::asks::coverage::{self, ForumCover};
use crate::error::Result;
use crate::maps::{Quadrant, Stance};
use crate::network;
use crate::records::time_text;
use crate::reminders::cadences;
use crate::storage::Database;

/// High power on a map starts here, as the grid's upper half does.
pub const HIGH_POWER: f64 = 0.5;
/// Someone powerful unseen for this long is a visibility gap.
pub const VISIBILITY_DAYS: i64 = 60;

/// Where someone sits relative to the user, as coverage groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Seniority {
    Senior,
    Peer,
    Junior,
    /// External, or no level recorded.
    Other,
}

impl Seniority {
    fn of(level: &str) -> Self {
        match level {
            "senior_leader" | "skip_level" | "manager" => Seniority::Senior,
            "peer" => Seniority::Peer,
            "junior" => Seniority::Junior,
            _ => Seniority::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub label: String,
    pub allies: u32,
    pub people: u32,
}

/// A named hole in the user's alliances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub code: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub allies: u32,
    pub people: u32,
    pub by_level: Vec<(Seniority, Count)>,
    pub by_department: Vec<Count>,
    pub gaps: Vec<Gap>,
}

/// Allies are people who are champions or supporters on a live map, or who have an ally role.
pub fn coverage(db: &Database) -> Result<Coverage> {
    let mut stmt = db.conn().prepare_cached(
        "WITH backing (person_id) AS (
             SELECT DISTINCT pl.person_id FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
              WHERE pl.stance IN ('champion', 'supporter'))
         SELECT p.department, coalesce(pr.level, ''),
                coalesce(pr.ally_role, '') <> '' OR b.person_id IS NOT NULL
           FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
           LEFT JOIN backing b ON b.person_id = p.id
          WHERE p.deleted_at IS NULL AND p.left_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, bool>(2)?,
        ))
    })?;
    let mut levels: BTreeMap<Seniority, (u32, u32)> = [
        Seniority::Senior,
        Seniority::Peer,
        Seniority::Junior,
        Seniority::Other,
    ]
    .into_iter()
    .map(|s| (s, (0, 0)))
    .collect();
    // Departments keyed case-blind, labelled as first written.
    let mut departments: BTreeMap<String, (String, u32, u32)> = BTreeMap::new();
    let (mut allies, mut people) = (0, 0);
    for row in rows {
        let (department, level, ally) = row?;
        let ally = u32::from(ally);
        people += 1;
        allies += ally;
        let level = levels.entry(Seniority::of(&level)).or_default();
        level.0 += ally;
        level.1 += 1;
        let department = department.trim();
        if !department.is_empty() {
            let entry = departments
                .entry(department.to_lowercase())
                .or_insert_with(|| (department.to_owned(), 0, 0));
            entry.1 += ally;
            entry.2 += 1;
        }
    }
    let by_level: Vec<(Seniority, Count)> = levels
        .into_iter()
        .map(|(s, (allies, people))| {
            let label = match s {
                Seniority::Senior => "Senior to you",
                Seniority::Peer => "Peers",
                Seniority::Junior => "Junior to you",
                Seniority::Other => "External or not set",
            };
            (
                s,
                Count {
                    label: label.into(),
                    allies,
                    people,
                },
            )
        })
        .collect();
    let mut by_department: Vec<Count> = departments
        .into_values()
        .map(|(label, allies, people)| Count {
            label,
            allies,
            people,
        })
        .collect();
    by_department.sort_by(|a, b| b.allies.cmp(&a.allies).then(b.people.cmp(&a.people)));

    let mut gaps = Vec::new();
    if allies == 0 {
        gaps.push(Gap {
            code: "no_allies",
            text: "No allies yet: mark the people who back you as champions or supporters on a map, or give them an ally role.".into(),
        });
    }
    // Without any ally, "no allies" already says it.
    if allies > 0 && by_level[0].1.allies == 0 {
        gaps.push(Gap {
            code: "no_senior",
            text: "No senior sponsor: none of your allies is senior to you.".into(),
        });
    }
    let with_allies: Vec<&Count> = by_department.iter().filter(|d| d.allies > 0).collect();
    if allies >= 2 && with_allies.len() == 1 && with_allies[0].allies == allies {
        gaps.push(Gap {
            code: "one_team",
            text: format!("All your allies are in {}.", with_allies[0].label),
        });
    }
    for d in by_department.iter().filter(|d| d.allies == 0) {
        let people = if d.people == 1 { "person" } else { "people" };
        gaps.push(Gap {
            code: "no_ally_in_department",
            text: format!(
                "No one in {} is an ally yet ({} {people} there).",
                d.label, d.people
            ),
        });
    }
    Ok(Coverage {
        allies,
        people,
        by_level,
        by_department,
        gaps,
    })
}

/// Someone past the cadence the user meant to keep with them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cold {
    pub person_id: String,
    pub name: String,
    pub quadrant: Option<Quadrant>,
    pub stance: Option<Stance>,
    pub cadence_days: u32,
    pub last_contact: Option<DateTime<Utc>>,
    /// Days past when they were due.
    pub overdue_days: i64,
}

fn quadrant_rank(q: Option<Quadrant>) -> u8 {
    match q {
        Some(Quadrant::ManageClosely) => 0,
        Some(Quadrant::KeepSatisfied) => 1,
        Some(Quadrant::KeepInformed) => 2,
        Some(Quadrant::Monitor) => 3,
        None => 4,
    }
}

/// Champions are the greatest loss when they cool, then supporters, then the people whose
/// opposition needs tending.
fn stance_rank(s: Option<Stance>) -> u8 {
    match s {
        Some(Stance::Champion) => 0,
        Some(Stance::Supporter) => 1,
        Some(Stance::Blocker) => 2,
        Some(Stance::Skeptic) => 3,
        Some(Stance::Neutral) => 4,
        Some(Stance::Unknown) | None => 5,
    }
}

/// People past their cadence, the most important first: by quadrant, then stance, then how
/// long overdue.
pub fn going_cold(db: &Database, now: DateTime<Utc>) -> Result<Vec<Cold>> {
    let stances = network::stances(db)?;
    let mut cold: Vec<Cold> = cadences(db)?
        .into_iter()
        .filter_map(|c| {
            let due = c.since + Duration::days(i64::from(c.days));
            (due <= now).then(|| Cold {
                stance: stances.get(&c.person_id).copied(),
                overdue_days: (now - due).num_days(),
                person_id: c.person_id,
                name: c.name,
                quadrant: c.quadrant,
                cadence_days: c.days,
                last_contact: c.last_contact,
            })
        })
        .collect();
    cold.sort_by(|a, b| {
        quadrant_rank(a.quadrant)
            .cmp(&quadrant_rank(b.quadrant))
            .then(stance_rank(a.stance).cmp(&stance_rank(b.stance)))
            .then(b.overdue_days.cmp(&a.overdue_days))
            .then(a.name.cmp(&b.name))
    });
    Ok(cold)
}

/// A powerful person the user has not been in contact with lately.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unseen {
    pub person_id: String,
    pub name: String,
    pub role: String,
    /// The highest power they have on a live map.
    pub power: f64,
    pub last_contact: Option<DateTime<Utc>>,
}

/// High-power people with no contact in [`VISIBILITY_DAYS`], the most powerful first, then
/// those unseen longest. Each one's last contact is the one the People list sorts by (kept by
/// the database as interactions change), not their interactions read again: the weekly
/// review's reminder asks for this list each time reminders are worked out.
pub fn visibility_gap(db: &Database, now: DateTime<Utc>) -> Result<Vec<Unseen>> {
    let since = time_text(now - Duration::days(VISIBILITY_DAYS));
    let mut stmt = db.conn().prepare_cached(
        "WITH powerful AS (
             SELECT pl.person_id, max(pl.power) AS power FROM placements pl
               JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
              GROUP BY pl.person_id HAVING max(pl.power) >= ?2)
         SELECT p.id, p.name, p.role, w.power, s.at
           FROM powerful w JOIN people p ON p.id = w.person_id
                AND p.deleted_at IS NULL AND p.left_at IS NULL
           LEFT JOIN derived_last_contact s ON s.person_id = p.id
          WHERE s.at IS NULL OR s.at < ?1
          ORDER BY w.power DESC, coalesce(s.at, '') ASC, p.name",
    )?;
    let rows = stmt.query_map(rusqlite::params![since, HIGH_POWER], |r| {
        Ok(Unseen {
            person_id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
            power: r.get(3)?,
            last_contact: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A favour received and done, with no thank-you recorded or skipped.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unthanked {
    pub favour_id: String,
    pub person_id: String,
    pub name: String,
    pub description: String,
    pub done_at: DateTime<Utc>,
}

/// Someone who has done more for the user lately than the other way round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Imbalance {
    pub person_id: String,
    pub name: String,
    pub by_them: u32,
    pub by_me: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reciprocity {
    pub unthanked: Vec<Unthanked>,
    pub owed: Vec<Imbalance>,
}

/// Thank-yous still owed, oldest first, and people who did at least two more favours for the
/// user than the user did for them over the last [`favours::BALANCE_DAYS`](crate::journal::favours::BALANCE_DAYS), as on their page.
pub fn reciprocity(db: &Database, now: DateTime<Utc>) -> Result<Reciprocity> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, p.id, p.name, f.description, f.done_at FROM favours f
           JOIN people p ON p.id = f.person_id AND p.deleted_at IS NULL
          WHERE f.deleted_at IS NULL AND f.direction = 'by_them' AND f.status = 'done'
            AND f.thanked_at IS NULL
            AND NOT EXISTS (SELECT 1 FROM reminder_state s
                             WHERE s.subject = 'thank_you:' || f.id AND s.dismissed_at IS NOT NULL)
          ORDER BY f.done_at, f.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Unthanked {
            favour_id: r.get(0)?,
            person_id: r.get(1)?,
            name: r.get(2)?,
            description: r.get(3)?,
            done_at: r.get(4)?,
        })
    })?;
    let unthanked = rows.collect::<rusqlite::Result<_>>()?;
    // Public credit and endorsements the user gave count as giving, like favours done.
    let mut stmt = db.conn().prepare_cached(
        "SELECT id, name, by_them, by_me + (
                    SELECT count(*) FROM interaction_people ip
                      JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
                     WHERE ip.person_id = t.id AND i.kind IN ('gave_credit', 'endorsed')
                       AND i.occurred_at >= ?1) AS given
           FROM (SELECT p.id, p.name,
                        count(*) FILTER (WHERE f.direction = 'by_them') AS by_them,
                        count(*) FILTER (WHERE f.direction = 'by_me') AS by_me
                   FROM favours f JOIN people p ON p.id = f.person_id
                        AND p.deleted_at IS NULL AND p.left_at IS NULL
                  WHERE f.deleted_at IS NULL AND f.status = 'done' AND f.done_at >= ?1
                  GROUP BY p.id HAVING by_them - by_me >= 2) t
          WHERE by_them - given >= 2
          ORDER BY by_them - given DESC, name",
    )?;
    let since = time_text(now - Duration::days(crate::journal::favours::BALANCE_DAYS));
    let rows = stmt.query_map([since], |r| {
        Ok(Imbalance {
            person_id: r.get(0)?,
            name: r.get(1)?,
            by_them: r.get(2)?,
            by_me: r.get(3)?,
        })
    })?;
    let owed = rows.collect::<rusqlite::Result<_>>()?;
    Ok(Reciprocity { unthanked, owed })
}

/// Forums where nobody has agreed to speak for the user, each a named gap: those deciding on
/// every goal and on a live one (a forum for an archived goal decides nothing the user still
/// works towards).
pub fn forum_gaps(db: &Database) -> Result<Vec<ForumCover>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT id FROM maps WHERE archived_at IS NOT NULL")?;
    let archived: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(coverage::gaps(db)?
        .into_iter()
        .filter(|f| {
            f.forum
                .map_id
                .as_ref()
                .is_none_or(|m| !archived.contains(m))
        })
        .collect())
}

/// A person on the map being prepared for a review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InRoom {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub stance: Stance,
    pub power: f64,
    /// How the user can reach them: a recent contact or who can introduce them.
    pub reach: String,
}

/// Who would speak for the user when the map's goal is decided.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub map_id: String,
    pub map_name: String,
    /// Champions and supporters with high power.
    pub speakers: Vec<InRoom>,
    /// Neutral or unknown people the user has met or can be introduced to.
    pub reachable: Vec<InRoom>,
    /// Skeptics and blockers, the most powerful first.
    pub holding_back: Vec<InRoom>,
}

/// The review-season page for a map.
pub fn review(db: &Database, map_id: &str, now: DateTime<Utc>) -> Result<Review> {
    let map = crate::maps::get(db, map_id)?;
    let mut stmt = db.conn().prepare_cached(
        "SELECT p.id, p.name, p.role, pl.stance, pl.power,
                (SELECT at FROM derived_last_contact WHERE person_id = p.id)
           FROM placements pl JOIN people p ON p.id = pl.person_id
                AND p.deleted_at IS NULL AND p.left_at IS NULL
          WHERE pl.map_id = ?1
          ORDER BY pl.power DESC, p.name",
    )?;
    let rows = stmt.query_map([map_id], |r| {
        Ok((
            InRoom {
                person_id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                stance: r.get(3)?,
                power: r.get(4)?,
                reach: String::new(),
            },
            r.get::<_, Option<DateTime<Utc>>>(5)?,
        ))
    })?;
    let placed: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
    // Who leads to whom, searched once for the whole map when someone needs an introduction.
    let mut ways_in: Option<(std::sync::Arc<network::Loaded>, Vec<Option<usize>>)> = None;
    let mut review = Review {
        map_id: map.id,
        map_name: map.name,
        speakers: Vec::new(),
        reachable: Vec::new(),
        holding_back: Vec::new(),
    };
    for (mut entry, last) in placed {
        if let Some(t) = last {
            entry.reach = match (now - t).num_days().max(0) {
                0 => "You spoke today".to_owned(),
                1 => "You spoke yesterday".to_owned(),
                d => format!("You spoke {d} days ago"),
            };
        }
        match entry.stance {
            Stance::Champion | Stance::Supporter if entry.power >= HIGH_POWER => {
                review.speakers.push(entry)
            }
            Stance::Skeptic | Stance::Blocker => review.holding_back.push(entry),
            Stance::Neutral | Stance::Unknown => {
                if last.is_none() {
                    // Not met: reachable through an introduction, if anyone can make one.
                    let (graph, firsts) = match &ways_in {
                        Some(w) => w,
                        None => {
                            let graph = db.derived(network::load)?;
                            let firsts = graph.graph.first_steps();
                            ways_in.insert((graph, firsts))
                        }
                    };
                    let Some(first) = graph
                        .graph
                        .find(entry.person_id.as_str())
                        .and_then(|n| firsts[n])
                        .and_then(|f| graph.graph.key(f).cloned())
                    else {
                        continue;
                    };
                    entry.reach = if first == entry.person_id {
                        "You are linked directly".into()
                    } else {
                        format!("Through {}", crate::people::get(db, &first)?.name)
                    };
                }
                review.reachable.push(entry);
            }
            Stance::Champion | Stance::Supporter => {}
        }
    }
    Ok(review)
}

fn stance_word(s: Stance) -> &'static str {
    match s {
        Stance::Champion => "champion",
        Stance::Supporter => "supporter",
        Stance::Neutral => "neutral",
        Stance::Skeptic => "skeptic",
        Stance::Blocker => "blocker",
        Stance::Unknown => "stance unknown",
    }
}

/// The review page as plain text, to keep or share.
pub fn review_text(review: &Review, day: &str) -> String {
    let mut out = format!("Review season: {}\nAs of {day}\n", review.map_name);
    let section = |out: &mut String, title: &str, empty: &str, people: &[InRoom]| {
        out.push_str(&format!("\n{title}\n"));
        if people.is_empty() {
            out.push_str(&format!("  {empty}\n"));
        }
        for p in people {
            let role = if p.role.is_empty() {
                String::new()
            } else {
                format!(", {}", p.role)
            };
            let reach = if p.reach.is_empty() {
                String::new()
            } else {
                format!(". {}", p.reach)
            };
            out.push_str(&format!(
                "  - {}{role} ({}, power {:.0}%){reach}\n",
                p.name,
                stance_word(p.stance),
                p.power * 100.0
            ));
        }
    };
    section(
        &mut out,
        "Would speak for you in the room",
        "No one yet: no champion or supporter with high power on this map.",
        &review.speakers,
    );
    section(
        &mut out,
        "Neutral but reachable",
        "No one neutral you can reach.",
        &review.reachable,
    );
    section(
        &mut out,
        "May hold you back",
        "No skeptics or blockers on this map.",
        &review.holding_back,
    );
    out
}
