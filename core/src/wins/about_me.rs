//! About me: the user's own department, level, manager and organisation, stored once (the
//! settings row `about_me`), and what they say about the user's alliances: whether the boss is
//! an ally, how many allies sit outside the user's department, whether there are senior, peer
//! and junior allies, whether the allies form one small circle, and the leaders who are peers
//! of the boss.

use std::collections::BTreeMap;

use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::line;
use crate::storage::Database;

const KEY: &str = "about_me";
pub const MAX_FIELD: usize = 200;
/// Fewer allies than this is a small circle, whatever their departments.
pub const SMALL_CIRCLE: u32 = 3;

/// The user's own place, as typed in the About me form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AboutMe {
    pub department: String,
    /// In the user's own words ("Senior engineer, L5"); allies' levels are kept relative to the
    /// user on their profiles (senior leader, manager, peer, junior).
    pub level: String,
    /// The user's manager, a person in Allies.
    pub manager_id: Option<String>,
    pub organisation: String,
}

/// What About me is stored as, read leniently: a value this version cannot read is empty.
pub fn get(db: &Database) -> Result<AboutMe> {
    let stored: Option<String> = db
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(stored
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default())
}

/// Saves About me in one write.
pub fn save(db: &mut Database, input: &AboutMe) -> Result<AboutMe> {
    let manager_id = match input.manager_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => {
            crate::people::get(db, id).map_err(|_| Error::Invalid {
                code: "about_me.manager_not_found",
                field: "manager_id",
                message: "That person is no longer in Allies; pick your manager again.".into(),
            })?;
            Some(id.to_owned())
        }
    };
    let about = AboutMe {
        department: line("department", "Department", &input.department, MAX_FIELD)?,
        level: line("level", "Level", &input.level, MAX_FIELD)?,
        manager_id,
        organisation: line(
            "organisation",
            "Organisation",
            &input.organisation,
            MAX_FIELD,
        )?,
    };
    let value = serde_json::to_string(&about).map_err(|e| Error::Invalid {
        code: "about_me.unsaved",
        field: "department",
        message: format!("About me could not be saved: {e}."),
    })?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            rusqlite::params![KEY, value],
        )?;
        Ok(())
    })?;
    Ok(about)
}

/// A person named by an insight; the UI shows the name as presenting mode allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRef {
    pub person_id: String,
    pub name: String,
    pub role: String,
    pub department: String,
    pub ally: bool,
}

/// A named hole the About me facts show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Gap {
    pub code: &'static str,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Insights {
    pub about: AboutMe,
    /// The manager, when set and still in Allies.
    pub manager: Option<PersonRef>,
    pub allies: u32,
    /// Allies outside the user's department; none when the department is not set.
    pub outside_department: Option<u32>,
    pub senior: u32,
    pub peer: u32,
    pub junior: u32,
    /// Allies whose profile has no level.
    pub no_level: u32,
    /// The one department every ally is in, when they all are (and there are some).
    pub one_department: Option<String>,
    /// People who report to the same person as the manager: leaders worth knowing.
    pub boss_peers: Vec<PersonRef>,
    pub gaps: Vec<Gap>,
}

/// Allies as Insights counts them: champions or supporters on a live map, or anyone with an
/// ally role; plus, for the manager only, a strong link with the user.
const ALLY: &str = "(coalesce(pr.ally_role, '') <> ''
    OR EXISTS (SELECT 1 FROM placements pl
                 JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
                WHERE pl.person_id = p.id AND pl.stance IN ('champion', 'supporter')))";

fn person_ref(db: &Database, id: &str) -> Result<Option<PersonRef>> {
    Ok(db
        .conn()
        .query_row(
            &format!(
                "SELECT p.id, p.name, p.role, p.department,
                        {ALLY} OR EXISTS (SELECT 1 FROM links l
                          WHERE l.deleted_at IS NULL AND l.strength = 'strong'
                            AND l.kind <> 'in_conflict_with'
                            AND ((l.from_id IS NULL AND l.to_id = p.id)))
                   FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
                  WHERE p.id = ?1 AND p.deleted_at IS NULL"
            ),
            [id],
            |r| {
                Ok(PersonRef {
                    person_id: r.get(0)?,
                    name: r.get(1)?,
                    role: r.get(2)?,
                    department: r.get(3)?,
                    ally: r.get(4)?,
                })
            },
        )
        .optional()?)
}

