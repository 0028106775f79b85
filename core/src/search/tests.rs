use super::*;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions::{self, InteractionInput, Kind};
use crate::journal::profiles::{self, Profile};
use crate::journal::promises::{self, Owner, PromiseInput};
use crate::people::{self, PersonInput};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

fn names(hits: &[Hit]) -> Vec<&str> {
    hits.iter().map(|h| h.person_name.as_str()).collect()
}

fn world() -> (Database, String, String) {
    let mut db = Database::open_in_memory().unwrap();
    let elodie = people::add(
        &mut db,
        &PersonInput {
            role: "Staff Engineer".into(),
            ..PersonInput::named("Élodie Durand")
        },
        now(),
    )
    .unwrap()
    .id;
    let sam = people::add(&mut db, &PersonInput::named("Sam Patel"), now())
        .unwrap()
        .id;
    (db, elodie, sam)
}

#[test]
fn words_match_as_prefixes_without_accents_in_every_kind() {
    let (mut db, elodie, sam) = world();
    let coffee = InteractionInput {
        occurred_at: None,
        kind: Kind::Coffee,
        people: vec![sam.clone()],
        notes: "Budget planning for the kubernetes migration".into(),
        follow_up: String::new(),
    };
    interactions::log(&mut db, &coffee, now()).unwrap();
    favours::record(
        &mut db,
        &FavourInput {
            person_id: sam.clone(),
            direction: Direction::ByThem,
            description: "Reviewed the kubernetes RFC".into(),
        },
        now(),
    )
    .unwrap();
    promises::make(
        &mut db,
        &PromiseInput {
            person_id: elodie.clone(),
            owner: Owner::Mine,
            description: "Share kubernetes cost data".into(),
            due_on: String::new(),
        },
        now(),
        today(),
    )
    .unwrap();
    profiles::save(
        &mut db,
        &elodie,
        &Profile {
            motivations: "Kubernetes reliability".into(),
            ..Profile::default()
        },
        now(),
    )
    .unwrap();

    let r = search(&db, "elodie").unwrap();
    assert_eq!(names(&r.people), ["Élodie Durand"], "accents are folded");
    let r = search(&db, "kube").unwrap();
    assert_eq!(
        names(&r.people),
        ["Élodie Durand"],
        "a profile match finds the person"
    );
    assert_eq!(names(&r.interactions), ["Sam Patel"]);
    assert_eq!(names(&r.favours), ["Sam Patel"]);
    assert_eq!(names(&r.promises), ["Élodie Durand"]);
    assert_eq!(r.len(), 4);
    let r = search(&db, "kube budget").unwrap();
    assert_eq!(r.len(), 1, "every word must match");
}

#[test]
fn snippets_mark_the_matched_words_and_keep_user_text_as_is() {
    let (mut db, _, sam) = world();
    let note = InteractionInput {
        occurred_at: None,
        kind: Kind::Meeting,
        people: vec![sam],
        notes: "She said <script>alert(1)</script> about the roadmap".into(),
        follow_up: String::new(),
    };
    interactions::log(&mut db, &note, now()).unwrap();
    let hit = &search(&db, "roadmap").unwrap().interactions[0];
    assert!(
        hit.snippet.contains("\u{E000}roadmap\u{E001}"),
        "{:?}",
        hit.snippet
    );
    assert!(
        hit.snippet.contains("<script>"),
        "text comes back unchanged; the UI renders it as text"
    );
}

