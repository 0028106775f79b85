use super::indexed as index_of;
use super::*;
use crate::storage::Database;

/// The first column of each row `sql` gives.
fn strings(db: &Database, sql: &str) -> Vec<String> {
    let mut stmt = db.conn().prepare(sql).unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// Each full-text table's own check that its index matches its text.
fn assert_indexes_sound(conn: &Connection) {
    for table in REBUILT.iter().filter(|t| is_full_text(t)) {
        conn.execute(
            &format!("INSERT INTO {table} ({table}) VALUES ('integrity-check')"),
            [],
        )
        .unwrap_or_else(|e| panic!("{table}: {e}"));
    }
}

/// A database with a record of every indexed kind, written through the app's write path (the
/// triggers keep the index), then edited, deleted and moved about the way use does.
fn used_database() -> Database {
    let mut db = Database::open_in_memory().unwrap();
    db.write(|tx| {
        tx.execute_batch(
            "INSERT INTO people (id, name, role, department, organisation, notes, tags, email,
                                 name_key, search_text, created_at, updated_at)
             VALUES ('p1', 'Dana Zanzibar', 'Head of Platform', 'Platform', 'Acme', 'likes maps',
                     'mentor', 'dana@acme.example', 'dana zanzibar', '', '2026-01-01', '2026-01-01'),
                    ('p2', 'Sam Okafor', 'Engineer', '', '', '', '', '',
                     'sam okafor', '', '2026-01-02', '2026-01-02'),
                    ('p3', 'José Núñez', 'CFO', 'Finance', '', '', '', 'jose@x.example',
                     'jose nunez', '', '2026-01-03', '2026-01-03'),
                    ('p4', 'Gone Person', '', '', '', 'was here', '', 'gone@x.example',
                     'gone person', '', '2026-01-04', '2026-01-04');
             INSERT INTO person_contacts (person_id, kind, position, value, label)
             VALUES ('p1', 'phone', 0, '+44 (0)20 7946-0000', 'work'),
                    ('p2', 'phone', 0, '555.0100', 'mobile'),
                    ('p2', 'email', 1, 'sam@home.example', 'home');
             INSERT INTO profiles (person_id, how_met, motivations, pitch, updated_at)
             VALUES ('p1', 'offsite', 'growth of the team', 'platform pitch', '2026-01-05');
             INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
             VALUES ('i1', '2026-02-01T10:00:00Z', 'coffee', 'talked budget', 'send deck', '2026-02-01', '2026-02-01'),
                    ('i2', '2026-03-01T10:00:00Z', 'one_on_one', 'roadmap', '', '2026-03-01', '2026-03-01'),
                    ('i3', '2026-04-01T10:00:00Z', 'coffee', 'later, then deleted', '', '2026-04-01', '2026-04-01');
             INSERT INTO interaction_people (interaction_id, person_id)
             VALUES ('i1', 'p1'), ('i1', 'p2'), ('i2', 'p1'), ('i3', 'p2');
             INSERT INTO favours (id, person_id, direction, description, thanked_how, impact, created_at, updated_at)
             VALUES ('f1', 'p1', 'by_them', 'introduced me to the CFO', 'a note', 'got the budget', '2026-02-02', '2026-02-02');
             INSERT INTO promises (id, person_id, direction, description, due_on, created_at, updated_at)
             VALUES ('r1', 'p2', 'mine', 'review the design', '2026-12-20', '2026-02-03', '2026-02-03'),
                    ('r2', 'p2', 'theirs', 'a deleted promise', NULL, '2026-02-03', '2026-02-03');
             INSERT INTO conflicts (id, person_id, description, resolution, created_at, updated_at)
             VALUES ('c1', 'p3', 'headcount dispute', 'split the team', '2026-02-04', '2026-02-04');
             INSERT INTO wins (id, title, won_on, impact, link, created_at, updated_at)
             VALUES ('w1', 'Shipped search', '2026-02-05', 'faster answers', 'https://x.example/w1', '2026-02-05', '2026-02-05');
             INSERT INTO asks (id, person_id, kind, what, approached_at, created_at, updated_at)
             VALUES ('a1', 'p1', 'advocate', 'speak for my promotion', '2026-02-06', '2026-02-06', '2026-02-06');
             INSERT INTO forums (id, name, decides, created_at, updated_at)
             VALUES ('g1', 'Promotion panel', 'levels', '2026-02-07', '2026-02-07'),
                    ('g2', 'Staff meeting', 'priorities', '2026-02-07', '2026-02-07'),
                    ('g3', 'Empty forum', 'nothing yet', '2026-02-07', '2026-02-07');
             INSERT INTO forum_members (forum_id, person_id)
             VALUES ('g1', 'p1'), ('g1', 'p4'), ('g2', 'p2');",
        )?;
        Ok(())
    })
    .unwrap();
    // Use after the first writes: edits, deletions, a member leaving, an email removed.
    db.write(|tx| {
        tx.execute_batch(
            "UPDATE people SET role = 'VP Platform' WHERE id = 'p1';
             UPDATE people SET deleted_at = '2026-05-01' WHERE id = 'p4';
             UPDATE people SET email = '' WHERE id = 'p3';
             UPDATE interactions SET deleted_at = '2026-05-01' WHERE id = 'i3';
             UPDATE interaction_people SET person_id = 'p3' WHERE interaction_id = 'i2';
             UPDATE promises SET deleted_at = '2026-05-01' WHERE id = 'r2';
             DELETE FROM forum_members WHERE forum_id = 'g2';
             DELETE FROM person_contacts WHERE person_id = 'p2' AND kind = 'email';
             UPDATE favours SET impact = 'got the budget, and a team' WHERE id = 'f1';
             UPDATE interactions SET notes = 'talked budget and hiring' WHERE id = 'i1';
             INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
             VALUES ('i4', '2026-04-02T10:00:00Z', 'email', 'removed for good', '', '2026-04-02', '2026-04-02'),
                    ('i5', '2026-04-03T10:00:00Z', 'email', 'deleted, then back', '', '2026-04-03', '2026-04-03');
             DELETE FROM interactions WHERE id = 'i4';
             UPDATE interactions SET deleted_at = '2026-05-01' WHERE id = 'i5';
             UPDATE interactions SET deleted_at = NULL, notes = 'deleted, then back again' WHERE id = 'i5';",
        )?;
        Ok(())
    })
    .unwrap();
    db
}

