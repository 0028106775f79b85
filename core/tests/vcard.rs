//! Address books as real programs write them, read into exactly these people and problems.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::{interop::import, interop::import::vcard};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// (card, name, role, organisation, department, email, notes)
fn people(parsed: &import::Parsed) -> Vec<(u64, String, String, String, String, String, String)> {
    parsed
        .candidates
        .iter()
        .map(|c| {
            let p = &c.person;
            (
                c.row,
                p.name.clone(),
                p.role.clone(),
                p.organisation.clone(),
                p.department.clone(),
                p.email.clone(),
                p.notes.clone(),
            )
        })
        .collect()
}

fn s(text: &str) -> String {
    text.to_owned()
}

#[test]
fn outlook_2_1_with_quoted_printable_and_charsets() {
    let parsed = vcard::parse(&fixture("outlook-2.1.vcf")).unwrap();
    assert_eq!(
        people(&parsed),
        [(
            1,
            s("Jürgen Müller"),
            s("Head of Risk"),
            s("Société Générale"),
            s("Risk"),
            s("juergen@example.de"),
            // Quoted-printable's CRLF is kept as a line feed: no carriage return is stored.
            s("Met at the\noffsite")
        )]
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.unit, "card");
}

#[test]
fn google_3_0_with_folded_lines_grouped_properties_and_a_photo() {
    let parsed = vcard::parse(&fixture("google-3.0.vcf")).unwrap();
    assert_eq!(
        people(&parsed),
        [
            (
                1,
                s("Priya Raman"),
                s("Director of Engineering, Platform and Infrastructure, working across several long teams"),
                s("Initech"),
                s("Platform"),
                s("priya@example.com"),
                s("Knows everyone in Finance, ask about the budget")
            ),
            (2, s("Chidi Okafor"), s(""), s("Initech"), s(""), s(""), s("")),
        ]
    );
}

#[test]
fn rfc_6350_4_0() {
    let parsed = vcard::parse(&fixture("rfc6350-4.0.vcf")).unwrap();
    assert_eq!(
        people(&parsed),
        [(
            1,
            s("Simon Perreault"),
            s("Engineer"),
            s("Viagenie"),
            s(""),
            s("simon.perreault@viagenie.ca"),
            s("")
        )]
    );
}

#[test]
fn a_broken_address_book_keeps_its_good_cards_and_names_the_bad_ones() {
    let parsed = vcard::parse(&fixture("broken.vcf")).unwrap();
    assert_eq!(
        people(&parsed)
            .iter()
            .map(|p| p.1.as_str())
            .collect::<Vec<_>>(),
        ["Ana Souza"]
    );
    let problems: Vec<(u64, &str)> = parsed
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (2, "it has no name (FN or N)"),
            (
                3,
                "it is cut off (the file ends before END:VCARD; it begins on line 10), so it was left out"
            ),
        ]
    );
    let err = vcard::parse(b"Name,Company\nDana,Acme\n").unwrap_err();
    assert!(err.to_string().contains("not a vCard file"), "{err}");
    let garbage: Vec<u8> = b"BEGIN:VCARD\r\n"
        .iter()
        .copied()
        .chain((0..=255u8).cycle().take(5000))
        .collect();
    let _ = vcard::parse(&garbage); // no panic, whatever it makes of it
}

fn vcard_fixture(name: &str) -> import::Parsed {
    vcard::parse(&fixture(&format!("vcard/{name}"))).unwrap()
}

fn names(parsed: &import::Parsed) -> Vec<(u64, &str)> {
    parsed
        .candidates
        .iter()
        .map(|c| (c.row, c.person.name.as_str()))
        .collect()
}

fn problems(parsed: &import::Parsed) -> Vec<(u64, &str)> {
    parsed
        .problems
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect()
}

#[test]
fn a_card_without_end_ends_at_the_next_begin_and_the_next_one_imports() {
    let parsed = vcard_fixture("unfinished.vcf");
    assert_eq!(
        names(&parsed),
        [(2, "Ana Souza"), (3, "Chidi Okafor")],
        "the card after the unfinished one must come in whole"
    );
    assert_eq!(
        problems(&parsed),
        [(
            1,
            "it has no END:VCARD: it begins on line 1 and the next card begins on line 5, so it was left out"
        )]
    );
    assert_eq!(parsed.notice, None, "no line lies outside a card");
}

