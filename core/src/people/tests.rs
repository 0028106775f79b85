//! Tests of people: validation, storage, paging, former colleagues and undoable deletion.

use super::*;
use chrono::TimeZone;

fn at(h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0).unwrap()
}

fn db() -> Database {
    Database::open_in_memory().unwrap()
}

#[test]
fn empty_or_blank_name_is_refused_next_to_the_name_field() {
    let mut db = db();
    for name in ["", "   ", "\n\t"] {
        match add(&mut db, &PersonInput::named(name), at(9)) {
            Err(Error::Invalid { code, field, .. }) => {
                assert_eq!((code, field), ("people.name_required", "name"));
            }
            other => panic!("{name:?} must be refused, got {other:?}"),
        }
    }
    assert_eq!(
        count(&db).unwrap(),
        0,
        "nothing is stored for a refused input"
    );
}

#[test]
fn over_long_fields_say_which_and_how_long() {
    let mut db = db();
    let err = add(&mut db, &PersonInput::named(&"é".repeat(100_000)), at(9)).unwrap_err();
    assert_eq!(err.code(), "input.too_long");
    let msg = err.to_string();
    assert!(
        msg.contains("Name is 100000 characters long; the limit is 10000"),
        "{msg}"
    );

    let input = PersonInput {
        role: "r".repeat(MAX_SHORT_TEXT + 1),
        ..PersonInput::named("Dana")
    };
    assert!(matches!(
        add(&mut db, &input, at(9)),
        Err(Error::Invalid { field: "role", .. })
    ));
    // Exactly at the limit is fine, and counted in characters, not bytes.
    let long = PersonInput::named(&"ü".repeat(MAX_SHORT_TEXT));
    assert_eq!(
        add(&mut db, &long, at(9)).unwrap().name.chars().count(),
        MAX_SHORT_TEXT
    );
}

#[test]
fn any_text_is_stored_literally() {
    let mut db = db();
    let notes = format!(
        "She said \"no\" — 'twice' <script>alert(1)</script> 👩🏽‍💻 مرحبا\n{}",
        "x".repeat(10_000)
    );
    let input = PersonInput {
        name: "<img src=x onerror=alert(1)>".into(),
        role: "Staff 'Engineer'".into(),
        department: "R&D; DROP TABLE people;--".into(),
        organisation: "שלום".into(),
        notes: notes.clone(),
        tags: "<b>vip</b>, \u{202e}evil".into(),
        email: "dana+<x>@example.com".into(),
    };
    let p = add(&mut db, &input, at(9)).unwrap();
    let back = get(&db, &p.id).unwrap();
    assert_eq!(back.name, "<img src=x onerror=alert(1)>");
    assert_eq!(back.department, "R&D; DROP TABLE people;--");
    assert_eq!(back.organisation, "שלום");
    assert_eq!(back.notes, notes, "notes come back byte for byte");
}

#[test]
fn one_line_fields_are_trimmed_but_notes_are_not() {
    let mut db = db();
    let p = add(
        &mut db,
        &PersonInput {
            name: "  Dana Ng \n".into(),
            notes: "  indented\n".into(),
            ..Default::default()
        },
        at(9),
    )
    .unwrap();
    assert_eq!(p.name, "Dana Ng");
    assert_eq!(p.notes, "  indented\n");
}

#[test]
fn list_is_sorted_by_name_ignoring_case_and_accents() {
    let mut db = db();
    for n in ["bea", "Zoë", "Sam", "Álvaro", "adam", "Éric", "zach"] {
        add(&mut db, &PersonInput::named(n), at(9)).unwrap();
    }
    let names: Vec<String> = list(&db, "").unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(
        names,
        ["adam", "Álvaro", "bea", "Éric", "Sam", "zach", "Zoë"],
        "neither case nor accents decide the order"
    );
}

