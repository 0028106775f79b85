//! The user's asks for support as a CSV file, one row each, in the order of the Asks page
//! (waiting ones first): whom they asked, for what kind of support, for which goal and forum,
//! where it stands and the day of each step. Written like the people CSV (RFC 4180, formulas
//! neutralised).

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::asks::{self, AskKind, AskStatus};
use crate::error::Result;
use crate::storage::Database;

pub const HEADER: [&str; 9] = [
    "Person",
    "Kind",
    "Goal",
    "Forum",
    "Status",
    // Days in the user's time zone, as the Asks page shows them.
    "Approached",
    "Asked",
    "Answered",
    "What you asked",
];

/// The kind as the ask form words it.
fn kind_words(kind: AskKind) -> &'static str {
    match kind {
        AskKind::SoundingBoard => "Sounding board",
        AskKind::Advice => "Advice",
        AskKind::Advocate => "Advocate in a forum",
        AskKind::PublicSupport => "Public support",
        AskKind::Introduction => "Introduction",
        AskKind::Sponsorship => "Sponsorship",
        AskKind::Feedback => "Feedback",
    }
}

fn status_words(status: AskStatus) -> &'static str {
    match status {
        AskStatus::Approached => "Approached",
        AskStatus::Asked => "Asked",
        AskStatus::Agreed => "Agreed",
        AskStatus::Declined => "Declined",
    }
}

fn day(t: Option<DateTime<Utc>>, tz: Tz) -> String {
    t.map(|t| t.with_timezone(&tz).date_naive().to_string())
        .unwrap_or_default()
}

/// Every ask that is not deleted (asks of deleted people left out, as on the Asks page).
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let tz = crate::reminders::settings::get(db)?.tz();
    let all = asks::list(db)?;
    super::people_csv::write_csv(&HEADER, |write| {
        for ask in all {
            write(vec![
                ask.person_name,
                kind_words(ask.kind).to_owned(),
                ask.map_name.unwrap_or_default(),
                ask.forum_name.unwrap_or_default(),
                status_words(ask.status).to_owned(),
                day(Some(ask.approached_at), tz),
                day(ask.asked_at, tz),
                day(ask.answered_at, tz),
                ask.what,
            ])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::asks::forums::{self, ForumInput};
    use crate::asks::AskInput;
    use crate::interop::export::Kind;
    use crate::maps::{self, MapInput};
    use crate::people::{self, PersonInput};
    use crate::reminders::settings;

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn each_ask_is_a_row_with_its_goal_forum_and_dated_steps_formulas_neutralised() {
        let mut db = Database::open_in_memory().unwrap();
        // New York: 02:00 UTC is still the evening before there.
        let mut zone = settings::get(&db).unwrap();
        zone.time_zone = "America/New_York".into();
        settings::save(&mut db, &zone, at(1, 12)).unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), at(1, 12))
            .unwrap()
            .id;
        let sam = people::add(&mut db, &PersonInput::named("Sam, \"the\" Ruiz"), at(1, 12))
            .unwrap()
            .id;
        let goal = maps::create(&mut db, &MapInput::named("Staff promotion"), at(1, 12))
            .unwrap()
            .id;
        let panel = forums::add(
            &mut db,
            &ForumInput {
                name: "Promotion panel".into(),
                map_id: Some(goal.clone()),
                members: vec![dana.clone()],
                ..ForumInput::default()
            },
            at(1, 12),
        )
        .unwrap()
        .id;
        let advocate = asks::add(
            &mut db,
            &AskInput {
                person_id: dana.clone(),
                kind: AskKind::Advocate,
                map_id: Some(goal),
                forum_id: Some(panel),
                what: "Speak for the platform work,\nwith the numbers".into(),
            },
            at(2, 12),
        )
        .unwrap()
        .id;
        asks::move_to(&mut db, &advocate, AskStatus::Asked, at(3, 12)).unwrap();
        asks::move_to(&mut db, &advocate, AskStatus::Agreed, at(5, 2)).unwrap();
        asks::add(
            &mut db,
            &AskInput {
                person_id: sam.clone(),
                kind: AskKind::Feedback,
                map_id: None,
                forum_id: None,
                what: "=HYPERLINK(\"x\")".into(),
            },
            at(4, 12),
        )
        .unwrap();
        let gone = asks::add(
            &mut db,
            &AskInput {
                person_id: dana.clone(),
                kind: AskKind::Advice,
                map_id: None,
                forum_id: None,
                what: "Deleted since".into(),
            },
            at(4, 12),
        )
        .unwrap()
        .id;
        asks::delete(&mut db, &gone, at(4, 13)).unwrap();

        let text = String::from_utf8(Kind::AsksCsv.make(&db, at(6, 12)).unwrap()).unwrap();
        let (header, rows) = super::super::tests::csv_table(&text);
        assert_eq!(header, HEADER, "the header names each column");
        assert_eq!(
            rows,
            [
                vec![
                    "Sam, \"the\" Ruiz".to_owned(),
                    "Feedback".into(),
                    String::new(),
                    String::new(),
                    "Approached".into(),
                    "2026-03-04".into(),
                    String::new(),
                    String::new(),
                    "'=HYPERLINK(\"x\")".into(),
                ],
                vec![
                    "Dana Ng".to_owned(),
                    "Advocate in a forum".into(),
                    "Staff promotion".into(),
                    "Promotion panel".into(),
                    "Agreed".into(),
                    "2026-03-02".into(),
                    "2026-03-03".into(),
                    "2026-03-04".into(),
                    "Speak for the platform work,\nwith the numbers".into(),
                ],
            ],
            "waiting asks first; each day in the user's zone (agreed at 02:00 UTC is the 4th in \
             New York); a formula is written as text; a deleted ask is left out"
        );
        assert!(text.contains("\r\n"), "CRLF line ends, as RFC 4180 has");
        assert_eq!(
            Kind::AsksCsv.file_name(at(6, 12).date_naive()),
            "Allies asks - 2026-03-06.csv"
        );

        people::delete(&mut db, &sam, at(6, 12)).unwrap();
        let text = String::from_utf8(Kind::AsksCsv.make(&db, at(6, 12)).unwrap()).unwrap();
        assert!(
            !text.contains("Ruiz"),
            "an ask of a deleted person is left out with them"
        );
    }
}
