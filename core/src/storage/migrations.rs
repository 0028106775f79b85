//! The schema, step by step: numbered SQL files applied in order, tracked by `user_version`.

use rusqlite_migration::{Migrations, M};

/// Schema steps in order; the file names carry the step number.
pub const MIGRATION_FILES: &[(&str, &str)] = &[
    (
        "0001_people.sql",
        include_str!("../../migrations/0001_people.sql"),
    ),
    (
        "0002_maps.sql",
        include_str!("../../migrations/0002_maps.sql"),
    ),
    (
        "0003_journal.sql",
        include_str!("../../migrations/0003_journal.sql"),
    ),
    (
        "0004_ledger.sql",
        include_str!("../../migrations/0004_ledger.sql"),
    ),
    (
        "0005_search.sql",
        include_str!("../../migrations/0005_search.sql"),
    ),
    (
        "0006_conflicts.sql",
        include_str!("../../migrations/0006_conflicts.sql"),
    ),
    (
        "0007_search_conflicts.sql",
        include_str!("../../migrations/0007_search_conflicts.sql"),
    ),
    (
        "0008_reminders.sql",
        include_str!("../../migrations/0008_reminders.sql"),
    ),
    (
        "0009_groups.sql",
        include_str!("../../migrations/0009_groups.sql"),
    ),
    (
        "0010_former_colleagues.sql",
        include_str!("../../migrations/0010_former_colleagues.sql"),
    ),
    (
        "0011_tags.sql",
        include_str!("../../migrations/0011_tags.sql"),
    ),
    (
        "0012_email.sql",
        include_str!("../../migrations/0012_email.sql"),
    ),
    (
        "0013_links.sql",
        include_str!("../../migrations/0013_links.sql"),
    ),
    (
        "0014_tours.sql",
        include_str!("../../migrations/0014_tours.sql"),
    ),
    (
        "0015_links_graph.sql",
        include_str!("../../migrations/0015_links_graph.sql"),
    ),
    (
        "0016_history.sql",
        include_str!("../../migrations/0016_history.sql"),
    ),
    (
        "0017_sample.sql",
        include_str!("../../migrations/0017_sample.sql"),
    ),
    (
        "0018_contacts.sql",
        include_str!("../../migrations/0018_contacts.sql"),
    ),
    (
        "0019_wins.sql",
        include_str!("../../migrations/0019_wins.sql"),
    ),
    (
        "0020_asks.sql",
        include_str!("../../migrations/0020_asks.sql"),
    ),
    (
        "0021_dates.sql",
        include_str!("../../migrations/0021_dates.sql"),
    ),
    (
        "0022_rounds.sql",
        include_str!("../../migrations/0022_rounds.sql"),
    ),
    (
        "0023_search_contacts.sql",
        include_str!("../../migrations/0023_search_contacts.sql"),
    ),
    (
        "0024_search_forums.sql",
        include_str!("../../migrations/0024_search_forums.sql"),
    ),
    (
        "0025_list_indexes.sql",
        include_str!("../../migrations/0025_list_indexes.sql"),
    ),
    (
        "0026_sync.sql",
        include_str!("../../migrations/0026_sync.sql"),
    ),
    (
        "0027_last_contact.sql",
        include_str!("../../migrations/0027_last_contact.sql"),
    ),
    (
        "0028_search_interactions_text.sql",
        include_str!("../../migrations/0028_search_interactions_text.sql"),
    ),
];