#[test]
fn search_matches_every_word_in_any_field_ignoring_unicode_case() {
    let mut db = db();
    let dana = PersonInput {
        role: "Engineering Manager".into(),
        department: "Platform".into(),
        ..PersonInput::named("Dana Ng")
    };
    add(&mut db, &dana, at(9)).unwrap();
    add(&mut db, &PersonInput::named("ÉLODIE Durand"), at(9)).unwrap();
    add(&mut db, &PersonInput::named("100%_sure"), at(9)).unwrap();

    let names =
        |q: &str| -> Vec<String> { list(&db, q).unwrap().into_iter().map(|p| p.name).collect() };
    assert_eq!(names("dana platform"), ["Dana Ng"]);
    assert_eq!(names("  MANAGER  "), ["Dana Ng"]);
    assert_eq!(
        names("élodie"),
        ["ÉLODIE Durand"],
        "non-ASCII letters fold too"
    );
    assert_eq!(
        names("elodie"),
        ["ÉLODIE Durand"],
        "accents are optional when searching"
    );
    assert!(names("dana élodie").is_empty(), "every word must match");
    assert_eq!(names("%_"), ["100%_sure"], "LIKE wildcards are plain text");
}

/// `n` people named "Person 000".."Person n-1" plus every third one tagged "mentor",
/// added in shuffled order so the list's order is the query's doing.
fn many(n: usize) -> Database {
    let mut db = db();
    for i in (0..n).map(|i| (i * 7) % n) {
        let input = PersonInput {
            tags: if i % 3 == 0 {
                "mentor".into()
            } else {
                String::new()
            },
            ..PersonInput::named(&format!("Person {i:03}"))
        };
        add(&mut db, &input, at(9)).unwrap();
    }
    db
}

fn ids(people: &[Person]) -> Vec<String> {
    people.iter().map(|p| p.id.clone()).collect()
}

#[test]
fn pages_cover_the_list_exactly_once_in_its_order() {
    let db = many(250);
    let everyone = ids(&list(&db, "").unwrap());
    for limit in [1, 7, 100, MAX_PAGE] {
        let mut paged = Vec::new();
        let mut offset = 0;
        loop {
            let page = page(&db, &ListQuery::search(""), offset, limit, at(9)).unwrap();
            assert_eq!(page.total, 250, "every page knows the list's length");
            assert_eq!(page.offset, offset);
            assert!(page.people.len() <= limit, "a page holds at most its limit");
            if page.people.is_empty() {
                break;
            }
            offset += page.people.len();
            paged.extend(ids(&page.people));
        }
        assert_eq!(
            paged, everyone,
            "pages of {limit} put together are the list: no one twice, no one missed"
        );
    }
}

#[test]
fn a_search_pages_too_and_its_total_counts_only_matches() {
    let db = many(100);
    let mentors = ids(&list(&db, "MENTOR").unwrap());
    assert_eq!(mentors.len(), 34, "0, 3, …, 99");
    let first = page(&db, &ListQuery::search("MENTOR"), 0, 20, at(9)).unwrap();
    let second = page(&db, &ListQuery::search("mentor"), 20, 20, at(9)).unwrap();
    assert_eq!((first.total, second.total), (34, 34));
    assert_eq!(second.people.len(), 14, "the last page holds the rest");
    assert_eq!(
        [ids(&first.people), ids(&second.people)].concat(),
        mentors,
        "a search pages in the same order as it lists"
    );
    assert_eq!(
        page(&db, &ListQuery::search("nobody-like-this"), 0, 20, at(9))
            .unwrap()
            .total,
        0
    );
}

#[test]
fn an_offset_past_the_end_gives_no_one_and_the_total() {
    let db = many(10);
    for offset in [10, 11, 1_000_000, usize::MAX] {
        let p = page(&db, &ListQuery::search(""), offset, 100, at(9)).unwrap();
        assert!(p.people.is_empty(), "nobody at {offset}");
        assert_eq!(p.total, 10, "the length still comes back at {offset}");
    }
    assert_eq!(
        page(&db, &ListQuery::search(""), 9, 100, at(9))
            .unwrap()
            .people[0]
            .name,
        "Person 009"
    );
}

