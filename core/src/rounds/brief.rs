//! The meeting brief: one page to read before a 1:1 with someone. What they care about and need,
//! how they lead and like information, what success means for them, the last interactions, open
//! promises and favours both ways, their place on each map, and the pitch; as a structured reply
//! and as plain text.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::asks;
use crate::error::Result;
use crate::journal::favours::{self, Direction, Favour};
use crate::journal::interactions::{self, Interaction};
use crate::journal::profiles::{self, InfoLength, InfoStyle, Profile};
use crate::journal::promises::{self, Owner, Promise, PromiseStatus};
use crate::maps::{Position, Quadrant, Stance};
use crate::storage::Database;
use crate::wins::{self, How};

/// How many of the latest interactions a brief lists.
pub const BRIEF_INTERACTIONS: usize = 5;
/// How many favours each way a brief lists, the open ones first.
const BRIEF_FAVOURS: usize = 5;

/// Who the brief is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BriefPerson {
    pub id: String,
    pub name: String,
    pub role: String,
    pub department: String,
    pub organisation: String,
    pub last_contact: Option<DateTime<Utc>>,
}

/// The person's place on one live map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BriefMap {
    pub map_id: String,
    pub map_name: String,
    pub target_date: Option<NaiveDate>,
    pub stance: Stance,
    pub quadrant: Quadrant,
    /// The quarter where the user needs them, when set.
    pub desired_quadrant: Option<Quadrant>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Brief {
    pub person: BriefPerson,
    /// The user's day the brief was made on.
    pub made_on: NaiveDate,
    pub profile: Profile,
    /// The latest [`BRIEF_INTERACTIONS`], newest first.
    pub interactions: Vec<Interaction>,
    pub promises_mine: Vec<Promise>,
    pub promises_theirs: Vec<Promise>,
    pub favours_by_them: Vec<Favour>,
    pub favours_by_me: Vec<Favour>,
    pub maps: Vec<BriefMap>,
    /// The asks still waiting for their answer, and what they know of the user's wins, each
    /// as a line of the page.
    pub open_asks: Option<Vec<String>>,
    pub wins_known: Option<Vec<String>>,
}

/// The brief for a 1:1 with `person_id`, as of `now`.
pub fn brief(db: &Database, person_id: &str, now: DateTime<Utc>) -> Result<Brief> {
    let p = crate::people::get(db, person_id)?;
    let today = super::today(db, now)?;
    let profile = profiles::get(db, person_id)?;
    let interactions = interactions::timeline(db, person_id, BRIEF_INTERACTIONS)?;
    let (promises_mine, promises_theirs): (Vec<Promise>, Vec<Promise>) =
        promises::for_person(db, person_id, today)?
            .into_iter()
            .filter(|pr| pr.status == PromiseStatus::Open)
            .partition(|pr| pr.owner == Owner::Mine);
    let (mut favours_by_them, mut favours_by_me): (Vec<Favour>, Vec<Favour>) =
        favours::for_person(db, person_id)?
            .into_iter()
            .partition(|f| f.direction == Direction::ByThem);
    favours_by_them.truncate(BRIEF_FAVOURS);
    favours_by_me.truncate(BRIEF_FAVOURS);
    Ok(Brief {
        person: BriefPerson {
            id: p.id,
            name: p.name,
            role: p.role,
            department: p.department,
            organisation: p.organisation,
            last_contact: p.last_contact,
        },
        made_on: today,
        profile,
        interactions,
        promises_mine,
        promises_theirs,
        favours_by_them,
        favours_by_me,
        maps: maps_of(db, person_id)?,
        open_asks: Some(open_asks(db, person_id)?),
        wins_known: Some(
            wins::known_by(db, person_id)?
                .into_iter()
                .map(|s| {
                    format!(
                        "{} (told on {}, {})",
                        s.win_title,
                        s.shared_on,
                        how_words(s.how)
                    )
                })
                .collect(),
        ),
    })
}

fn how_words(how: How) -> &'static str {
    match how {
        How::OneOnOne => "in a 1:1",
        How::Demo => "at a demo",
        How::Email => "by email",
        How::Meeting => "in a meeting",
        How::Other => "another way",
    }
}

