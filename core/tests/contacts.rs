//! Every email and phone number of a person: imported with their labels, used to find people
//! already there, kept in step with the form's email, and written back out in CSV and vCard.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::interop::export::{people_csv, people_vcard};
use allies_core::interop::import::{self, vcard, OnDuplicate};
use allies_core::people::contacts::{self, Contact};
use allies_core::people::{self, PersonInput};
use allies_core::Database;
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap()
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/import/vcard/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn id_of(db: &Database, name: &str) -> String {
    people::list(db, name)
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
}

fn import_all(db: &mut Database, parsed: &import::Parsed) -> import::Summary {
    import::apply(db, parsed, OnDuplicate::Merge, now(), &mut |_, _| {}).unwrap()
}

#[test]
fn an_imported_card_keeps_every_email_and_phone_with_its_label() {
    let mut db = Database::open_in_memory().unwrap();
    let parsed = vcard::parse(&fixture("contacts.vcf")).unwrap();
    assert_eq!(import_all(&mut db, &parsed).added, 4);
    let dana = id_of(&db, "Dana Ng");
    assert_eq!(
        people::get(&db, &dana).unwrap().email,
        "dana.ng@acme.example.com",
        "the preferred email is the person's email"
    );
    assert_eq!(
        contacts::list(&db, &dana).unwrap(),
        [
            Contact::email("dana.ng@acme.example.com", "work"),
            Contact::email("dana@home.example.org", "home"),
            Contact::phone("+1 555 010 0100", "mobile"),
            Contact::phone("+1 (555) 010-0199", "Assistant"),
        ]
    );
}

#[test]
fn any_email_or_phone_number_finds_the_person_already_there() {
    let mut db = Database::open_in_memory().unwrap();
    import_all(&mut db, &vcard::parse(&fixture("contacts.vcf")).unwrap());
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:D. Ng\r\nEMAIL:DANA@home.example.org\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P. Raman\r\nTEL;TYPE=CELL:07700 900123\r\nTEL:+44 1632 960000\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone Else\r\nTEL;TYPE=WORK,FAX:+49 69 1234 5600\r\nEND:VCARD\r\n";
    let parsed = vcard::parse(file.as_bytes()).unwrap();
    let preview = import::preview(&db, &parsed).unwrap();
    let found: Vec<(u64, &str, &str)> = preview
        .duplicates
        .iter()
        .map(|d| (d.row, d.existing_name.as_str(), d.reason.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (1, "Dana Ng", "same email"),
            (2, "Priya Raman", "same phone number"),
        ],
        "a second email and a phone number written another way both match; a shared fax does not"
    );
    assert_eq!(preview.new, 1);

    // Merging adds what the person did not have, after what they had.
    import_all(&mut db, &parsed);
    let priya = id_of(&db, "Priya Raman");
    let phones: Vec<String> = contacts::list(&db, &priya)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == contacts::ContactKind::Phone)
        .map(|c| c.value)
        .collect();
    assert_eq!(
        phones,
        ["+44 7700 900123", "+44 20 7946 0958", "+44 1632 960000"],
        "the same mobile written without its country code is not added twice"
    );
}

#[test]
fn a_repeat_inside_the_file_is_found_by_a_phone_number_too() {
    let db = Database::open_in_memory().unwrap();
    let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Souza\r\nTEL:+55 11 91234 5678\r\nEND:VCARD\r\n\
                BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana S.\r\nTEL;TYPE=CELL:(11) 91234-5678\r\nEND:VCARD\r\n";
    let preview = import::preview(&db, &vcard::parse(file.as_bytes()).unwrap()).unwrap();
    assert_eq!(preview.new, 1);
    assert_eq!(
        preview.problems[0].reason,
        "it is the same person as card 1 (same phone number), so it was left out"
    );
}

