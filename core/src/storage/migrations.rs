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
        "0022_rounds.sql",
        include_str!("../../migrations/0022_rounds.sql"),
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

    #[test]
    fn migrations_are_valid() {
        migrations(MIGRATION_FILES)
            .validate()
            .expect("every migration applies cleanly to an empty database");
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
