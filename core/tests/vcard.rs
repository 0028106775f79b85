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
                "it is cut off (the file ends before END:VCARD), so it was left out"
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