pub(crate) fn migrations(steps: &[(&str, &'static str)]) -> Migrations<'static> {
    Migrations::new(steps.iter().map(|(_, sql)| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn schema_version() -> i64 {
    MIGRATION_FILES.len() as i64
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// An in-memory database with every migration before `file` applied, foreign keys on as
    /// the app runs, and the steps to take it the rest of the way.
    fn just_before(file: &str) -> (rusqlite::Connection, Migrations<'static>) {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        let steps = migrations(MIGRATION_FILES);
        let before = MIGRATION_FILES
            .iter()
            .position(|(name, _)| *name == file)
            .unwrap();
        steps.to_version(&mut conn, before).unwrap();
        (conn, steps)
    }

    #[test]
    fn migrations_are_valid() {
        migrations(MIGRATION_FILES)
            .validate()
            .expect("every migration applies cleanly to an empty database");
    }

    /// 0021 rebuilds `interactions` to widen its kinds: every row, who was there, the search
    /// index and the references to it must come through, with foreign keys on as the app runs.
    #[test]
    fn the_interactions_rebuild_keeps_rows_people_and_search() {
        let (mut conn, steps) = just_before("0021_dates.sql");
        conn.execute_batch(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
                 VALUES ('p1', 'Dana', 'dana', 'dana', '2026-01-01T00:00:00Z',
                         '2026-01-01T00:00:00Z');
             INSERT INTO interactions (id, occurred_at, kind, notes, created_at, updated_at)
                 VALUES ('i1', '2026-01-02T00:00:00Z', 'coffee', 'roadmap chat',
                         '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');
             INSERT INTO interaction_people (interaction_id, person_id) VALUES ('i1', 'p1');",
        )
        .unwrap();
        steps.to_latest(&mut conn).unwrap();
        let kept: (String, String) = conn
            .query_row(
                "SELECT i.kind, ip.person_id FROM interactions i
                   JOIN interaction_people ip ON ip.interaction_id = i.id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            kept,
            ("coffee".into(), "p1".into()),
            "the row and who was there are kept"
        );
        conn.execute(
            "INSERT INTO interactions (id, occurred_at, kind, notes, created_at, updated_at)
                 VALUES ('i2', '2026-01-03T00:00:00Z', 'endorsed', 'endorsed on the panel',
                         '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z')",
            [],
        )
        .expect("the new kinds are accepted");
        let found: i64 = conn
            .query_row(
                "SELECT count(*) FROM search_interactions WHERE search_interactions MATCH 'roadmap OR panel'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, 2, "old and new interactions are both searchable");
        let fk_problems: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk_problems, 0);
        let references: String = conn
            .query_row(
                "SELECT \"table\" FROM pragma_foreign_key_list('interaction_people') WHERE \"from\" = 'interaction_id'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            references, "interactions",
            "interaction_people still points at the table"
        );
        let orphan = conn.execute(
            "INSERT INTO interaction_people (interaction_id, person_id) VALUES ('nope', 'p1')",
            [],
        );
        assert!(orphan.is_err(), "the reference is still enforced");
    }

    /// 0028 indexes the interactions' text where it is instead of in a copy: interactions
    /// already there are found by the same words, deleted ones stay out, and the copy is gone.
    #[test]
    fn interactions_indexed_before_their_text_moved_are_found_after_it() {
        let (mut conn, steps) = just_before("0028_search_interactions_text.sql");
        conn.execute_batch(
            "INSERT INTO interactions (id, occurred_at, kind, notes, follow_up, created_at, updated_at)
                 VALUES ('i1', '2026-01-02T00:00:00Z', 'coffee', 'roadmap chat', 'send the deck',
                         '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z'),
                        ('i2', '2026-01-03T00:00:00Z', 'coffee', 'roadmap, deleted',  '',
                         '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z');
             UPDATE interactions SET deleted_at = '2026-01-04T00:00:00Z' WHERE id = 'i2';",
        )
        .unwrap();
        steps.to_latest(&mut conn).unwrap();
        let found = |conn: &rusqlite::Connection, words: &str| -> Vec<(String, String)> {
            let mut stmt = conn
                .prepare(
                    "SELECT r.ref, snippet(search_interactions, 0, '[', ']', '…', 8)
                       FROM search_interactions JOIN search_rows r ON r.id = search_interactions.rowid
                      WHERE search_interactions MATCH ?1",
                )
                .unwrap();
            let rows = stmt
                .query_map([words], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap();
            rows.collect::<rusqlite::Result<_>>().unwrap()
        };
        assert_eq!(
            found(&conn, "roadmap"),
            [("i1".to_owned(), "[roadmap] chat send the deck".to_owned())]
        );
        assert_eq!(
            found(&conn, "deck").len(),
            1,
            "the follow-up is indexed too"
        );
        conn.execute(
            "INSERT INTO search_interactions (search_interactions) VALUES ('integrity-check')",
            [],
        )
        .expect("the index matches the text it reads");
        let copies: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'search_interactions_content'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(copies, 0, "the text is no longer kept twice");
        let buffer: i64 = conn
            .query_row(
                "SELECT v FROM search_interactions_config WHERE k = 'hashsize'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            buffer,
            1024 * 1024,
            "built, then FTS5's own buffer for the app's writes"
        );
    }

    /// 0024 indexes the forums already there, with who sits on them.
    #[test]
    fn forums_made_before_their_search_are_found_after_it() {
        let (mut conn, steps) = just_before("0024_search_forums.sql");
        conn.execute_batch(
            "INSERT INTO people (id, name, name_key, search_text, created_at, updated_at)
                 VALUES ('p1', 'Dana', 'dana', 'dana', '2026-01-01T00:00:00Z',
                         '2026-01-01T00:00:00Z');
             INSERT INTO forums (id, name, decides, created_at, updated_at)
                 VALUES ('f1', 'Staff meeting', 'Budgets', '2026-01-01T00:00:00Z',
                         '2026-01-01T00:00:00Z');
             INSERT INTO forum_members (forum_id, person_id) VALUES ('f1', 'p1');",
        )
        .unwrap();
        steps.to_latest(&mut conn).unwrap();
        let found: Vec<String> = conn
            .prepare(
                "SELECT r.ref FROM search_forums JOIN search_rows r ON r.id = search_forums.rowid
                  WHERE search_forums MATCH 'staff AND budgets AND dana'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(found, ["f1"], "name, purpose and member are all in its row");
    }

    #[test]
    fn migration_files_are_all_listed_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".sql"))
            .collect();
        on_disk.sort();
        let listed: Vec<&str> = MIGRATION_FILES.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            on_disk, listed,
            "a migration file that is not listed never runs"
        );
        for (i, name) in listed.iter().enumerate() {
            assert!(
                name.starts_with(&format!("{:04}_", i + 1)),
                "{name} must carry step number {}",
                i + 1
            );
        }
    }
}
