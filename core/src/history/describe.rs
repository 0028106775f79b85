//! A step's label in the user's words, made from what its entries changed, when it is sealed
//! (so the rows it names are still there to be read).

use rusqlite::{OptionalExtension, Transaction};

use crate::error::Result;

/// Tables whose rows only accompany another change (the people of an interaction, the event a
/// move on a map writes): a step is named after the record they belong to.
const COMPANIONS: &[&str] = &[
    "interaction_people",
    "placement_events",
    "person_contacts",
    "desired_events",
];

/// The longest quoted text a label carries before it is cut short.
const QUOTED_CHARS: usize = 60;

struct Entry {
    tbl: String,
    key: Vec<serde_json::Value>,
    what: String,
    changed: Vec<String>,
}

pub(super) fn label(tx: &Transaction<'_>, step: i64) -> Result<String> {
    let entries: Vec<Entry> = {
        let mut stmt = tx.prepare(
            "SELECT tbl, row_key, what, changed FROM history_entries WHERE step = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([step], |r| {
            let key: String = r.get(1)?;
            let changed: String = r.get(3)?;
            Ok(Entry {
                tbl: r.get(0)?,
                key: serde_json::from_str(&key).unwrap_or_default(),
                what: r.get(2)?,
                changed: changed
                    .split(',')
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // Adding or removing the sample workspace touches many tables; it is named as one thing.
    if let Some(sample) = entries.iter().find(|e| e.tbl == "sample_rows") {
        return Ok(match sample.what.as_str() {
            "insert" => "Added the sample people",
            _ => "Removed the sample people",
        }
        .into());
    }
    let Some(main) = entries
        .iter()
        .find(|e| !COMPANIONS.contains(&e.tbl.as_str()))
        .or(entries.first())
    else {
        return Ok("A change".into());
    };
    let alike: std::collections::BTreeSet<String> = entries
        .iter()
        .filter(|e| e.tbl == main.tbl && e.what == main.what)
        .map(|e| serde_json::Value::Array(e.key.clone()).to_string())
        .collect();
    if alike.len() > 1 && main.tbl != "settings" {
        let verb = match main.what.as_str() {
            "insert" => "Added",
            "delete" => "Deleted",
            _ if main.changed.iter().any(|c| c == "deleted_at") => {
                if is_deleted(tx, main)? {
                    "Deleted"
                } else {
                    "Restored"
                }
            }
            _ => "Changed",
        };
        return Ok(format!(
            "{verb} {} {}",
            grouped(alike.len()),
            plural(&main.tbl)
        ));
    }
    one(tx, main)
}

/// The label of a step that changed one record.
fn one(tx: &Transaction<'_>, e: &Entry) -> Result<String> {
    let thing = thing(tx, e)?;
    let changed = |c: &str| e.changed.iter().any(|x| x == c);
    let text = match e.what.as_str() {
        "delete" if e.tbl == "placements" => format!("Took {thing} off the map"),
        "delete" => format!("Deleted {thing}"),
        "insert" => match e.tbl.as_str() {
            "people" => format!("Added {thing}"),
            "maps" => format!("Created {thing}"),
            "placements" => format!("Put {thing}"),
            "interactions" => format!("Logged {thing}"),
            "favours" | "promises" => format!("Recorded {thing}"),
            "conflicts" | "asks" => format!("Noted {thing}"),
            "links" => format!("Linked {}", text_of(tx, e, LINK_ENDS)?.unwrap_or(thing)),
            "group_attendance" => format!("Noted {thing}"),
            "tours" => format!("Started {thing}"),
            "tour_stops" => format!("Added {thing}"),
            "wins" => format!("Logged {thing}"),
            "win_shares" => format!("Noted {thing}"),
            "check_ins" => format!("Set up {thing}"),
            "reminder_done" => format!("Marked {thing} done"),
            "profiles" | "settings" | "reminder_state" => format!("Changed {thing}"),
            _ => format!("Added {thing}"),
        },
        _ if changed("deleted_at") => {
            if is_deleted(tx, e)? {
                format!("Deleted {thing}")
            } else {
                format!("Restored {thing}")
            }
        }
        _ => match e.tbl.as_str() {
            "placements" if changed("stance") => format!("Changed the stance of {thing}"),
            "placements" if changed("desired_power") || changed("desired_interest") => {
                format!("Set where you need {thing}")
            }
            "placements" => format!("Moved {thing}"),
            "people" if changed("left_at") => format!("Changed whether {thing} is a colleague"),
            "maps" if changed("archived_at") => format!("Archived or reopened {thing}"),
            "favours" if changed("thanked_at") => format!("Thanked for {thing}"),
            "favours" | "promises" | "conflicts" | "asks" if changed("status") => {
                format!("Marked {thing} {}", status(tx, e)?.unwrap_or_default())
                    .trim_end()
                    .to_owned()
            }
            "reminder_state" if changed("snoozed_until") => "Snoozed a reminder".into(),
            "reminder_state" if changed("dismissed_at") => "Skipped a reminder".into(),
            "reminder_state" if changed("done_through") => "Marked a reminder done".into(),
            "tour_stops" if changed("met_on") => format!("Noted meeting {thing}"),
            _ => format!("Edited {thing}"),
        },
    };
    Ok(text)
}

/// What a record is called in a label: a person by name, a favour by its words.
fn thing(tx: &Transaction<'_>, e: &Entry) -> Result<String> {
    let found = match e.tbl.as_str() {
        "people" => text_of(tx, e, "SELECT name FROM people WHERE id = ?1")?,
        "profiles" => text_of(tx, e, "SELECT name || '’s profile' FROM people WHERE id = ?1")?,
        "maps" => text_of(tx, e, "SELECT 'the map ' || name FROM maps WHERE id = ?1")?,
        "placements" => text_of(
            tx,
            e,
            "SELECT p.name || ' on ' || m.name FROM people p, maps m WHERE m.id = ?1 AND p.id = ?2",
        )?,
        "interactions" => text_of(
            tx,
            e,
            "SELECT CASE i.kind WHEN 'one_on_one' THEN 'a 1:1' WHEN 'email' THEN 'an email'
                        WHEN 'event' THEN 'an event' WHEN 'introduction' THEN 'an introduction'
                        WHEN 'gave_credit' THEN 'public credit' WHEN 'endorsed' THEN 'an endorsement'
                        ELSE 'a ' || i.kind END || coalesce(' with ' || (
                      SELECT group_concat(name, ', ') FROM (
                        SELECT p.name FROM interaction_people ip JOIN people p ON p.id = ip.person_id
                         WHERE ip.interaction_id = i.id ORDER BY p.name)), '')
               FROM interactions i WHERE i.id = ?1",
        )?,
        "favours" => quoted(tx, e, "the favour", "SELECT description FROM favours WHERE id = ?1")?,
        "promises" => {
            quoted(tx, e, "the promise", "SELECT description FROM promises WHERE id = ?1")?
        }
        "conflicts" => {
            quoted(tx, e, "the conflict", "SELECT description FROM conflicts WHERE id = ?1")?
        }
        "links" => text_of(tx, e, LINK_ENDS)?.map(|ends| format!("the link between {ends}")),
        "groups" => text_of(tx, e, "SELECT 'the group ' || name FROM groups WHERE id = ?1")?,
        "group_attendance" => text_of(
            tx,
            e,
            "SELECT 'going to ' || g.name FROM group_attendance a JOIN groups g ON g.id = a.group_id
              WHERE a.id = ?1",
        )?,
        "tours" => text_of(tx, e, "SELECT 'the tour ' || title FROM tours WHERE id = ?1")?,
        "tour_stops" => text_of(
            tx,
            e,
            "SELECT coalesce((SELECT name FROM people WHERE id = s.person_id), nullif(s.team, ''),
                             'a meeting') || ' on the tour'
               FROM tour_stops s WHERE s.id = ?1",
        )?,
        "wins" => quoted(tx, e, "the win", "SELECT title FROM wins WHERE id = ?1")?,
        "win_shares" => text_of(
            tx,
            e,
            "SELECT 'telling ' || p.name || ' about “' || w.title || '”'
               FROM win_shares s JOIN people p ON p.id = s.person_id JOIN wins w ON w.id = s.win_id
              WHERE s.id = ?1",
        )?,
        "reminders" => quoted(tx, e, "the reminder", "SELECT title FROM reminders WHERE id = ?1")?,
        "check_ins" => {
            quoted(tx, e, "the check-ins", "SELECT label FROM check_ins WHERE id = ?1")?
        }
        "reminder_done" => quoted(tx, e, "", "SELECT title FROM reminder_done WHERE id = ?1")?,
        "settings" => Some("Settings".into()),
        "asks" => text_of(
            tx,
            e,
            "SELECT 'the ask of ' || p.name FROM asks a JOIN people p ON p.id = a.person_id
              WHERE a.id = ?1",
        )?,
        "forums" => text_of(tx, e, "SELECT 'the forum ' || name FROM forums WHERE id = ?1")?,
        "person_dates" => text_of(
            tx,
            e,
            "SELECT name || '’s ' || CASE ?2 WHEN 'birthday' THEN 'birthday'
                       WHEN 'anniversary' THEN 'work anniversary' ELSE 'start date' END
               FROM people WHERE id = ?1",
        )?,
        _ => None,
    };
    Ok(found.unwrap_or_else(|| format!("a record of {}", plural(&e.tbl))))
}

const LINK_ENDS: &str = "SELECT a.name || ' and ' || b.name FROM links l
                           JOIN people a ON a.id = l.from_id JOIN people b ON b.id = l.to_id
                          WHERE l.id = ?1";

/// The first column of `sql`'s row for the entry's key (bound in key order), if there is one.
fn text_of(tx: &Transaction<'_>, e: &Entry, sql: &str) -> Result<Option<String>> {
    let params = rusqlite::params_from_iter(e.key.iter().map(|v| match v {
        serde_json::Value::String(s) => rusqlite::types::Value::Text(s.clone()),
        serde_json::Value::Number(n) => rusqlite::types::Value::Integer(n.as_i64().unwrap_or(0)),
        _ => rusqlite::types::Value::Null,
    }));
    Ok(tx
        .query_row(sql, params, |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten())
}

/// `noun “words”`, the words cut short when long.
fn quoted(tx: &Transaction<'_>, e: &Entry, noun: &str, sql: &str) -> Result<Option<String>> {
    Ok(text_of(tx, e, sql)?.map(|words| {
        let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let short: String = if words.chars().count() > QUOTED_CHARS {
            let cut: String = words.chars().take(QUOTED_CHARS - 1).collect();
            format!("{}…", cut.trim_end())
        } else {
            words
        };
        if noun.is_empty() {
            format!("“{short}”")
        } else {
            format!("{noun} “{short}”")
        }
    }))
}

fn is_deleted(tx: &Transaction<'_>, e: &Entry) -> Result<bool> {
    let sql = format!(
        "SELECT iif(deleted_at IS NULL, '', 'deleted') FROM \"{}\" WHERE id = ?1",
        e.tbl
    );
    Ok(text_of(tx, e, &sql)?.is_some_and(|d| !d.is_empty()))
}

fn status(tx: &Transaction<'_>, e: &Entry) -> Result<Option<String>> {
    let sql = format!(
        "SELECT replace(status, '_', ' ') FROM \"{}\" WHERE id = ?1",
        e.tbl
    );
    text_of(tx, e, &sql)
}

fn plural(table: &str) -> String {
    match table {
        "placements" => "places on maps".into(),
        "group_attendance" => "attendances".into(),
        "tour_stops" => "tour meetings".into(),
        "win_shares" => "tellings of wins".into(),
        "check_ins" => "check-ins".into(),
        "reminder_done" | "reminder_state" => "reminder answers".into(),
        "profiles" => "profiles".into(),
        "person_contacts" => "emails and phone numbers".into(),
        other => other.replace('_', " "),
    }
}

/// `1204` as "1,204".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