#[test]
fn the_index_follows_edits_deletes_and_undo() {
    let (mut db, elodie, _) = world();
    let input = PersonInput {
        role: "Principal Engineer".into(),
        ..PersonInput::named("Élodie Martin")
    };
    people::update(&mut db, &elodie, &input, now()).unwrap();
    assert!(
        search(&db, "durand").unwrap().is_empty(),
        "the old name is gone from the index"
    );
    assert_eq!(search(&db, "martin").unwrap().people.len(), 1);

    people::delete(&mut db, &elodie, now()).unwrap();
    assert!(
        search(&db, "martin").unwrap().is_empty(),
        "deleted people are not found"
    );
    people::restore(&mut db, &elodie).unwrap();
    assert_eq!(
        search(&db, "martin").unwrap().people.len(),
        1,
        "undo brings them back to search"
    );

    let f = favours::record(
        &mut db,
        &FavourInput {
            person_id: elodie.clone(),
            direction: Direction::ByMe,
            description: "Covered her on-call shift".into(),
        },
        now(),
    )
    .unwrap();
    favours::delete(&mut db, &f.id, now()).unwrap();
    assert!(search(&db, "shift").unwrap().is_empty());
    favours::restore(&mut db, &f.id).unwrap();
    assert_eq!(search(&db, "shift").unwrap().favours.len(), 1);

    // A profile saved twice (an upsert) is indexed once, with its latest text.
    profiles::save(
        &mut db,
        &elodie,
        &Profile {
            pitch: "observability first".into(),
            ..Profile::default()
        },
        now(),
    )
    .unwrap();
    profiles::save(
        &mut db,
        &elodie,
        &Profile {
            pitch: "tracing first".into(),
            ..Profile::default()
        },
        now(),
    )
    .unwrap();
    assert!(
        search(&db, "observability").unwrap().is_empty(),
        "the old pitch is gone"
    );
    assert_eq!(search(&db, "tracing").unwrap().people.len(), 1);

    let coffee = InteractionInput {
        occurred_at: None,
        kind: Kind::Coffee,
        people: vec![elodie.clone()],
        notes: "quarterly offsite".into(),
        follow_up: String::new(),
    };
    let i = interactions::log(&mut db, &coffee, now()).unwrap();
    interactions::delete(&mut db, &i.id, now()).unwrap();
    assert!(search(&db, "offsite").unwrap().is_empty());
    interactions::restore(&mut db, &i.id).unwrap();
    assert_eq!(search(&db, "offsite").unwrap().interactions.len(), 1);

    let p = promises::make(
        &mut db,
        &PromiseInput {
            person_id: elodie,
            owner: Owner::Theirs,
            description: "Intro to the CFO".into(),
            due_on: String::new(),
        },
        now(),
        today(),
    )
    .unwrap();
    promises::delete(&mut db, &p.id, now(), today()).unwrap();
    assert!(search(&db, "cfo").unwrap().is_empty());
    promises::restore(&mut db, &p.id, today()).unwrap();
    assert_eq!(search(&db, "cfo").unwrap().promises.len(), 1);

    let c = crate::journal::conflicts::open(
        &mut db,
        &crate::journal::conflicts::ConflictInput {
            person_id: p.person_id.clone(),
            description: "Budget fight with finance".into(),
            resolve_by: String::new(),
        },
        now(),
        today(),
    )
    .unwrap();
    assert_eq!(search(&db, "fight").unwrap().conflicts.len(), 1);
    crate::journal::conflicts::resolve(&mut db, &c.id, "Split the cost", now(), today()).unwrap();
    assert_eq!(
        search(&db, "split").unwrap().conflicts.len(),
        1,
        "the resolution is searchable too"
    );
    crate::journal::conflicts::delete(&mut db, &c.id, now(), today()).unwrap();
    assert!(search(&db, "fight").unwrap().is_empty());
}

#[test]
fn fts_syntax_in_the_query_is_plain_text() {
    let (db, _, _) = world();
    for q in ["\"", "sam OR", "NEAR(sam", "-sam", "*", "sa\"m", "  ", "%_"] {
        assert!(search(&db, q).is_ok(), "{q:?} must not be a syntax error");
    }
    assert_eq!(
        search(&db, "sam OR").unwrap().len(),
        0,
        "OR is a word here, and nobody has it"
    );
    assert_eq!(search(&db, "pat").unwrap().people.len(), 1);
}