#[test]
fn a_file_that_ends_inside_a_card_reports_that_card_and_imports_the_rest() {
    let parsed = vcard_fixture("truncated.vcf");
    assert_eq!(names(&parsed), [(1, "Ana Souza")]);
    assert_eq!(
        problems(&parsed),
        [(
            2,
            "it is cut off (the file ends before END:VCARD; it begins on line 5), so it was left out"
        )]
    );
}

#[test]
fn a_card_of_an_unsupported_version_is_reported_not_imported() {
    let parsed = vcard_fixture("versions.vcf");
    assert_eq!(
        names(&parsed),
        [(2, "Ana Souza"), (4, "Chidi Okafor"), (5, "Priya Raman")]
    );
    assert_eq!(
        problems(&parsed),
        [
            (1, "its VERSION is “\u{2068}5.0\u{2069}” (line 2); Allies reads vCard 2.1, 3.0 and 4.0, so it was left out"),
            (3, "its VERSION is “\u{2068}1.0\u{2069}” (line 10); Allies reads vCard 2.1, 3.0 and 4.0, so it was left out"),
        ]
    );
}

#[test]
fn each_card_is_decoded_on_its_own_and_a_fold_may_split_a_character() {
    let parsed = vcard_fixture("mixed-encoding.vcf");
    let people: Vec<(u64, &str, &str, &str)> = parsed
        .candidates
        .iter()
        .map(|c| {
            (
                c.row,
                c.person.name.as_str(),
                c.person.organisation.as_str(),
                c.person.notes.as_str(),
            )
        })
        .collect();
    assert_eq!(
        people,
        [
            (1, "José Álvarez", "Société Générale", ""),
            (2, "François Müller", "Café du Nord", ""),
            (3, "Zoë Åberg", "", "Åre 2024"),
        ],
        "UTF-8 cards stay UTF-8 whatever else the file holds"
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(
        parsed.notice.as_deref(),
        Some(
            "Card 2 is not all UTF-8, so the lines that are not were read as Windows-1252. Check that accented names look right. \
             Line 6 of the file is outside every card (between END:VCARD and the next BEGIN:VCARD) and was left out."
        )
    );
}

#[test]
fn companies_groups_and_places_are_skipped_with_a_reason_never_imported_as_people() {
    let parsed = vcard_fixture("not-people.vcf");
    assert_eq!(
        names(&parsed),
        [(3, "Jane Doe"), (6, "Bill Lumbergh")],
        "a person who works at a company shown as one is still a person"
    );
    let not_people: Vec<(u64, &str)> = parsed
        .not_people
        .iter()
        .map(|p| (p.row, p.reason.as_str()))
        .collect();
    assert_eq!(
        not_people,
        [
            (
                1,
                "a company card, \u{2068}ABC Marketing\u{2069} (KIND:org)"
            ),
            (2, "a group, \u{2068}The Doe family\u{2069} (KIND:group)"),
            (
                4,
                "a group, \u{2068}Book club\u{2069} (X-ADDRESSBOOKSERVER-KIND:group)"
            ),
            (
                5,
                "a company card, \u{2068}Initech\u{2069} (X-ABShowAs:COMPANY)"
            ),
            (7, "a location, \u{2068}Room 42\u{2069} (KIND:location)"),
        ]
    );
    assert_eq!(
        problems(&parsed),
        [],
        "a card that is not a person is no error: it is left out on purpose"
    );
}

#[test]
fn the_preview_and_the_import_count_cards_that_are_not_people_apart_from_errors() {
    let mut file = std::fs::read(format!(
        "{}/tests/fixtures/import/vcard/not-people.vcf",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    // And one damaged card: a real error, counted as one.
    file.extend_from_slice(b"BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:no name\r\nEND:VCARD\r\n");
    let parsed = vcard::parse(&file).unwrap();
    let mut db = allies_core::Database::open_in_memory().unwrap();
    let preview = import::preview(&db, &parsed).unwrap();
    assert_eq!(preview.new, 2);
    assert_eq!(preview.not_people.len(), 5, "{:?}", preview.not_people);
    assert_eq!(
        preview.problems.iter().map(|p| p.row).collect::<Vec<_>>(),
        [8],
        "only the card without a name cannot be imported"
    );
    let now = chrono::DateTime::parse_from_rfc3339("2026-12-05T09:00:00Z")
        .unwrap()
        .to_utc();
    let summary = import::apply(
        &mut db,
        &parsed,
        import::OnDuplicate::Merge,
        now,
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!((summary.added, summary.problems.len()), (2, 1));
    assert_eq!(
        summary.not_people.len(),
        5,
        "the result says what was left out as not a person, apart from the errors"
    );
}

/// (kind, label, value)
type Labelled = (String, String, String);

#[test]
fn every_email_and_phone_number_comes_with_its_label_the_preferred_first() {
    let parsed = vcard_fixture("contacts.vcf");
    let found: Vec<(&str, &str, Vec<Labelled>)> = parsed
        .candidates
        .iter()
        .map(|c| {
            (
                c.person.name.as_str(),
                c.person.email.as_str(),
                c.contacts
                    .iter()
                    .map(|x| {
                        (
                            format!("{:?}", x.kind).to_lowercase(),
                            x.label.clone(),
                            x.value.clone(),
                        )
                    })
                    .collect(),
            )
        })
        .collect();
    let c = |kind: &str, label: &str, value: &str| (s(kind), s(label), s(value));
    assert_eq!(
        found,
        [
            (
                "Dana Ng",
                "dana.ng@acme.example.com",
                vec![
                    c("email", "work", "dana.ng@acme.example.com"),
                    c("email", "home", "dana@home.example.org"),
                    c("phone", "mobile", "+1 555 010 0100"),
                    c("phone", "Assistant", "+1 (555) 010-0199"),
                ]
            ),
            (
                "Priya Raman",
                "priya@initech.example.com",
                vec![
                    c("email", "work", "priya@initech.example.com"),
                    c("email", "", "priya.raman@example.net"),
                    c("phone", "mobile", "+44 7700 900123"),
                    c("phone", "Desk", "+44 20 7946 0958"),
                ]
            ),
            (
                "Jürgen Müller",
                "juergen@example.de",
                vec![
                    c("email", "", "juergen@example.de"),
                    c("email", "", "juergen.privat@example.de"),
                    c("phone", "work", "+49 69 1234 5678"),
                    c("phone", "mobile", "+49 151 2345 6789"),
                    c("phone", "work fax", "+49 69 1234 5600"),
                ]
            ),
            (
                "Simon Perreault",
                "simon.perreault@viagenie.ca",
                vec![
                    c("email", "work", "simon.perreault@viagenie.ca"),
                    c("phone", "work", "+1-418-656-9254;ext=102"),
                    c("phone", "mobile", "+1-418-262-6501"),
                ]
            ),
        ]
    );
}

/// The same bytes with every lone CR (an old Mac's line end) written as CRLF.
fn as_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        out.push(b);
        if b == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            out.push(b'\n');
        }
    }
    out
}

#[test]
fn an_old_mac_file_ending_its_lines_with_a_lone_cr_reads_like_its_crlf_twin() {
    let bytes = fixture("vcard/old-mac.vcf");
    assert!(
        !bytes.contains(&b'\n'),
        "the fixture ends its lines with CR alone"
    );
    let parsed = vcard::parse(&bytes).unwrap();
    assert_eq!(
        people(&parsed),
        [
            (
                1,
                s("Élodie Durand"),
                s("Staff Engineer"),
                s("Acme"),
                s("R&D"),
                s("elodie@acme.example.com"),
                s("Met at the offsite in Lyon, long ago.")
            ),
            (
                2,
                s("Sam Okafor"),
                s(""),
                s(""),
                s(""),
                s(""),
                s("Prefers mornings")
            ),
        ]
    );
    assert_eq!(
        parsed.candidates[0].contacts.len(),
        2,
        "the email and the phone: {:?}",
        parsed.candidates[0].contacts
    );
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.notice, None, "no line is outside a card");
    assert_eq!(
        parsed,
        vcard::parse(&as_crlf(&bytes)).unwrap(),
        "read exactly as the same file with CRLF"
    );
}
