//! People's dates through files: read from vCard BDAY/ANNIVERSARY (vCard 3, vCard 4, Apple's
//! year-less days) and CSV columns, kept on import, and written back by both exports.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::dates;
use allies_core::interop::export::{people_csv, people_vcard};
use allies_core::interop::import::{self, Format, OnDuplicate};
use allies_core::Database;
use chrono::{TimeZone, Utc};

fn imported(format: Format, text: &str) -> (Database, Vec<(String, Vec<String>)>) {
    let mut db = Database::open_in_memory().unwrap();
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap();
    let reading = import::read(format, text.as_bytes(), None).unwrap();
    assert!(
        reading.parsed.problems.is_empty(),
        "every row is usable: {:?}",
        reading.parsed.problems
    );
    import::apply(
        &mut db,
        &reading.parsed,
        OnDuplicate::Skip,
        now,
        &mut |_, _| {},
    )
    .unwrap();
    let mut people: Vec<(String, Vec<String>)> = allies_core::people::list(&db, "")
        .unwrap()
        .into_iter()
        .map(|p| {
            let dates = dates::list(&db, &p.id).unwrap();
            (
                p.name,
                dates
                    .iter()
                    .map(|d| format!("{} {}", d.kind.as_str(), d.iso()))
                    .collect(),
            )
        })
        .collect();
    people.sort();
    (db, people)
}

const CARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Three\r\nBDAY:1985-04-12\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Basic\r\nBDAY:19900102\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cy Four\r\nBDAY:--0412\r\nANNIVERSARY:20150601\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Di Apple\r\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-02-29\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ed Odd\r\nBDAY:sometime in spring\r\nEND:VCARD\r\n";

#[test]
fn birthdays_and_anniversaries_come_in_from_every_vcard_version() {
    let (_, people) = imported(Format::Vcard, CARDS);
    assert_eq!(
        people,
        [
            (
                "Ana Three".to_owned(),
                vec!["birthday 1985-04-12".to_owned()]
            ),
            (
                "Bo Basic".to_owned(),
                vec!["birthday 1990-01-02".to_owned()]
            ),
            (
                "Cy Four".to_owned(),
                vec![
                    "birthday --04-12".to_owned(),
                    "anniversary 2015-06-01".to_owned()
                ]
            ),
            ("Di Apple".to_owned(), vec!["birthday --02-29".to_owned()]),
            ("Ed Odd".to_owned(), vec![]),
        ],
        "a day with no year keeps no year; an unreadable one costs only the date, not the card"
    );
}

#[test]
fn the_vcard_export_writes_them_back_and_reads_the_same() {
    let (db, before) = imported(Format::Vcard, CARDS);
    let exported = String::from_utf8(people_vcard::export(&db).unwrap()).unwrap();
    assert!(
        exported.contains("BDAY:--0412"),
        "vCard 4 day without a year:\n{exported}"
    );
    assert!(exported.contains("ANNIVERSARY:20150601"), "{exported}");
    let (_, after) = imported(Format::Vcard, &exported);
    assert_eq!(after, before, "the round trip keeps every date");
}

#[test]
fn csv_columns_are_read_and_written_and_a_bad_date_names_its_row() {
    let csv =
        "Name,Birthday,Anniversary,Start date\r\nAna,1985-04-12,,2019-09-02\r\nBo,--12-24,,\r\n";
    let (db, people) = imported(Format::Csv, csv);
    assert_eq!(
        people,
        [
            (
                "Ana".to_owned(),
                vec![
                    "birthday 1985-04-12".to_owned(),
                    "start_date 2019-09-02".to_owned()
                ]
            ),
            ("Bo".to_owned(), vec!["birthday --12-24".to_owned()]),
        ]
    );
    let exported = String::from_utf8(people_csv::export(&db).unwrap()).unwrap();
    let mut lines = exported.lines();
    assert!(lines
        .next()
        .unwrap()
        .ends_with("Birthday,Anniversary,Start date"));
    assert!(
        exported.contains("1985-04-12,,2019-09-02"),
        "each date in its column:\n{exported}"
    );
    assert!(
        exported.contains("'--12-24"),
        "a cell starting with '-' is written as text for spreadsheets:\n{exported}"
    );
    let (_, again) = imported(Format::Csv, &exported);
    assert_eq!(again, people, "the export reads back the same");

    let bad = "Name,Birthday\r\nCy,31/02\r\n";
    let reading = import::read(Format::Csv, bad.as_bytes(), None).unwrap();
    let problem = &reading.parsed.problems[0];
    assert_eq!(problem.row, 2);
    assert!(
        problem.reason.contains("birthday") && problem.reason.contains("31/02"),
        "the reason names the field and the value: {}",
        problem.reason
    );
}
