//! The favours ledger, both ways: what people did for the user and what the user did for them,
//! the thank-yous that received favours call for, and a gentle balance.

use chrono::{DateTime, Duration, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields::{line, required, text};
use crate::records::{delete_softly, new_id, text_enum, time_text, undelete};
use crate::storage::Database;

pub const MAX_DESCRIPTION: usize = 10_000;
/// Days after a thank-you when a reminder offers to tell them how it turned out.
pub const FOLLOW_UP_DAYS: u64 = 21;
/// Clocks differ a little between devices; a few minutes ahead is still "now".
const CLOCK_SLACK: Duration = Duration::minutes(5);

text_enum! {
    /// Who did the favour.
    Direction {
        ByThem = "by_them",
        ByMe = "by_me",
    }
}

text_enum! {
    FavourStatus {
        Open = "open",
        Done = "done",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourInput {
    pub person_id: String,
    pub direction: Direction,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Favour {
    pub id: String,
    pub person_id: String,
    pub direction: Direction,
    pub description: String,
    pub status: FavourStatus,
    pub done_at: Option<DateTime<Utc>>,
    pub thanked_at: Option<DateTime<Utc>>,
    pub thanked_how: String,
    /// What the help made possible, as the user wrote it when thanking.
    pub impact: String,
    pub created_at: DateTime<Utc>,
    /// A received favour that is done and not yet thanked for.
    pub thanks_due: bool,
}

const COLUMNS: &str = "id, person_id, direction, description, status, done_at, thanked_at, \
                       thanked_how, created_at, impact";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Favour> {
    let direction: Direction = r.get(2)?;
    let status: FavourStatus = r.get(4)?;
    let thanked_at: Option<DateTime<Utc>> = r.get(6)?;
    Ok(Favour {
        id: r.get(0)?,
        person_id: r.get(1)?,
        direction,
        description: r.get(3)?,
        status,
        done_at: r.get(5)?,
        thanked_at,
        thanked_how: r.get(7)?,
        created_at: r.get(8)?,
        impact: r.get(9)?,
        thanks_due: direction == Direction::ByThem
            && status == FavourStatus::Done
            && thanked_at.is_none(),
    })
}

pub fn get(db: &Database, id: &str) -> Result<Favour> {
    db.conn()
        .query_row(
            &format!("SELECT {COLUMNS} FROM favours WHERE id = ?1 AND deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or_else(|| Error::FavourNotFound { id: id.to_owned() })
}

/// The description as a favour keeps it: trimmed, not empty, not too long.
fn checked_description(typed: &str) -> Result<String> {
    let description = line("description", "Description", typed, MAX_DESCRIPTION)?;
    required(
        &description,
        "favours.description_required",
        "description",
        "Say what the favour is, in a few words.",
    )?;
    Ok(description)
}

/// Records a favour, open until it is done.
pub fn record(db: &mut Database, input: &FavourInput, now: DateTime<Utc>) -> Result<Favour> {
    let description = checked_description(&input.description)?;
    crate::people::get(db, &input.person_id)?;
    let id = new_id(now);
    db.write(|tx| {
        tx.execute(
            "INSERT INTO favours (id, person_id, direction, description, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            rusqlite::params![
                id,
                input.person_id,
                input.direction,
                description,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, &id)
}

/// Marks a favour done, or open again (which also forgets any thank-you).
pub fn set_done(db: &mut Database, id: &str, done: bool, now: DateTime<Utc>) -> Result<Favour> {
    get(db, id)?;
    db.write(|tx| {
        if done {
            tx.execute(
                "UPDATE favours SET status = 'done', done_at = coalesce(done_at, ?2), updated_at = ?2
                 WHERE id = ?1",
                rusqlite::params![id, time_text(now)],
            )?;
        } else {
            tx.execute(
                "UPDATE favours SET status = 'open', done_at = NULL, thanked_at = NULL, thanked_how = '',
                        impact = '', follow_up = 0, updated_at = ?2 WHERE id = ?1",
                rusqlite::params![id, time_text(now)],
            )?;
        }
        Ok(())
    })?;
    get(db, id)
}

/// A favour as the user corrects it: who did it, what it was, and whether (and when) it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FavourEdit {
    pub direction: Direction,
    pub description: String,
    pub status: FavourStatus,
    /// When it was done, for a done favour; backdating counts it in the balance of that time.
    /// None keeps the day it was marked done (or now, for a favour done by this edit).
    #[serde(default)]
    pub done_at: Option<DateTime<Utc>>,
}

/// Changes a favour in one transaction, checked as when it was recorded. A favour no longer
/// done, or now done by the user, has no thank-you to remember, so that is forgotten.
pub fn edit(db: &mut Database, id: &str, input: &FavourEdit, now: DateTime<Utc>) -> Result<Favour> {
    let found = get(db, id)?;
    let description = checked_description(&input.description)?;
    let done_at = match input.status {
        FavourStatus::Open => None,
        FavourStatus::Done => Some(input.done_at.or(found.done_at).unwrap_or(now)),
    };
    if done_at.is_some_and(|at| at > now + CLOCK_SLACK) {
        return Err(Error::Invalid {
            code: "favours.in_future",
            field: "done_at",
            // Said under the date field, so the message need not write the date.
            message: "That day is in the future. Note a favour as done once it is; until then \
                      it stays open."
                .into(),
        });
    }
    let keeps_thanks = input.direction == Direction::ByThem && done_at.is_some();
    db.write(|tx| {
        tx.execute(
            "UPDATE favours SET direction = ?2, description = ?3, status = ?4, done_at = ?5,
                    thanked_at = CASE WHEN ?6 THEN thanked_at END,
                    thanked_how = CASE WHEN ?6 THEN thanked_how ELSE '' END,
                    impact = CASE WHEN ?6 THEN impact ELSE '' END,
                    follow_up = CASE WHEN ?6 THEN follow_up ELSE 0 END,
                    updated_at = ?7
             WHERE id = ?1 AND deleted_at IS NULL",
            rusqlite::params![
                id,
                input.direction,
                description,
                input.status,
                done_at.map(time_text),
                keeps_thanks,
                time_text(now)
            ],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// Records that the user thanked the person for a favour they did, and how.
pub fn thank(db: &mut Database, id: &str, how: &str, now: DateTime<Utc>) -> Result<Favour> {
    thank_with_impact(db, id, how, "", now)
}

/// [`thank`], with the impact the help had; a few weeks later a reminder offers to tell them
/// how it turned out (see [`FOLLOW_UP_DAYS`]).
pub fn thank_with_impact(
    db: &mut Database,
    id: &str,
    how: &str,
    impact: &str,
    now: DateTime<Utc>,
) -> Result<Favour> {
    let favour = get(db, id)?;
    if favour.direction != Direction::ByThem {
        return Err(Error::Invalid {
            code: "favours.not_received",
            field: "thanked_how",
            message: "Thank-yous are for favours someone did for you; this one you did for them."
                .into(),
        });
    }
    if favour.status != FavourStatus::Done {
        return Err(Error::Invalid {
            code: "favours.not_done",
            field: "thanked_how",
            message: "Mark the favour done first; then record how you thanked them.".into(),
        });
    }
    let how = line("thanked_how", "How you thanked them", how, MAX_DESCRIPTION)?;
    let impact = text("impact", "The impact", impact, MAX_DESCRIPTION)?
        .trim()
        .to_owned();
    db.write(|tx| {
        tx.execute(
            "UPDATE favours SET thanked_at = ?2, thanked_how = ?3, impact = ?4, follow_up = 1,
                    updated_at = ?2 WHERE id = ?1",
            rusqlite::params![id, time_text(now), how, impact],
        )?;
        Ok(())
    })?;
    get(db, id)
}

/// A person's favours, open ones first, then the newest.
pub fn for_person(db: &Database, person_id: &str) -> Result<Vec<Favour>> {
    crate::people::get(db, person_id)?;
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM favours WHERE person_id = ?1 AND deleted_at IS NULL
         ORDER BY status = 'done', created_at DESC, id DESC"
    ))?;
    let rows = stmt.query_map([person_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Received favours, done and not yet thanked for, across everyone (for reminders).
pub fn thanks_due(db: &Database) -> Result<Vec<Favour>> {
    let mut stmt = db.conn().prepare_cached(&format!(
        "SELECT {COLUMNS} FROM favours f WHERE deleted_at IS NULL AND direction = 'by_them'
           AND status = 'done' AND thanked_at IS NULL
           AND EXISTS (SELECT 1 FROM people p WHERE p.id = f.person_id AND p.deleted_at IS NULL)
         ORDER BY done_at"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The window of the balance, in days (26 weeks): a person's page and Insights count the same
/// favours.
pub const BALANCE_DAYS: i64 = 182;

/// Done favours each way since a moment: who has done more for whom lately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Balance {
    pub by_them: i64,
    pub by_me: i64,
}

/// Public credit the user gave a person (`?1`) and endorsements they wrote, since `?2`: they
/// count as the user giving, like a favour done for them.
pub(crate) const GIVEN_IN_PUBLIC: &str = "SELECT count(*) FROM interaction_people ip
       JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
      WHERE ip.person_id = ?1 AND i.kind IN ('gave_credit', 'endorsed') AND i.occurred_at >= ?2";

pub fn balance(db: &Database, person_id: &str, since: DateTime<Utc>) -> Result<Balance> {
    crate::people::get(db, person_id)?;
    Ok(db.conn().query_row(
        &format!(
            "SELECT count(*) FILTER (WHERE direction = 'by_them'),
                    count(*) FILTER (WHERE direction = 'by_me') + ({GIVEN_IN_PUBLIC})
             FROM favours WHERE person_id = ?1 AND deleted_at IS NULL AND status = 'done' AND done_at >= ?2"
        ),
        rusqlite::params![person_id, time_text(since)],
        |r| Ok(Balance { by_them: r.get(0)?, by_me: r.get(1)? }),
    )?)
}

/// A person's favours and their balance over the last [`BALANCE_DAYS`], as their page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfPerson {
    pub favours: Vec<Favour>,
    pub balance: Balance,
    pub balance_days: i64,
}

pub fn of_person(db: &Database, person_id: &str, now: DateTime<Utc>) -> Result<OfPerson> {
    Ok(OfPerson {
        favours: for_person(db, person_id)?,
        balance: balance(db, person_id, now - chrono::Duration::days(BALANCE_DAYS))?,
        balance_days: BALANCE_DAYS,
    })
}

/// Deletes a favour; [`restore`] undoes it.
pub fn delete(db: &mut Database, id: &str, now: DateTime<Utc>) -> Result<Favour> {
    let favour = get(db, id)?;
    delete_softly(db, "favours", id, now)?;
    Ok(favour)
}

pub fn restore(db: &mut Database, id: &str) -> Result<Favour> {
    undelete(db, "favours", id)?;
    get(db, id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::{Duration, TimeZone};

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 9, 0, 0).unwrap()
    }

    fn setup() -> (Database, String) {
        let mut db = Database::open_in_memory().unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana"), at(1))
            .unwrap()
            .id;
        (db, dana)
    }

    fn favour(person: &str, direction: Direction, text: &str) -> FavourInput {
        FavourInput {
            person_id: person.into(),
            direction,
            description: text.into(),
        }
    }

    #[test]
    fn a_received_favour_once_done_wants_a_thank_you_until_thanked() {
        let (mut db, dana) = setup();
        let f = record(
            &mut db,
            &favour(&dana, Direction::ByThem, "Reviewed my design doc"),
            at(2),
        )
        .unwrap();
        assert!(!f.thanks_due, "not done yet");
        let err = thank(&mut db, &f.id, "coffee", at(3)).unwrap_err();
        assert_eq!(err.code(), "favours.not_done");

        let done = set_done(&mut db, &f.id, true, at(4)).unwrap();
        assert_eq!((done.done_at, done.thanks_due), (Some(at(4)), true));
        assert_eq!(thanks_due(&db).unwrap().len(), 1);

        let thanked = thank(&mut db, &f.id, " Bought her a coffee ", at(5)).unwrap();
        assert_eq!(
            (
                thanked.thanked_at,
                thanked.thanked_how.as_str(),
                thanked.thanks_due
            ),
            (Some(at(5)), "Bought her a coffee", false)
        );
        assert!(thanks_due(&db).unwrap().is_empty());

        let reopened = set_done(&mut db, &f.id, false, at(6)).unwrap();
        assert_eq!(
            (reopened.done_at, reopened.thanked_at),
            (None, None),
            "reopening forgets the thank-you"
        );
    }

    #[test]
    fn favours_the_user_did_are_not_thanked_for() {
        let (mut db, dana) = setup();
        let f = record(
            &mut db,
            &favour(&dana, Direction::ByMe, "Intro to the SRE lead"),
            at(2),
        )
        .unwrap();
        set_done(&mut db, &f.id, true, at(3)).unwrap();
        assert_eq!(
            thank(&mut db, &f.id, "", at(4)).unwrap_err().code(),
            "favours.not_received"
        );
        assert!(thanks_due(&db).unwrap().is_empty());
    }

    #[test]
    fn bad_favours_are_refused_whole() {
        let (mut db, dana) = setup();
        assert_eq!(
            record(&mut db, &favour(&dana, Direction::ByMe, "  "), at(2))
                .unwrap_err()
                .code(),
            "favours.description_required"
        );
        assert_eq!(
            record(&mut db, &favour("ghost", Direction::ByMe, "x"), at(2))
                .unwrap_err()
                .code(),
            "people.not_found"
        );
        assert!(for_person(&db, &dana).unwrap().is_empty());
    }

    #[test]
    fn the_balance_counts_done_favours_each_way_since_a_day() {
        let (mut db, dana) = setup();
        for (direction, day) in [
            (Direction::ByThem, 2),
            (Direction::ByThem, 10),
            (Direction::ByMe, 12),
        ] {
            let f = record(&mut db, &favour(&dana, direction, "something"), at(day)).unwrap();
            set_done(&mut db, &f.id, true, at(day)).unwrap();
        }
        record(
            &mut db,
            &favour(&dana, Direction::ByMe, "still open"),
            at(12),
        )
        .unwrap();
        assert_eq!(
            balance(&db, &dana, at(1)).unwrap(),
            Balance {
                by_them: 2,
                by_me: 1
            }
        );
        assert_eq!(
            balance(&db, &dana, at(5)).unwrap(),
            Balance {
                by_them: 1,
                by_me: 1
            },
            "older ones fall out"
        );
        assert_eq!(
            balance(&db, &dana, at(12) + Duration::hours(1)).unwrap(),
            Balance {
                by_them: 0,
                by_me: 0
            }
        );
    }

    #[test]
    fn open_favours_list_first_and_delete_can_be_undone() {
        let (mut db, dana) = setup();
        let old = record(
            &mut db,
            &favour(&dana, Direction::ByThem, "old, done"),
            at(2),
        )
        .unwrap();
        set_done(&mut db, &old.id, true, at(3)).unwrap();
        let open = record(&mut db, &favour(&dana, Direction::ByMe, "open"), at(1)).unwrap();
        let listed: Vec<String> = for_person(&db, &dana)
            .unwrap()
            .into_iter()
            .map(|f| f.id)
            .collect();
        assert_eq!(listed, [open.id.clone(), old.id.clone()]);
        delete(&mut db, &open.id, at(4)).unwrap();
        assert_eq!(for_person(&db, &dana).unwrap().len(), 1);
        assert_eq!(restore(&mut db, &open.id).unwrap().description, "open");
        assert_eq!(
            delete(&mut db, "nope", at(4)).unwrap_err().code(),
            "favours.not_found"
        );
    }

    fn edit_of(direction: Direction, text: &str, status: FavourStatus) -> FavourEdit {
        FavourEdit {
            direction,
            description: text.into(),
            status,
            done_at: None,
        }
    }

    #[test]
    fn an_edit_changes_text_direction_status_and_backdates_the_done_day() {
        let (mut db, dana) = setup();
        let f = record(&mut db, &favour(&dana, Direction::ByMe, "Intro"), at(10)).unwrap();
        let done = edit(
            &mut db,
            &f.id,
            &FavourEdit {
                done_at: Some(at(2)),
                ..edit_of(Direction::ByThem, "  Reviewed my doc  ", FavourStatus::Done)
            },
            at(12),
        )
        .unwrap();
        assert_eq!(
            (
                done.direction,
                done.description.as_str(),
                done.status,
                done.done_at,
                done.thanks_due
            ),
            (
                Direction::ByThem,
                "Reviewed my doc",
                FavourStatus::Done,
                Some(at(2)),
                true
            ),
            "trimmed as at creation; done on the day given, before it was recorded"
        );
        assert_eq!(
            balance(&db, &dana, at(1)).unwrap().by_them,
            1,
            "the balance counts it on the day it was done"
        );
        assert_eq!(
            balance(&db, &dana, at(3)).unwrap().by_them,
            0,
            "and not after"
        );
        let same_day = edit(
            &mut db,
            &f.id,
            &edit_of(Direction::ByThem, "Reviewed my doc", FavourStatus::Done),
            at(13),
        )
        .unwrap();
        assert_eq!(same_day.done_at, Some(at(2)), "no date given keeps the day");
        let newly_done = {
            let g = record(&mut db, &favour(&dana, Direction::ByMe, "Lunch"), at(10)).unwrap();
            edit(
                &mut db,
                &g.id,
                &edit_of(Direction::ByMe, "Lunch", FavourStatus::Done),
                at(14),
            )
            .unwrap()
        };
        assert_eq!(
            newly_done.done_at,
            Some(at(14)),
            "done now when no day is given"
        );
    }

    #[test]
    fn a_thank_you_stays_while_it_still_fits_and_goes_when_it_no_longer_can() {
        let (mut db, dana) = setup();
        let f = record(&mut db, &favour(&dana, Direction::ByThem, "Intro"), at(2)).unwrap();
        set_done(&mut db, &f.id, true, at(3)).unwrap();
        thank(&mut db, &f.id, "Coffee", at(4)).unwrap();
        let reworded = edit(
            &mut db,
            &f.id,
            &edit_of(Direction::ByThem, "Intro to the VP", FavourStatus::Done),
            at(5),
        )
        .unwrap();
        assert_eq!(
            (reworded.thanked_at, reworded.thanked_how.as_str()),
            (Some(at(4)), "Coffee"),
            "rewording keeps the thank-you"
        );
        let turned = edit(
            &mut db,
            &f.id,
            &edit_of(Direction::ByMe, "Intro to the VP", FavourStatus::Done),
            at(6),
        )
        .unwrap();
        assert_eq!(
            (turned.thanked_at, turned.thanked_how.as_str()),
            (None, ""),
            "a favour the user did is not thanked for"
        );
        let reopened = edit(
            &mut db,
            &f.id,
            &edit_of(Direction::ByThem, "Intro to the VP", FavourStatus::Open),
            at(7),
        )
        .unwrap();
        assert_eq!((reopened.done_at, reopened.thanks_due), (None, false));
    }

    #[test]
    fn a_bad_edit_names_its_field_and_changes_nothing() {
        let (mut db, dana) = setup();
        let f = record(&mut db, &favour(&dana, Direction::ByMe, "Intro"), at(2)).unwrap();
        let cases = [
            (
                edit_of(Direction::ByMe, "  ", FavourStatus::Open),
                "favours.description_required",
                "description",
            ),
            (
                edit_of(
                    Direction::ByMe,
                    &"x".repeat(MAX_DESCRIPTION + 1),
                    FavourStatus::Open,
                ),
                "input.too_long",
                "description",
            ),
            (
                FavourEdit {
                    done_at: Some(at(9)),
                    ..edit_of(Direction::ByMe, "Intro", FavourStatus::Done)
                },
                "favours.in_future",
                "done_at",
            ),
        ];
        for (bad, code, field) in cases {
            match edit(&mut db, &f.id, &bad, at(5)) {
                Err(Error::Invalid {
                    code: c, field: fl, ..
                }) => assert_eq!((c, fl), (code, field)),
                other => panic!("{bad:?} must be refused, got {other:?}"),
            }
        }
        assert_eq!(get(&db, &f.id).unwrap(), f, "nothing half-saved");
        delete(&mut db, &f.id, at(5)).unwrap();
        for id in [f.id.as_str(), "nope"] {
            assert_eq!(
                edit(
                    &mut db,
                    id,
                    &edit_of(Direction::ByMe, "x", FavourStatus::Open),
                    at(5)
                )
                .unwrap_err()
                .code(),
                "favours.not_found"
            );
        }
    }
}
