use super::*;
use crate::journal::interactions::{self, InteractionInput, Kind};
use crate::people::{self, PersonInput};
use crate::search::{fts_query, words};
use crate::storage::encryption::{self, Passphrase};
use chrono::{DateTime, TimeZone, Utc};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
}

/// Small batches, so a few hundred interactions take several, and the search goes on in the
/// whole index after 40 candidates.
const SMALL: Batches = Batches {
    first: 2,
    largest: 8,
    most: 40,
};

fn log(db: &mut Database, person: &str, notes: &str) -> String {
    let input = InteractionInput {
        occurred_at: None,
        kind: Kind::Coffee,
        people: vec![person.to_owned()],
        notes: notes.to_owned(),
        follow_up: String::new(),
    };
    interactions::log(db, &input, now()).unwrap().id
}

/// Oldest first: 30 about the budget roadmap, 60 where "budgets" is one of several words that
/// begin with "bud", then 120 where every other one is about the budget and the rest only have
/// other words in "bud" (candidates for "budget" that do not match); one person deleted, some
/// interactions deleted.
fn journal(db: &mut Database) {
    let ana = people::add(db, &PersonInput::named("Ana Souza"), now())
        .unwrap()
        .id;
    let élodie = people::add(db, &PersonInput::named("Élodie Durand"), now())
        .unwrap()
        .id;
    let gone = people::add(db, &PersonInput::named("Kim Gone"), now())
        .unwrap()
        .id;
    for i in 0..30 {
        log(db, &ana, &format!("Budget roadmap review {i}"));
    }
    for i in 0..60 {
        let who = [&ana, &élodie, &gone][i % 3];
        let id = log(
            db,
            who,
            &format!("budgets with a buddy in Budapest, note {i}"),
        );
        if i % 7 == 0 {
            interactions::delete(db, &id, now()).unwrap();
        }
    }
    for i in 0..120 {
        if i % 2 == 0 {
            log(
                db,
                &élodie,
                &format!("Buddy lunch at the roastery, road trip {i}"),
            );
        } else {
            log(db, &ana, &format!("Budget lunch, road trip {i}"));
        }
    }
    people::delete(db, &gone, now()).unwrap();
}

const QUERIES: [&str; 10] = [
    "budget",
    "budget roadmap",
    "budgets",
    "BUDGÉT ROAD",
    "roadmap budget review",
    "buddy",
    "budapest note 5",
    "road",
    "bud",
    "budgetary",
];

/// What the whole index gives for `text`: the search as typed, newest first.
fn whole_index(db: &Database, text: &str) -> Vec<Hit> {
    let query = fts_query(&words(text)).unwrap();
    matches(db, INDEX, NEWEST, &query, 0..i64::MAX, 2 * PER_KIND).unwrap()
}

fn newest(db: &Database, text: &str, batches: Batches) -> Vec<Hit> {
    let words = words(text);
    let query = fts_query(&words).unwrap();
    interactions_in(db, &words, &query, batches).unwrap()
}

#[test]
fn hits_are_those_of_the_whole_index_in_its_order_with_its_snippets() {
    let mut db = Database::open_in_memory().unwrap();
    journal(&mut db);
    for batches in [SMALL, BATCHES] {
        for text in QUERIES {
            assert_eq!(
                newest(&db, text, batches),
                whole_index(&db, text),
                "“{text}” with {batches:?}"
            );
        }
    }
    // The comparison is not between two empty lists: full pages, found in several batches
    // ("buddy"), after as many candidates as may be checked ("budget", one in two a match),
    // behind candidates that do not match ("budgets"), and without people deleted.
    assert_eq!(whole_index(&db, "budget roadmap").len(), 30);
    assert_eq!(whole_index(&db, "buddy").len(), 2 * PER_KIND);
    // 60, less the 9 deleted and the 20 of the person deleted (3 of them both).
    let budgets = whole_index(&db, "budgets");
    assert_eq!(budgets.len(), 34);
    assert!(budgets.iter().all(|h| h.person_name != "Kim Gone"));
    assert!(budgets[0].snippet.contains("\u{E000}budgets\u{E001}"));
    assert!(whole_index(&db, "budgetary").is_empty());
}

#[test]
fn the_small_index_is_left_empty() {
    let mut db = Database::open_in_memory().unwrap();
    journal(&mut db);
    assert!(!newest(&db, "budget", SMALL).is_empty());
    let left: i64 = db
        .conn()
        .query_row(
            "SELECT count(*) FROM search_scratch.search_check",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn words_of_three_characters_or_less_or_with_punctuation_are_not_cut() {
    assert_eq!(candidate_query(&["bud", "ro"]), None);
    assert_eq!(candidate_query(&["o'brien"]), None);
    assert_eq!(
        candidate_query(&["élodie", "o'brien", "kim"]).as_deref(),
        Some("\"élo\"* \"o'brien\"* \"kim\"*")
    );
}

#[test]
fn inside_a_transaction_the_whole_index_is_searched() {
    let mut db = Database::open_in_memory().unwrap();
    journal(&mut db);
    db.conn().execute_batch("BEGIN").unwrap();
    assert_eq!(
        newest(&db, "budget", SMALL),
        whole_index(&db, "budget"),
        "a database cannot be attached in a transaction"
    );
    db.conn().execute_batch("ROLLBACK").unwrap();
}

#[test]
fn an_encrypted_database_is_searched_the_same_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Database::open_in(dir.path(), now()).unwrap();
    journal(&mut db);
    let key = Passphrase::new_checked("correct horse battery staple").unwrap();
    let (db, report) = encryption::change(db, Some(key), now());
    report.unwrap();
    let db = db.unwrap();
    for text in QUERIES {
        assert_eq!(newest(&db, text, SMALL), whole_index(&db, text), "“{text}”");
    }
    assert_eq!(newest(&db, "budget roadmap", SMALL).len(), 30);
}
