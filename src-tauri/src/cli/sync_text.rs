//! What `allies sync status` and `allies sync now` print: sync's state in a person's words.

use std::fmt::Write;

use allies_core::sync::{Overview, Problem, Round};

/// A time from the folder (RFC 3339) as "2026-12-05 16:30 UTC"; as it is when it is not one.
fn when(text: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(text).map_or_else(
        |_| text.to_owned(),
        |t| {
            t.with_timezone(&chrono::Utc)
                .format("%Y-%m-%d %H:%M UTC")
                .to_string()
        },
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn problems(out: &mut String, title: &str, list: &[Problem]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title}:");
    for p in list {
        let _ = writeln!(out, "  {}: {}", p.path.display(), p.reason);
    }
}

/// This computer, the others with when they last wrote, what waits and what went wrong.
pub fn overview(overview: &Overview) -> String {
    let (Some(folder), Some(status)) = (&overview.folder, &overview.status) else {
        return "Sync is off for this data. Turn it on in Allies, in Settings → Sync.\n".to_owned();
    };
    let mut out = String::new();
    let _ = writeln!(out, "Sync is on, through {}", folder.display());
    let pending = usize::try_from(status.outbox_pending).unwrap_or(0);
    let _ = writeln!(
        out,
        "This computer: {} ({} not yet written to the folder)",
        status.device_name,
        plural(pending, "change", "changes")
    );
    if let Some(problem) = &status.folder_problem {
        let _ = writeln!(out, "{problem}");
    } else if status.devices.is_empty() {
        let _ = writeln!(out, "No other computer has written to the folder yet.");
    } else {
        let _ = writeln!(out, "Other computers:");
        for d in &status.devices {
            let name = d.name.as_deref().unwrap_or(&d.id);
            let wrote = d
                .last_write
                .as_deref()
                .map_or_else(|| "not known".to_owned(), when);
            let waiting = d.last_seq_seen - d.last_applied;
            let _ = write!(out, "  {name}: last wrote {wrote}");
            if waiting > 0 {
                let count = usize::try_from(waiting).unwrap_or(0);
                let _ = write!(
                    out,
                    ", {} not applied here yet",
                    plural(count, "file", "files")
                );
            }
            out.push('\n');
        }
    }
    problems(&mut out, "Waiting", &status.waiting);
    problems(&mut out, "Problems", &status.errors);
    out
}

/// What one round did.
pub fn round(round: &Round) -> String {
    format!(
        "Wrote {} to the folder; applied {} from other computers.\n",
        plural(round.pushed, "file of changes", "files of changes"),
        plural(round.pulled.applied, "file", "files"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use allies_core::sync::{DeviceStatus, PullSummary, Status};

    fn on() -> Overview {
        Overview {
            on: true,
            folder: Some("/home/dana/Dropbox/Allies".into()),
            status: Some(Status {
                device_id: "d1".into(),
                device_name: "Laptop".into(),
                next_seq: 4,
                outbox_pending: 1,
                devices: vec![
                    DeviceStatus {
                        id: "d2".into(),
                        name: Some("Desktop".into()),
                        last_seq_seen: 5,
                        last_applied: 3,
                        last_write: Some("2026-12-05T16:30:12.000Z".into()),
                    },
                    DeviceStatus {
                        id: "d3".into(),
                        name: None,
                        last_seq_seen: 1,
                        last_applied: 1,
                        last_write: None,
                    },
                ],
                waiting: vec![],
                errors: vec![Problem {
                    path: "/home/dana/Dropbox/Allies/changes/d2/5.changes".into(),
                    device: Some("d2".into()),
                    seq: Some(5),
                    reason: "the file is damaged".into(),
                    waiting: false,
                }],
                folder_problem: None,
            }),
        }
    }

    #[test]
    fn the_status_names_each_computer_when_it_wrote_and_what_went_wrong() {
        assert_eq!(
            overview(&on()),
            "Sync is on, through /home/dana/Dropbox/Allies\n\
             This computer: Laptop (1 change not yet written to the folder)\n\
             Other computers:\n  \
             Desktop: last wrote 2026-12-05 16:30 UTC, 2 files not applied here yet\n  \
             d3: last wrote not known\n\
             Problems:\n  \
             /home/dana/Dropbox/Allies/changes/d2/5.changes: the file is damaged\n"
        );
        let off = Overview {
            on: false,
            folder: None,
            status: None,
        };
        assert!(overview(&off).starts_with("Sync is off"));
    }

    #[test]
    fn a_folder_that_is_away_is_said_instead_of_a_list_of_no_one() {
        let mut away = on();
        if let Some(status) = away.status.as_mut() {
            status.folder_problem = Some("The sync folder /media/usb/Allies is not there.".into());
        }
        let text = overview(&away);
        assert!(
            text.contains("The sync folder /media/usb/Allies is not there.\n"),
            "{text}"
        );
        assert!(!text.contains("Other computers:"), "{text}");
    }

    #[test]
    fn a_round_says_what_it_wrote_and_applied() {
        let done = Round {
            pushed: 1,
            pulled: PullSummary {
                applied: 3,
                ..PullSummary::default()
            },
        };
        assert_eq!(
            round(&done),
            "Wrote 1 file of changes to the folder; applied 3 files from other computers.\n"
        );
    }
}