#[test]
fn the_total_leaves_out_deleted_people_and_former_colleagues() {
    let mut db = many(5);
    let all = list(&db, "").unwrap();
    delete(&mut db, &all[0].id, at(10)).unwrap();
    mark_former(&mut db, &all[1].id, at(10)).unwrap();
    let p = page(&db, &ListQuery::search(""), 0, 100, at(9)).unwrap();
    assert_eq!(p.total, 3);
    assert_eq!(ids(&p.people), ids(&all[2..]));
}

#[test]
fn a_limit_of_zero_or_too_many_is_refused_with_the_bounds() {
    let db = many(3);
    for limit in [0, MAX_PAGE + 1, 1_000_000] {
        let err = page(&db, &ListQuery::search(""), 0, limit, at(9)).unwrap_err();
        assert_eq!(err.code(), "people.bad_page", "limit {limit}");
        let message = err.to_string();
        assert!(
            message.contains("1 to 500") && message.contains(&limit.to_string()),
            "the message says what is allowed and what was asked: {message}"
        );
    }
    assert_eq!(
        page(&db, &ListQuery::search(""), 0, MAX_PAGE, at(9))
            .unwrap()
            .people
            .len(),
        3
    );
}

#[test]
fn position_and_page_around_find_a_person_in_the_list() {
    let mut db = many(250);
    let everyone = list(&db, "").unwrap();
    for i in [0, 1, 99, 100, 137, 249] {
        let id = &everyone[i].id;
        assert_eq!(
            position(&db, &ListQuery::search(""), id, at(9)).unwrap(),
            Some(i)
        );
        let around = page_around(&db, &ListQuery::search(""), id, 100, at(9)).unwrap();
        assert_eq!(
            around.offset,
            i - i % 100,
            "pages start at multiples of the limit"
        );
        assert!(
            around.people.iter().any(|p| &p.id == id),
            "{i} is on its page"
        );
    }
    let mentors = list(&db, "mentor").unwrap();
    assert_eq!(
        position(&db, &ListQuery::search("mentor"), &mentors[5].id, at(9)).unwrap(),
        Some(5)
    );
    let not_mentor = &everyone[1].id; // Person 001
    assert_eq!(
        position(&db, &ListQuery::search("mentor"), not_mentor, at(9)).unwrap(),
        None
    );
    assert_eq!(
        position(&db, &ListQuery::search(""), "nope", at(9)).unwrap(),
        None
    );
    mark_former(&mut db, &everyone[3].id, at(10)).unwrap();
    assert_eq!(
        position(&db, &ListQuery::search(""), &everyone[3].id, at(9)).unwrap(),
        None
    );
    assert_eq!(
        page_around(&db, &ListQuery::search(""), "nope", 100, at(9))
            .unwrap()
            .offset,
        0,
        "someone not listed opens the list at its start"
    );
}

#[test]
fn update_changes_fields_and_time_but_not_creation() {
    let mut db = db();
    let p = add(&mut db, &PersonInput::named("Dana"), at(9)).unwrap();
    let input = PersonInput {
        role: "VP".into(),
        ..PersonInput::named("Dana Ng")
    };
    let u = update(&mut db, &p.id, &input, at(10)).unwrap();
    assert_eq!((u.name.as_str(), u.role.as_str()), ("Dana Ng", "VP"));
    assert_eq!(u.created_at, at(9));
    assert_eq!(u.updated_at, at(10));
    assert_eq!(
        list(&db, "vp").unwrap().len(),
        1,
        "search sees the new role"
    );
}

#[test]
fn refused_update_keeps_the_stored_person() {
    let mut db = db();
    let p = add(&mut db, &PersonInput::named("Dana"), at(9)).unwrap();
    assert!(update(&mut db, &p.id, &PersonInput::named(" "), at(10)).is_err());
    assert_eq!(get(&db, &p.id).unwrap(), p);
}

