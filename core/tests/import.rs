//! Importing people from LinkedIn's Connections.csv and other CSV files: the exact people
//! produced, the exact problems reported by row, duplicates, and one transaction.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::interop::import::{self, Mapping, OnDuplicate};
use allies_core::people::{self, PersonInput};
use allies_core::{journal::profiles, Database};
use chrono::{DateTime, TimeZone, Utc};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn problems(rows: &[import::Problem]) -> Vec<(u64, String)> {
    rows.iter().map(|p| (p.row, p.reason.clone())).collect()
}

#[test]
fn linkedin_connections_become_people_with_company_position_and_how_met() {
    let parsed = import::parse_linkedin(&fixture("Connections.csv")).unwrap();
    assert_eq!(parsed.notice, None, "UTF-8 with a byte-order mark is UTF-8");
    let people: Vec<(u64, &str, &str, &str, &str)> = parsed
        .candidates
        .iter()
        .map(|c| {
            (
                c.row,
                c.person.name.as_str(),
                c.person.organisation.as_str(),
                c.person.role.as_str(),
                c.person.email.as_str(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (5, "Dana Ng", "Acme", "VP Engineering", ""),
            (
                6,
                "Élodie Durand",
                "Acme, Inc.",
                "Staff Engineer",
                "elodie@example.fr"
            ),
            (
                8,
                "Sam Patel",
                "Globex",
                "Director, Product",
                "sam@example.com"
            ),
            (10, "Sam Patel", "Globex", "Director", "SAM@example.com"),
            (
                11,
                "Zoë \"ZZ\" Åberg",
                "Umbrella",
                "<script>alert(1)</script>",
                ""
            ),
        ]
    );
    let dana = &parsed.candidates[0];
    assert_eq!(dana.how_met, "Connected on LinkedIn on 2025-11-24");
    assert_eq!(
        dana.person.notes,
        "LinkedIn: https://www.linkedin.com/in/danang"
    );
    assert_eq!(
        parsed.candidates[1].how_met,
        "Connected on LinkedIn on 2024-01-03"
    );
    assert_eq!(
        parsed.candidates[4].how_met,
        "Connected on LinkedIn (not a date)"
    );
    assert_eq!(
        problems(&parsed.problems),
        [
            (7, "it has no name".into()),
            (9, "it has 6 values where the header has 7 columns, so they cannot be matched to the columns".into()),
            (12, "“\u{2068}not-an-email\u{2069}” does not look like an email address, such as dana@example.com.".into()),
        ]
    );
}

#[test]
fn the_preview_counts_new_people_duplicates_and_problems_and_apply_writes_them_in_one_go() {
    let mut db = Database::open_in_memory().unwrap();
    let mut existing = PersonInput::named("Dana Ng");
    existing.organisation = "Acme".into();
    existing.notes = "Met at the offsite".into();
    let dana = people::add(&mut db, &existing, now()).unwrap();

    let parsed = import::parse_linkedin(&fixture("Connections.csv")).unwrap();
    let preview = import::preview(&db, &parsed).unwrap();
    assert_eq!(preview.new, 3, "Élodie, Sam and Zoë");
    assert_eq!(preview.duplicates.len(), 1);
    assert_eq!(
        (
            preview.duplicates[0].row,
            preview.duplicates[0].existing_id.as_str(),
            preview.duplicates[0].reason.as_str()
        ),
        (5, dana.id.as_str(), "same name and organisation")
    );
    assert_eq!(
        problems(&preview.problems)
            .iter()
            .map(|p| p.0)
            .collect::<Vec<_>>(),
        [7, 9, 10, 12]
    );
    assert_eq!(
        preview.problems[2].reason,
        "it is the same person as row 8 (same email), so it was left out"
    );
    assert_eq!(people::count(&db).unwrap(), 1, "a preview changes nothing");

    let mut seen = Vec::new();
    let summary = import::apply(
        &mut db,
        &parsed,
        OnDuplicate::Merge,
        now(),
        &mut |done, total| seen.push((done, total)),
    )
    .unwrap();
    assert_eq!((summary.added, summary.merged, summary.skipped), (3, 1, 0));
    assert_eq!(seen.last(), Some(&(4, 4)), "progress ends at the total");
    let names: Vec<String> = people::list(&db, "")
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(
        names,
        ["Dana Ng", "Élodie Durand", "Sam Patel", "Zoë \"ZZ\" Åberg"]
    );
    let dana = people::get(&db, &dana.id).unwrap();
    assert_eq!(dana.role, "VP Engineering", "a merge fills what was empty");
    assert_eq!(
        dana.notes, "Met at the offsite\nLinkedIn: https://www.linkedin.com/in/danang",
        "and keeps what was there"
    );
    assert_eq!(
        profiles::get(&db, &dana.id).unwrap().how_met,
        "Connected on LinkedIn on 2025-11-24"
    );

    // Importing the same file again adds no one.
    let again = import::apply(&mut db, &parsed, OnDuplicate::Skip, now(), &mut |_, _| {}).unwrap();
    assert_eq!((again.added, again.merged, again.skipped), (0, 0, 4));
    assert_eq!(people::count(&db).unwrap(), 4);
}

#[test]
fn any_csv_is_read_with_a_guessed_mapping_that_the_user_can_fix() {
    let bytes = fixture("people.csv");
    let headers = import::csv_headers(&bytes).unwrap();
    let mapping = import::guess_mapping(&headers);
    assert_eq!(
        mapping,
        Mapping {
            name: Some(0),
            email: Some(1),
            organisation: Some(2),
            role: Some(3),
            department: Some(4),
            notes: Some(5),
            ..Mapping::default()
        }
    );
    let parsed = import::parse_csv(&bytes, &mapping).unwrap();
    assert_eq!(
        parsed
            .candidates
            .iter()
            .map(|c| (c.row, c.person.name.as_str(), c.person.department.as_str()))
            .collect::<Vec<_>>(),
        [(2, "Ana Souza", "Platform"), (3, "Tom Becker", "Finance")]
    );
    assert_eq!(problems(&parsed.problems), [(4, "it has no name".into())]);

    let fixed = Mapping {
        department: None,
        ..mapping
    };
    let parsed = import::parse_csv(&bytes, &fixed).unwrap();
    assert_eq!(parsed.candidates[0].person.department, "");
    let err = import::parse_csv(&bytes, &Mapping::default()).unwrap_err();
    assert_eq!(err.code(), "import.no_name_column");
}

#[test]
fn csv_files_ending_their_lines_with_a_lone_cr_read_with_the_right_row_numbers() {
    let bytes = fixture("old-mac.csv");
    assert!(
        !bytes.contains(&b'\n'),
        "the fixture ends its lines with CR alone"
    );
    let headers = import::csv_headers(&bytes).unwrap();
    assert_eq!(headers, ["Name", "Email", "Organisation"]);
    let parsed = import::parse_csv(&bytes, &import::guess_mapping(&headers)).unwrap();
    assert_eq!(
        parsed
            .candidates
            .iter()
            .map(|c| (
                c.row,
                c.person.name.as_str(),
                c.person.organisation.as_str()
            ))
            .collect::<Vec<_>>(),
        [
            (2, "Dana Ng", "Acme"),
            (3, "Sam Okafor", "Initech, Inc."),
            (4, "Lee Ortiz", "")
        ],
        "each line is a row, numbered as an editor shows it"
    );

    let parsed = import::parse_linkedin(&fixture("old-mac-Connections.csv")).unwrap();
    assert_eq!(
        parsed
            .candidates
            .iter()
            .map(|c| (c.row, c.person.name.as_str(), c.how_met.as_str()))
            .collect::<Vec<_>>(),
        [(5, "Kim Lee", "Connected on LinkedIn on 2023-03-05")],
        "LinkedIn's preamble is found line by line too"
    );
}

#[test]
fn a_file_in_another_encoding_is_read_and_said_so_and_a_wrong_file_is_refused() {
    let bytes = fixture("people-cp1252.csv");
    let mapping = import::guess_mapping(&import::csv_headers(&bytes).unwrap());
    let parsed = import::parse_csv(&bytes, &mapping).unwrap();
    assert_eq!(parsed.candidates[0].person.name, "Élodie Durand");
    assert_eq!(parsed.candidates[0].person.organisation, "Société Générale");
    assert!(
        parsed.notice.as_deref().unwrap().contains("Windows-1252"),
        "{:?}",
        parsed.notice
    );

    let err = import::parse_linkedin(&fixture("not-linkedin.csv")).unwrap_err();
    assert_eq!(err.code(), "import.unreadable");
    assert!(
        err.to_string().contains("not LinkedIn's Connections.csv"),
        "{err}"
    );
    assert_eq!(
        import::csv_headers(b"").unwrap_err().code(),
        "import.unreadable"
    );
    let garbage: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    assert!(
        import::parse_linkedin(&garbage).is_err(),
        "random bytes are refused, without a panic"
    );
}

#[test]
fn a_hundred_thousand_character_name_is_a_problem_on_its_row_and_the_rest_comes_in() {
    let csv = format!(
        "Name,Company\nDana Ng,Acme\n{},Acme\nSam Patel,Globex\n",
        "x".repeat(100_000)
    );
    let mapping = import::guess_mapping(&import::csv_headers(csv.as_bytes()).unwrap());
    let parsed = import::parse_csv(csv.as_bytes(), &mapping).unwrap();
    assert_eq!(parsed.candidates.len(), 2);
    assert_eq!(parsed.problems[0].row, 3);
    assert!(
        parsed.problems[0].reason.contains("100000 characters"),
        "{}",
        parsed.problems[0].reason
    );
}
