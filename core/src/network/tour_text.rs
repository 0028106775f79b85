//! A newbie tour as plain text, to print or take to a review with one's manager: the plan week
//! by week, who was met and what they said, and who is still to meet.

use std::fmt::Write;

use super::tour::{Stop, StopKind, Tour};

/// Reads one answer of a meeting.
type Answer = fn(&Stop) -> &str;

/// The three questions a tour meeting answers, as the tour page asks them.
const QUESTIONS: [(&str, Answer); 3] = [
    ("Success at 30, 60 and 90 days", |s| &s.success),
    ("Challenges", |s| &s.challenges),
    ("Who else to meet", |s| &s.who_else),
];

fn who(stop: &Stop) -> String {
    let mut line = match stop.kind {
        StopKind::Team => format!("the {} team", stop.name),
        StopKind::Person | StopKind::Leader => stop.name.clone(),
    };
    if !stop.role.is_empty() {
        let _ = write!(line, ", {}", stop.role);
    }
    if let Some(by) = &stop.suggested_by_name {
        let _ = write!(line, " (suggested by {by})");
    }
    line
}

/// The tour as text, as of `day` ("2026-12-05"). Days are ISO 8601: the core has no locale.
pub fn tour_text(tour: &Tour, day: &str) -> String {
    let mut out = format!(
        "Newbie tour: {}\nStarted {}. As of {day}: {} of {} meetings held.\n",
        tour.title, tour.start_on, tour.progress.met, tour.progress.total
    );
    let mut weeks: Vec<u8> = tour.stops.iter().map(|s| s.week).collect();
    weeks.sort_unstable();
    weeks.dedup();
    if weeks.is_empty() {
        out.push_str("\nNo meetings planned yet.\n");
    }
    for week in weeks {
        let stops: Vec<&Stop> = tour.stops.iter().filter(|s| s.week == week).collect();
        let starts = stops
            .first()
            .map(|s| s.week_starts.to_string())
            .unwrap_or_default();
        let _ = write!(out, "\nWeek {week} (from {starts})\n");
        for stop in stops {
            match stop.met_on {
                Some(on) => {
                    let _ = writeln!(out, "  [x] {} — met {on}", who(stop));
                    for (question, answer) in QUESTIONS {
                        let answer = answer(stop).trim();
                        if !answer.is_empty() {
                            // Answers may span lines; each keeps the indent of its question.
                            let answer = answer.replace('\n', "\n        ");
                            let _ = writeln!(out, "      {question}: {answer}");
                        }
                    }
                }
                None => {
                    let _ = writeln!(out, "  [ ] {} — not met yet", who(stop));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::network::tour::{self, MeetingInput, StopInput, TourInput};
    use crate::people::{self, PersonInput};
    use crate::storage::Database;

    #[test]
    fn the_tour_reads_week_by_week_with_answers_and_who_is_left() {
        let mut db = Database::open_in_memory().unwrap();
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let dana = people::add(&mut db, &PersonInput::named("Dana Ng"), now)
            .unwrap()
            .id;
        let t = tour::create(
            &mut db,
            &TourInput {
                title: "New job at Acme".into(),
                start_on: "2026-11-02".into(),
            },
            now,
        )
        .unwrap();
        let t = tour::add_stop(
            &mut db,
            &t.id,
            &StopInput {
                kind: StopKind::Person,
                person_id: Some(dana),
                new_person: None,
                team: String::new(),
                week: 1,
            },
            now,
        )
        .unwrap();
        let t = tour::add_stop(
            &mut db,
            &t.id,
            &StopInput {
                kind: StopKind::Team,
                person_id: None,
                new_person: None,
                team: "Payments".into(),
                week: 2,
            },
            now,
        )
        .unwrap();
        let met = t
            .stops
            .iter()
            .find(|s| s.kind == StopKind::Person)
            .unwrap()
            .id
            .clone();
        let t = tour::record_meeting(
            &mut db,
            &met,
            &MeetingInput {
                met_on: "2026-11-04".into(),
                success: "Ship the ledger\nHire two".into(),
                who_else: "Sam".into(),
                ..MeetingInput::default()
            },
            now,
        )
        .unwrap();
        let text = tour_text(
            &t,
            &NaiveDate::from_ymd_opt(2026, 11, 20).unwrap().to_string(),
        );
        assert_eq!(
            text,
            "Newbie tour: New job at Acme\nStarted 2026-11-02. As of 2026-11-20: 1 of 2 meetings held.\n\
             \nWeek 1 (from 2026-11-02)\n  [x] Dana Ng — met 2026-11-04\n      Success at 30, 60 and 90 days: Ship the ledger\n        Hire two\n      Who else to meet: Sam\n\
             \nWeek 2 (from 2026-11-09)\n  [ ] the Payments team — not met yet\n",
            "every meeting, its answers, and who is left, in order of week"
        );
    }
}