#[test]
fn a_rebuild_gives_the_index_the_triggers_keep_row_for_row() {
    let mut db = used_database();
    assert_indexes_sound(db.conn());
    let kept = index_of(db.conn());
    assert!(kept.len() > 15, "the fixture indexes every kind: {kept:#?}");
    // Every edit, deletion and return reached the index of the interactions' own text.
    let found = |words: &str| -> Vec<String> {
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT r.ref FROM search_interactions JOIN search_rows r ON r.id = search_interactions.rowid
                  WHERE search_interactions MATCH ?1 ORDER BY r.ref",
            )
            .unwrap();
        let rows = stmt.query_map([words], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    assert_eq!(found("hiring"), ["i1"]);
    assert_eq!(found("talked"), ["i1"]);
    assert!(found("removed").is_empty() && found("later").is_empty());
    assert_eq!(found("again"), ["i5"]);
    db.write(|tx| pause(tx)?.rebuild(tx)).unwrap();
    assert_eq!(index_of(db.conn()), kept);
    assert_indexes_sound(db.conn());
}

#[test]
fn the_triggers_are_made_again_and_keep_the_index_after_a_rebuild() {
    let mut db = used_database();
    let count = |db: &Database| -> i64 {
        db.conn()
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    let before = count(&db);
    db.write(|tx| pause(tx)?.rebuild(tx)).unwrap();
    assert_eq!(count(&db), before);
    for table in REBUILT.iter().filter(|t| is_full_text(t)) {
        let buffer: i64 = db
            .conn()
            .query_row(
                &format!("SELECT v FROM {table}_config WHERE k = 'hashsize'"),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            buffer, FTS5_DEFAULT_BUFFER,
            "{table} writes with FTS5's own buffer again"
        );
    }
    db.write(|tx| {
        tx.execute_batch(
            "UPDATE people SET name = 'Dana Z. Zanzibar' WHERE id = 'p1';
             INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
             VALUES ('i9', '2026-06-01T10:00:00Z', 'coffee', 'kubernetes', '', '2026-06-01', '2026-06-01');
             INSERT INTO interaction_people (interaction_id, person_id) VALUES ('i9', 'p1');",
        )?;
        Ok(())
    })
    .unwrap();
    let index = index_of(db.conn());
    assert!(
        index.iter().any(|r| r.contains("Dana Z. Zanzibar")),
        "{index:#?}"
    );
    assert!(index
        .iter()
        .any(|r| r == "derived_last_contact | p1 | 2026-06-01T10:00:00Z"));
}

#[test]
fn a_failed_load_leaves_the_triggers_as_they_were() {
    let mut db = used_database();
    let triggers = |db: &Database| {
        strings(
            db,
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name",
        )
    };
    let before = triggers(&db);
    let failed = db.write(|tx| {
        let _paused = pause(tx)?;
        tx.execute("INSERT INTO people (id) VALUES ('no name')", [])?;
        Ok(())
    });
    assert!(failed.is_err());
    assert_eq!(triggers(&db), before);
}

/// Restore drops every trigger of the schema while it loads: a trigger that kept something
/// this rebuild does not would leave that thing empty after a restore.
#[test]
fn every_trigger_keeps_only_what_a_rebuild_builds() {
    let db = Database::open_in_memory().unwrap();
    let names = strings(&db, "SELECT name FROM sqlite_schema WHERE type = 'trigger'");
    assert!(!names.is_empty());
    for name in names {
        assert!(
            name.contains("_search_") || name.contains("_last_contact_"),
            "the trigger {name} keeps something reindex.rs does not rebuild: add it there"
        );
    }
}

#[test]
fn every_search_and_derived_table_is_rebuilt() {
    let db = Database::open_in_memory().unwrap();
    let names = strings(
        &db,
        "SELECT name FROM sqlite_schema
          WHERE type = 'table' AND (name LIKE 'search\\_%' ESCAPE '\\' OR name LIKE 'derived\\_%' ESCAPE '\\')",
    );
    let shadow = ["_data", "_idx", "_content", "_docsize", "_config"];
    let own: Vec<&String> = names
        .iter()
        .filter(|n| !shadow.iter().any(|s| n.ends_with(s)))
        .collect();
    for name in &own {
        assert!(
            REBUILT.contains(&name.as_str()),
            "{name} is not rebuilt after a restore: add it to reindex.rs"
        );
    }
    assert_eq!(own.len(), REBUILT.len(), "{own:?}");
}

#[test]
fn a_restored_backup_is_indexed_as_the_data_it_came_from_and_nothing_else() {
    use crate::storage::backup;
    use chrono::TimeZone;
    let now = chrono::Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
    let source = used_database();
    let saved = backup::dump(&source, now).unwrap();
    let expected = index_of(source.conn());
    // Into an empty database, and over one whose own records must leave the index.
    let mut fresh = Database::open_in_memory().unwrap();
    let mut used = used_database();
    used.write(|tx| {
        tx.execute_batch(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
             VALUES ('p9', 'Only Here', 'only here', '', '2026-07-01', '2026-07-01');",
        )?;
        Ok(())
    })
    .unwrap();
    for db in [&mut fresh, &mut used] {
        backup::restore(db, &saved).unwrap();
        assert_eq!(index_of(db.conn()), expected);
        assert_indexes_sound(db.conn());
    }
}