/// What About me says about the user's alliances.
pub fn insights(db: &Database) -> Result<Insights> {
    let about = get(db)?;
    let manager = match &about.manager_id {
        Some(id) => person_ref(db, id)?,
        None => None,
    };
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT p.department, coalesce(pr.level, '')
           FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
          WHERE p.deleted_at IS NULL AND p.left_at IS NULL AND {ALLY}"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mine = about.department.trim().to_lowercase();
    let (mut allies, mut outside, mut senior, mut peer, mut junior, mut no_level) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    let mut departments: BTreeMap<String, String> = BTreeMap::new();
    for row in rows {
        let (department, level) = row?;
        allies += 1;
        let folded = department.trim().to_lowercase();
        if !folded.is_empty() && folded != mine {
            outside += 1;
        }
        departments
            .entry(folded)
            .or_insert_with(|| department.trim().to_owned());
        match level.as_str() {
            "senior_leader" | "skip_level" | "manager" => senior += 1,
            "peer" => peer += 1,
            "junior" => junior += 1,
            "" => no_level += 1,
            _ => {}
        }
    }
    let one_department = match departments.values().collect::<Vec<_>>().as_slice() {
        [one] if !one.is_empty() => Some((*one).clone()),
        _ => None,
    };
    let boss_peers = match &about.manager_id {
        Some(id) => boss_peers(db, id)?,
        None => Vec::new(),
    };
    let outside_department = (!mine.is_empty()).then_some(outside);

    let mut gaps = Vec::new();
    let mut gap = |code, text: String| gaps.push(Gap { code, text });
    if about == AboutMe::default() {
        gap(
            "about_me.empty",
            "Fill in About me (your department, level and manager) to see where your support sits."
                .into(),
        );
    }
    match (&about.manager_id, &manager) {
        (None, _) => gap(
            "about_me.no_manager",
            "Your manager is not set: pick them in About me to see whether they are an ally."
                .into(),
        ),
        (Some(_), None) => gap(
            "about_me.manager_gone",
            "The manager in About me is no longer in Allies: pick them again.".into(),
        ),
        (Some(_), Some(m)) if !m.ally => gap(
            "about_me.boss_not_ally",
            "Your manager is not an ally yet: no champion or supporter stance on a map, no ally \
             role and no strong link. Their backing counts most in the round that decides."
                .into(),
        ),
        _ => {}
    }
    if outside_department == Some(0) && allies > 0 {
        gap(
            "about_me.none_outside",
            "None of your allies sits outside your department: who elsewhere knows your work?"
                .into(),
        );
    }
    for (n, code, what) in [
        (senior, "about_me.no_senior", "senior"),
        (peer, "about_me.no_peer", "peer"),
        (junior, "about_me.no_junior", "junior"),
    ] {
        if n == 0 {
            gap(
                code,
                format!("No {what} ally: support from every level carries further."),
            );
        }
    }
    if no_level > 0 {
        gap(
            "about_me.level_missing",
            format!(
                "{no_level} {} no level on their profile, so Allies cannot tell whether they are \
                 senior, a peer or junior to you.",
                if no_level == 1 {
                    "ally has"
                } else {
                    "allies have"
                }
            ),
        );
    }
    if allies > 0 && allies < SMALL_CIRCLE {
        gap(
            "about_me.small_circle",
            format!(
                "Only {allies} {}: a small circle carries little beyond itself.",
                if allies == 1 { "ally" } else { "allies" }
            ),
        );
    } else if let Some(department) = &one_department {
        if allies > 1 {
            gap(
                "about_me.one_circle",
                format!(
                    "All your allies are in \u{2068}{department}\u{2069}: one circle, heard in one place."
                ),
            );
        }
    }
    Ok(Insights {
        about,
        manager,
        allies,
        outside_department,
        senior,
        peer,
        junior,
        no_level,
        one_department,
        boss_peers,
        gaps,
    })
}

/// People whose reports-to link points to the person the manager reports to, by name.
fn boss_peers(db: &Database, manager_id: &str) -> Result<Vec<PersonRef>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT DISTINCT p.id, p.name, p.role, p.department, {ALLY}, p.name_key
           FROM links up
           JOIN links l ON l.to_id = up.to_id AND l.kind = 'reports_to' AND l.deleted_at IS NULL
           JOIN people p ON p.id = l.from_id AND p.deleted_at IS NULL AND p.left_at IS NULL
           JOIN people top ON top.id = up.to_id AND top.deleted_at IS NULL
           LEFT JOIN profiles pr ON pr.person_id = p.id
          WHERE up.from_id = ?1 AND up.kind = 'reports_to' AND up.deleted_at IS NULL
            AND p.id <> ?1
          ORDER BY p.name_key, p.id"
    ))?;
    let rows = stmt.query_map([manager_id], |r| {
        Ok(PersonRef {
            person_id: r.get(0)?,
            name: r.get(1)?,
            role: r.get(2)?,
            department: r.get(3)?,
            ally: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