/// "advice: the move to Platform, for Promotion (asked)": each ask of this person still open.
fn open_asks(db: &Database, person_id: &str) -> Result<Vec<String>> {
    Ok(asks::for_person(db, person_id)?
        .into_iter()
        .filter(|a| a.status.open())
        .map(|a| {
            let mut line = format!("{}: {}", a.kind.words(), a.what);
            if let Some(map) = &a.map_name {
                line.push_str(&format!(", for {map}"));
            }
            line.push_str(&format!(" ({})", a.status.as_str()));
            line
        })
        .collect())
}

fn maps_of(db: &Database, person_id: &str) -> Result<Vec<BriefMap>> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT m.id, m.name, m.target_date, p.stance, p.power, p.interest,
                p.desired_power, p.desired_interest
           FROM placements p
           JOIN maps m ON m.id = p.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
          WHERE p.person_id = ?1 ORDER BY m.name COLLATE NOCASE, m.id",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        let desired: Option<(f64, f64)> =
            r.get::<_, Option<f64>>(6)?.zip(r.get::<_, Option<f64>>(7)?);
        Ok(BriefMap {
            map_id: r.get(0)?,
            map_name: r.get(1)?,
            target_date: r.get(2)?,
            stance: r.get(3)?,
            quadrant: Position::new(r.get(4)?, r.get(5)?).quadrant(),
            desired_quadrant: desired.map(|(p, i)| Position::new(p, i).quadrant()),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The name the save dialog proposes: "Allies brief - Dana Ng - 2026-01-20.txt", made safe for
/// any file system the way map exports are.
pub fn brief_file_name(b: &Brief) -> String {
    let safe = crate::interop::export::file_name(&b.person.name, "txt", b.made_on);
    match safe.strip_prefix("Allies map - ") {
        Some(rest) => format!("Allies brief - {rest}"),
        None => safe,
    }
}

/// Words for a stance, as the map legend says them.
pub(crate) fn stance_words(s: Stance) -> &'static str {
    match s {
        Stance::Champion => "champion",
        Stance::Supporter => "supporter",
        Stance::Neutral => "neutral",
        Stance::Skeptic => "skeptic",
        Stance::Blocker => "blocker",
        Stance::Unknown => "stance unknown",
    }
}

/// Words for a quarter of the grid.
pub(crate) fn quadrant_words(q: Quadrant) -> &'static str {
    match q {
        Quadrant::ManageClosely => "manage closely",
        Quadrant::KeepSatisfied => "keep satisfied",
        Quadrant::KeepInformed => "keep informed",
        Quadrant::Monitor => "monitor",
    }
}

/// "one slide, short, numbers first": how they like information, from the parts filled in.
fn information_words(pr: &Profile) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if !pr.info_format.trim().is_empty() {
        parts.push(pr.info_format.trim());
    }
    parts.extend(pr.info_length.map(|l| match l {
        InfoLength::Short => "short",
        InfoLength::Detailed => "detailed",
    }));
    parts.extend(pr.info_style.map(|s| match s {
        InfoStyle::Data => "numbers first",
        InfoStyle::Story => "the story first",
    }));
    parts.join(", ")
}

