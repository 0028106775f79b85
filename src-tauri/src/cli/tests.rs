//! The command line's parsing and commands.

use super::*;

fn cli(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("allies").chain(args.iter().copied()))
}

#[test]
fn no_arguments_open_the_window() {
    let parsed = cli(&[]).unwrap();
    assert_eq!((parsed.command, parsed.background), (None, false));
    assert!(cli(&["--background"]).unwrap().background);
}

#[test]
fn commands_and_their_options_are_recognised() {
    assert_eq!(cli(&["data-dir"]).unwrap().command, Some(Command::DataDir));
    let parsed = cli(&[
        "import",
        "csv",
        "people.csv",
        "--map",
        "name=Full Name",
        "--dry-run",
        "--data-dir",
        "/tmp/x",
    ])
    .unwrap();
    assert_eq!(parsed.data_dir.as_deref(), Some(Path::new("/tmp/x")));
    assert_eq!(
        parsed.command,
        Some(Command::Import {
            kind: ImportKind::Csv,
            file: "people.csv".into(),
            dry_run: true,
            skip_duplicates: false,
            map: vec!["name=Full Name".into()],
        })
    );
    let sync = cli(&["sync", "now", "--data-dir", "/tmp/x"]).unwrap();
    assert_eq!(
        (sync.command, sync.data_dir.as_deref()),
        (
            Some(Command::Sync {
                action: SyncAction::Now
            }),
            Some(Path::new("/tmp/x"))
        )
    );
    assert_eq!(
        cli(&["sync", "status"]).unwrap().command,
        Some(Command::Sync {
            action: SyncAction::Status
        })
    );
    assert!(cli(&["sync"]).is_err(), "sync needs status or now");
    assert!(cli(&["import", "vcard-ish", "x"]).is_err());
    assert!(cli(&["--frobnicate"]).is_err());
}

#[test]
fn a_mapping_names_columns_by_header() {
    let csv = b"Who,Mail,Firm\nDana Ng,dana@example.com,Acme\n";
    let m = mapping(csv, &["name=who".into(), "organisation=Firm".into()]).unwrap();
    assert_eq!((m.name, m.organisation), (Some(0), Some(2)));
    assert_eq!(m.email, Some(1), "the rest is guessed");
    let err = mapping(csv, &["name=Nope".into()]).unwrap_err();
    assert!(
        err.contains("no column “Nope”") && err.contains("Who, Mail, Firm"),
        "{err}"
    );
    assert!(mapping(csv, &["colour=Who".into()])
        .unwrap_err()
        .contains("not a field"));
}