#[test]
fn delete_then_restore_brings_the_person_back_unchanged() {
    let mut db = db();
    let p = add(&mut db, &PersonInput::named("Dana"), at(9)).unwrap();
    let gone = delete(&mut db, &p.id, at(10)).unwrap();
    assert_eq!(gone, p);
    assert!(list(&db, "").unwrap().is_empty());
    assert!(matches!(get(&db, &p.id), Err(Error::PersonNotFound { .. })));
    assert!(matches!(
        update(&mut db, &p.id, &PersonInput::named("X"), at(11)),
        Err(Error::PersonNotFound { .. })
    ));
    assert_eq!(restore(&mut db, &p.id).unwrap(), p);
    assert_eq!(
        restore(&mut db, &p.id).unwrap(),
        p,
        "a second undo is harmless"
    );
    assert_eq!(list(&db, "").unwrap(), vec![p]);
}

#[test]
fn unknown_ids_are_not_found() {
    let mut db = db();
    assert_eq!(
        delete(&mut db, "nope", at(9)).unwrap_err().code(),
        "people.not_found"
    );
    assert_eq!(
        restore(&mut db, "nope").unwrap_err().code(),
        "people.not_found"
    );
}

/// (person, when) pairs, in person order.
type LastContacts = Vec<(String, String)>;

/// Each person's last contact as the triggers keep it, and as the interactions say it is.
fn last_contacts(db: &Database) -> (LastContacts, LastContacts) {
    let read = |sql: &str| -> LastContacts {
        db.conn()
            .prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    (
        read("SELECT person_id, at FROM derived_last_contact ORDER BY person_id"),
        read(
            "SELECT ip.person_id, max(i.occurred_at) FROM interaction_people ip
               JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
              GROUP BY ip.person_id ORDER BY ip.person_id",
        ),
    )
}

#[test]
fn the_last_contact_kept_by_triggers_follows_every_change_of_the_interactions() {
    use crate::journal::interactions::{self, InteractionInput, Kind};
    let mut db = db();
    let people: Vec<String> = (0..5)
        .map(|i| {
            add(&mut db, &PersonInput::named(&format!("P{i}")), at(8))
                .unwrap()
                .id
        })
        .collect();
    let mut logged: Vec<String> = Vec::new();
    // A fixed walk through every kind of change: log, move in time, change who was there,
    // delete, bring back, undo and redo, and restore from a backup.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    for step in 0..120u32 {
        let when = Utc
            .with_ymd_and_hms(2026, 1 + (next(11) as u32), 1 + (next(27) as u32), 9, 0, 0)
            .unwrap();
        let who: Vec<String> = people.iter().filter(|_| next(2) == 0).cloned().collect();
        let who = if who.is_empty() {
            vec![people[0].clone()]
        } else {
            who
        };
        let input = InteractionInput {
            occurred_at: Some(when),
            kind: Kind::Coffee,
            people: who,
            notes: String::new(),
            follow_up: String::new(),
        };
        match next(7) {
            0 | 1 => logged.push(interactions::log(&mut db, &input, at(9)).unwrap().id),
            2 if !logged.is_empty() => {
                let id = &logged[next(logged.len() as u64) as usize];
                let _ = interactions::edit(&mut db, id, &input, at(9));
            }
            3 if !logged.is_empty() => {
                let id = logged[next(logged.len() as u64) as usize].clone();
                let _ = interactions::delete(&mut db, &id, at(9));
            }
            4 if !logged.is_empty() => {
                let id = logged[next(logged.len() as u64) as usize].clone();
                let _ = interactions::restore(&mut db, &id);
            }
            5 => {
                let _ = crate::history::undo(&mut db);
            }
            6 => {
                let _ = crate::history::redo(&mut db);
            }
            _ => {}
        }
        let (kept, worked_out) = last_contacts(&db);
        assert_eq!(kept, worked_out, "after step {step}");
    }
    let backup = crate::storage::backup::dump(&db, at(10)).unwrap();
    let mut other = Database::open_in_memory().unwrap();
    crate::storage::backup::restore(&mut other, &backup).unwrap();
    assert_eq!(
        last_contacts(&other).0,
        last_contacts(&db).0,
        "a restore works it out again"
    );
    assert!(!last_contacts(&db).0.is_empty());
}