/// The brief as plain text, to save or print. Dates are ISO days: the core has no locale.
pub fn brief_text(b: &Brief) -> String {
    let mut out = format!("Meeting brief: {}\n", b.person.name);
    let about: Vec<&str> = [&b.person.role, &b.person.department, &b.person.organisation]
        .into_iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if !about.is_empty() {
        out.push_str(&format!("{}\n", about.join(" · ")));
    }
    out.push_str(&format!("Made on {}\n", b.made_on));
    match b.person.last_contact {
        Some(t) => out.push_str(&format!("Last in touch {}\n", t.date_naive())),
        None => out.push_str("No interaction logged yet\n"),
    }

    let section = |out: &mut String, title: &str, lines: Vec<String>, empty: &str| {
        out.push_str(&format!("\n{title}\n"));
        if lines.is_empty() {
            out.push_str(&format!("  {empty}\n"));
        }
        for line in lines {
            // Every line of a multi-line text stays inside its section.
            out.push_str(&format!("  {}\n", line.replace('\n', "\n  ")));
        }
    };
    let pr = &b.profile;
    let labelled = |pairs: &[(&str, &str)]| -> Vec<String> {
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}: {}", v.trim()))
            .collect()
    };
    section(
        &mut out,
        "What they care about and need",
        labelled(&[
            ("Cares about", &pr.motivations),
            ("Influenced by", &pr.influences),
            ("Challenges", &pr.challenges),
            ("Needs from you", &pr.needs_from_me),
        ]),
        "Nothing recorded yet.",
    );
    let info = information_words(pr);
    let works = labelled(&[
        ("Leadership style", &pr.leadership_style),
        ("How they like information", &info),
    ]);
    // Left out entirely while nothing is known: an empty heading would only add noise.
    if !works.is_empty() {
        section(&mut out, "How they work", works, "");
    }
    section(
        &mut out,
        "What success means for them",
        labelled(&[
            ("At 30 days", &pr.success_30),
            ("At 60 days", &pr.success_60),
            ("At 90 days", &pr.success_90),
        ]),
        "Nothing recorded yet.",
    );
    section(
        &mut out,
        "Your last interactions",
        b.interactions
            .iter()
            .map(|i| {
                let notes = i.notes.trim();
                let mut line = format!(
                    "{} {}",
                    i.occurred_at.date_naive(),
                    i.kind.as_str().replace('_', " ")
                );
                if !notes.is_empty() {
                    line.push_str(&format!(": {notes}"));
                }
                if !i.follow_up.trim().is_empty() {
                    line.push_str(&format!(" (follow up: {})", i.follow_up.trim()));
                }
                line
            })
            .collect(),
        "None logged yet.",
    );
    let promise = |p: &Promise| match p.due_on {
        Some(d) => format!("{} (due {d})", p.description),
        None => p.description.clone(),
    };
    section(
        &mut out,
        "Open promises you made",
        b.promises_mine.iter().map(promise).collect(),
        "None.",
    );
    section(
        &mut out,
        "Open promises they made",
        b.promises_theirs.iter().map(promise).collect(),
        "None.",
    );
    let favour = |f: &Favour| {
        let status = match (f.status, f.thanks_due) {
            (favours::FavourStatus::Open, _) => " (open)",
            (_, true) => " (not thanked yet)",
            _ => "",
        };
        format!("{}{status}", f.description)
    };
    section(
        &mut out,
        "Favours they did you",
        b.favours_by_them.iter().map(favour).collect(),
        "None recorded.",
    );
    section(
        &mut out,
        "Favours you did them",
        b.favours_by_me.iter().map(favour).collect(),
        "None recorded.",
    );
    section(
        &mut out,
        "Their stance and place on each map",
        b.maps
            .iter()
            .map(|m| {
                let mut line = format!(
                    "{}: {}, {}",
                    m.map_name,
                    stance_words(m.stance),
                    quadrant_words(m.quadrant)
                );
                if let Some(d) = m.desired_quadrant.filter(|d| *d != m.quadrant) {
                    line.push_str(&format!(" (you need them in {})", quadrant_words(d)));
                }
                if let Some(day) = m.target_date {
                    line.push_str(&format!("; round on {day}"));
                }
                line
            })
            .collect(),
        "Not on any map.",
    );
    if let Some(asks) = &b.open_asks {
        section(&mut out, "Open asks", asks.clone(), "None.");
    }
    if let Some(wins) = &b.wins_known {
        section(
            &mut out,
            "What they know of your work",
            wins.clone(),
            "Nothing shared yet.",
        );
    }
    section(
        &mut out,
        "Your pitch",
        labelled(&[("Pitch", &pr.pitch)])
            .into_iter()
            .map(|l| l.trim_start_matches("Pitch: ").to_owned())
            .collect(),
        "No pitch written yet.",
    );
    out
}