#[test]
fn changing_the_email_in_the_form_changes_it_in_the_list_keeping_its_label() {
    let mut db = Database::open_in_memory().unwrap();
    import_all(&mut db, &vcard::parse(&fixture("contacts.vcf")).unwrap());
    let dana = id_of(&db, "Dana Ng");
    let mut input = people::get(&db, &dana).unwrap().as_input();
    input.email = "dana@acme.example".into();
    people::update(&mut db, &dana, &input, now()).unwrap();
    let emails: Vec<Contact> = contacts::list(&db, &dana)
        .unwrap()
        .into_iter()
        .filter(|c| c.kind == contacts::ContactKind::Email)
        .collect();
    assert_eq!(
        emails,
        [
            Contact::email("dana@acme.example", "work"),
            Contact::email("dana@home.example.org", "home"),
        ],
        "the old address is not left behind"
    );
    input.email = String::new();
    people::update(&mut db, &dana, &input, now()).unwrap();
    assert_eq!(
        contacts::list(&db, &dana).unwrap()[0],
        Contact::email("dana@home.example.org", "home"),
        "a cleared email leaves the list"
    );

    // Someone added with the form has the one email they typed.
    let sam = people::add(
        &mut db,
        &PersonInput {
            email: "sam@example.com".into(),
            ..PersonInput::named("Sam Patel")
        },
        now(),
    )
    .unwrap();
    assert_eq!(
        contacts::list(&db, &sam.id).unwrap(),
        [Contact::email("sam@example.com", "")]
    );
}

#[test]
fn exports_carry_every_email_and_phone_and_read_back_the_same() {
    let mut db = Database::open_in_memory().unwrap();
    import_all(&mut db, &vcard::parse(&fixture("contacts.vcf")).unwrap());
    let wanted: Vec<(String, Vec<Contact>)> =
        ["Dana Ng", "Jürgen Müller", "Priya Raman", "Simon Perreault"]
            .iter()
            .map(|n| (n.to_string(), contacts::list(&db, &id_of(&db, n)).unwrap()))
            .collect();

    let vcf = String::from_utf8(people_vcard::export(&db).unwrap()).unwrap();
    assert!(
        vcf.contains("EMAIL;PREF=1;TYPE=WORK:dana.ng@acme.example.com\r\n"),
        "{vcf}"
    );
    assert!(
        vcf.contains("TEL;TYPE=WORK,FAX:+49 69 1234 5600\r\n"),
        "{vcf}"
    );
    assert!(vcf.contains("TEL;TYPE=CELL:+1-418-262-6501\r\n"), "{vcf}");
    assert!(
        vcf.contains("item1.TEL:+1 (555) 010-0199\r\nitem1.X-ABLabel:Assistant\r\n"),
        "a label of the user's own words travels as Apple and Google write it: {vcf}"
    );
    let back = vcard::parse(vcf.as_bytes()).unwrap();
    let read: Vec<(String, Vec<Contact>)> = back
        .candidates
        .iter()
        .map(|c| (c.person.name.clone(), c.contacts.clone()))
        .collect();
    assert_eq!(
        read, wanted,
        "the vCard export reads back with the same labels"
    );

    let csv = people_csv::export(&db).unwrap();
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.lines().next().unwrap().contains(",Emails,Phones"),
        "{text}"
    );
    assert!(
        text.contains(",work: dana.ng@acme.example.com; home: dana@home.example.org,"),
        "{text}"
    );
    let mapping = import::guess_mapping(&import::csv_headers(&csv).unwrap());
    let back = import::parse_csv(&csv, &mapping).unwrap();
    let read: Vec<(String, Vec<Contact>)> = back
        .candidates
        .iter()
        .map(|c| (c.person.name.clone(), c.contacts.clone()))
        .collect();
    assert_eq!(
        read, wanted,
        "the CSV export reads back with the same labels"
    );
}

#[test]
fn undoing_an_import_takes_its_emails_and_phones_with_it_and_redo_brings_them_back() {
    let mut db = Database::open_in_memory().unwrap();
    let parsed = vcard::parse(&fixture("contacts.vcf")).unwrap();
    let step = allies_core::history::record(&mut db, now(), |db| {
        import::apply(db, &parsed, OnDuplicate::Merge, now(), &mut |_, _| {})
    })
    .unwrap();
    assert_eq!(step.added, 4);
    // Counted in a backup, which holds every row of the table, whoever it belongs to.
    let count = |db: &Database| {
        allies_core::storage::backup::dump(db, now())
            .unwrap()
            .tables
            .into_iter()
            .find(|t| t.name == "person_contacts")
            .unwrap()
            .rows
            .len()
    };
    assert_eq!(count(&db), 16);
    let undone = allies_core::history::undo(&mut db).unwrap().unwrap();
    assert_eq!(
        undone.label, "Added 4 people",
        "the step is named after the people, not their phone numbers"
    );
    assert_eq!(count(&db), 0, "no email or phone outlives its person");
    allies_core::history::redo(&mut db).unwrap();
    assert_eq!(count(&db), 16);
    let dana = id_of(&db, "Dana Ng");
    assert_eq!(contacts::list(&db, &dana).unwrap().len(), 4);
}

