//! The user's own wins as a CSV file, one row each, newest first: what it was, when, its
//! outcome and impact, the goal it serves, where it can be seen, and who has heard of it, how and
//! when. Written like the people CSV (RFC 4180, formulas neutralised).

use crate::error::Result;
use crate::storage::Database;
use crate::wins::{self, How, Share};

pub const HEADER: [&str; 6] = [
    "Title",
    "Date",
    "Outcome and impact",
    "Goal",
    "Link",
    // "Dana Ng (1:1, 2026-03-02); Sam Ruiz (email, 2026-02-20)", the latest telling first.
    "Who knows it",
];

fn how_words(how: How) -> &'static str {
    match how {
        How::OneOnOne => "1:1",
        How::Demo => "demo",
        How::Email => "email",
        How::Meeting => "meeting",
        How::Other => "other",
    }
}

fn who_knows(shares: &[Share]) -> String {
    shares
        .iter()
        .map(|s| format!("{} ({}, {})", s.name, how_words(s.how), s.shared_on))
        .collect::<Vec<_>>()
        .join("; ")
}

/// Every win that is not deleted, newest first, with who heard of it (deleted people left out).
pub fn export(db: &Database) -> Result<Vec<u8>> {
    let all = wins::list(db)?;
    super::people_csv::write_csv(&HEADER, |write| {
        for win in all {
            let shares = wins::get(db, &win.id)?.shares;
            write(vec![
                win.title,
                win.won_on.to_string(),
                win.impact,
                win.map_name.unwrap_or_default(),
                win.link,
                who_knows(&shares),
            ])?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeZone, Utc};

    use super::*;
    use crate::interop::export::Kind;
    use crate::maps::{self, MapInput};
    use crate::people::{self, PersonInput};
    use crate::wins::{ShareInput, WinInput};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).unwrap()
    }

    #[test]
    fn each_win_is_a_row_with_its_goal_link_and_who_knows_it_formulas_neutralised() {
        let mut db = Database::open_in_memory().unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now())
            .unwrap()
            .id;
        let sam = people::add(&mut db, &PersonInput::named("Sam, \"the\" Ruiz"), now())
            .unwrap()
            .id;
        let goal = maps::create(&mut db, &MapInput::named("Staff promotion"), now())
            .unwrap()
            .id;
        let builds = wins::create(
            &mut db,
            &WinInput {
                title: "Cut build times".into(),
                won_on: "2026-03-01".into(),
                impact: "From 40 to 12 minutes.\nEvery team ships faster.".into(),
                map_id: Some(goal),
                link: "https://example.com/builds".into(),
            },
            now(),
        )
        .unwrap()
        .win
        .id;
        wins::create(
            &mut db,
            &WinInput {
                title: "=HYPERLINK(\"x\")".into(),
                won_on: "2026-01-15".into(),
                ..WinInput::default()
            },
            now(),
        )
        .unwrap();
        let told = |db: &mut Database, person: &str, day: &str, how| {
            let input = ShareInput {
                person_id: person.into(),
                shared_on: day.into(),
                how,
            };
            wins::tell(db, &builds, &input, now()).unwrap();
        };
        told(&mut db, &dana, "2026-03-02", How::OneOnOne);
        told(&mut db, &sam, "2026-03-05", How::Email);

        let text = String::from_utf8(Kind::WinsCsv.make(&db, now()).unwrap()).unwrap();
        let (header, rows) = super::super::tests::csv_table(&text);
        assert_eq!(header, HEADER, "the header names each column");
        assert_eq!(
            rows,
            [
                vec![
                    "Cut build times".to_owned(),
                    "2026-03-01".into(),
                    "From 40 to 12 minutes.\nEvery team ships faster.".into(),
                    "Staff promotion".into(),
                    "https://example.com/builds".into(),
                    "Sam, \"the\" Ruiz (email, 2026-03-05); Dana Ng (1:1, 2026-03-02)".into(),
                ],
                vec![
                    "'=HYPERLINK(\"x\")".to_owned(),
                    "2026-01-15".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                ],
            ],
            "newest first; the latest telling first; a formula is written as text"
        );
        assert!(text.contains("\r\n"), "CRLF line ends, as RFC 4180 has");
        assert_eq!(
            Kind::WinsCsv.file_name(now().date_naive()),
            "Allies wins - 2026-03-10.csv"
        );

        people::delete(&mut db, &sam, now()).unwrap();
        let text = String::from_utf8(Kind::WinsCsv.make(&db, now()).unwrap()).unwrap();
        assert!(
            !text.contains("Ruiz"),
            "a deleted person is not named as knowing it"
        );
    }
}