#[test]
fn among_many_matches_the_best_of_the_newest_come_first() {
    let mut db = Database::open_in_memory().unwrap();
    let extra = 10;
    // The oldest would rank first (the word is its whole name) but is not among the newest
    // RANKED_AMONG matches; among those, a name that is the word itself ranks first.
    db.write(|tx| {
        let mut add = tx.prepare(
            "INSERT INTO people (id, name, notes, name_key, search_text, created_at, updated_at)
             VALUES (?1, ?2, ?3, lower(?2), lower(?2), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )?;
        add.execute(["p0000", "Harbour", ""])?;
        for i in 1..RANKED_AMONG + extra {
            let (name, notes) = if i == RANKED_AMONG / 2 {
                ("Harbour Lee".to_owned(), String::new())
            } else {
                (format!("Person {i}"), "met at the harbour cafe, talked about the harbour plans and more".to_owned())
            };
            add.execute(rusqlite::params![format!("p{i:04}"), name, notes])?;
        }
        Ok(())
    })
    .unwrap();
    let found = search(&db, "harbour").unwrap();
    assert_eq!(found.people.len(), PER_KIND);
    assert_eq!(found.people[0].person_name, "Harbour Lee");
    assert!(
        found.people.iter().all(|h| h.person_id != "p0000"),
        "the oldest of {} matches is not ranked",
        RANKED_AMONG + extra
    );
    // Fewer matches are all ranked: the best is first wherever it is.
    assert_eq!(
        search(&db, "harbour lee").unwrap().people[0].person_name,
        "Harbour Lee"
    );
}

#[test]
fn one_search_of_a_group_gives_what_two_in_its_index_give() {
    let mut db = Database::open_in_memory().unwrap();
    // More matches than are ranked, equal scores (the same notes), people deleted, and records
    // in every ranked group.
    db.write(|tx| {
        let mut add = tx.prepare(
            "INSERT INTO people (id, name, notes, name_key, search_text, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, lower(?2), lower(?2), '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', ?4)",
        )?;
        let mut favour = tx.prepare(
            "INSERT INTO favours (id, person_id, direction, description, created_at, updated_at)
             VALUES (?1, ?2, 'by_them', ?3, '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z')",
        )?;
        for i in 0..RANKED_AMONG + 300 {
            let notes = match i % 4 {
                0 => "budget roadmap for the platform",
                1 => "roadmap review, budgets and a budget",
                2 => "budgetary planning",
                _ => "the platform budget",
            };
            let deleted = (i % 9 == 0).then_some("2026-02-01T00:00:00.000Z");
            let id = format!("p{i:05}");
            add.execute(rusqlite::params![id, format!("Person {}", i % 50), notes, deleted])?;
            if i % 3 == 0 {
                favour.execute(rusqlite::params![format!("f{i:05}"), id, notes])?;
            }
        }
        Ok(())
    })
    .unwrap();
    let queries = [
        "budget",
        "budget roadmap",
        "roadm",
        "person 7",
        "budgets",
        "plat",
        "nothing",
    ];
    for index in ["search_people", "search_favours", "search_promises"] {
        for text in queries {
            let query = fts_query(&words(text)).unwrap();
            assert_eq!(
                group(&db, index, &query, true).unwrap(),
                group_in_index(&db, index, &query).unwrap(),
                "“{text}” in {index}"
            );
        }
    }
    let query = fts_query(&words("budget roadmap")).unwrap();
    let people = group(&db, "search_people", &query, true).unwrap();
    assert_eq!(
        people.len(),
        PER_KIND,
        "each person once, the deleted left out"
    );
    assert!(people[0].snippet.contains("\u{E000}budget\u{E001}"));
    assert_eq!(
        group(&db, "search_favours", &query, true).unwrap().len(),
        PER_KIND
    );
}