#[test]
fn a_card_with_more_contacts_than_a_person_keeps_is_reported_not_imported() {
    let mut card = String::from("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Many Numbers\r\n");
    for i in 0..150 {
        card.push_str(&format!("TEL;TYPE=work:+1 418 555 {i:04}\r\n"));
    }
    card.push_str("END:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Dana Ng\r\nTEL:+1 418 555 9999\r\nEND:VCARD\r\n");
    let reading = allies_core::interop::import::read(
        allies_core::interop::import::Format::Vcard,
        card.as_bytes(),
        None,
    )
    .unwrap();
    assert_eq!(reading.parsed.candidates.len(), 1, "the next card imports");
    assert_eq!(reading.parsed.candidates[0].person.name, "Dana Ng");
    assert_eq!(reading.parsed.problems.len(), 1);
    assert!(
        reading.parsed.problems[0]
            .reason
            .contains("150 emails and phone numbers"),
        "{:?}",
        reading.parsed.problems
    );
}

#[test]
fn every_email_and_phone_number_finds_the_person_in_search_and_in_the_list() {
    use allies_core::search;
    let mut db = Database::open_in_memory().unwrap();
    import_all(&mut db, &vcard::parse(&fixture("contacts.vcf")).unwrap());
    let found = |db: &Database, text: &str| -> Vec<String> {
        search::search(db, text)
            .unwrap()
            .people
            .into_iter()
            .map(|h| h.person_name)
            .collect()
    };
    let listed = |db: &Database, text: &str| -> Vec<String> {
        people::list(db, text)
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect()
    };
    for (typed, who) in [
        ("dana@home.example", "Dana Ng"), // the second email, not the person's email
        ("dana.ng@acme", "Dana Ng"),      // the person's email
        ("010-0199", "Dana Ng"),          // the assistant's number, as written
        ("5550100199", "Dana Ng"),        // its digits without the country code
        ("15550100199", "Dana Ng"),       // and with it
        ("priya.raman@example", "Priya Raman"),
        ("7946 0958", "Priya Raman"),
        ("4186569254", "Simon Perreault"), // a vCard 4 tel: URI with an extension
        ("juergen.privat", "Jürgen Müller"),
    ] {
        assert_eq!(
            found(&db, typed),
            [who],
            "search finds the person (once) by {typed:?}"
        );
        assert_eq!(
            listed(&db, typed),
            [who],
            "the People list finds the person by {typed:?}"
        );
    }

    // The form's email: the index follows a change, and forgets the old address.
    let dana = id_of(&db, "Dana Ng");
    let mut input = PersonInput::named("Dana Ng");
    input.email = "dana@newco.example".into();
    people::update(&mut db, &dana, &input, now()).unwrap();
    assert_eq!(found(&db, "newco"), ["Dana Ng"]);
    assert!(
        found(&db, "acme").is_empty(),
        "the old address was replaced: {:?}",
        found(&db, "acme")
    );
    assert_eq!(found(&db, "dana@home"), ["Dana Ng"], "the others stay");
}

#[test]
fn a_person_added_with_an_email_is_found_by_it() {
    let mut db = Database::open_in_memory().unwrap();
    let mut input = PersonInput::named("Lee Ortiz");
    input.email = "lee@ortiz.example".into();
    people::add(&mut db, &input, now()).unwrap();
    let hits = allies_core::search::search(&db, "lee@ortiz.example")
        .unwrap()
        .people;
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].person_name, "Lee Ortiz");
    assert!(
        hits[0].snippet.contains("example"),
        "the snippet shows the address: {:?}",
        hits[0].snippet
    );
    // Found by name and by email, the person is one hit.
    let hits = allies_core::search::search(&db, "lee").unwrap().people;
    assert_eq!(hits.len(), 1, "{hits:?}");
}
