//! Correcting what was recorded about the network: links, visits to groups, tours and their
//! meetings, check-ins; and the cadence in effect for a person, with where it comes from.
#![allow(clippy::unwrap_used)] // helpers of a test, where a panic is the failure report

use allies_core::journal::profiles;
use allies_core::maps::{self, MapInput, Position, Quadrant};
use allies_core::network::groups::{self, GroupInput};
use allies_core::network::tour::{self, StopInput, StopKind, TourInput};
use allies_core::network::{self, LinkEdit, LinkInput, LinkKind, Strength};
use allies_core::people::{self, PersonInput};
use allies_core::reminders::{self, CadenceInEffect, CadenceSource, CheckInInput};
use allies_core::{Database, Error};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

fn t(days: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap() + Duration::days(days)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn person(db: &mut Database, name: &str) -> String {
    people::add(db, &PersonInput::named(name), t(0)).unwrap().id
}

/// The code and field of an input error, or the code alone of any other.
fn refusal<T: std::fmt::Debug>(result: allies_core::Result<T>) -> (String, Option<String>) {
    let wire = allies_core::WireError::from(result.unwrap_err());
    (wire.code, wire.field)
}

fn field_error(code: &str, field: &str) -> (String, Option<String>) {
    (code.to_owned(), Some(field.to_owned()))
}

fn not_found(code: &str) -> (String, Option<String>) {
    (code.to_owned(), None)
}

// ---------- links ----------

#[test]
fn a_link_changes_kind_strength_and_note_and_keeps_its_ends() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = person(&mut db, "Dana Ng");
    let marco = person(&mut db, "Marco Rossi");
    let link = network::add_link(
        &mut db,
        &LinkInput {
            from_id: Some(dana.clone()),
            to_id: marco.clone(),
            kind: LinkKind::Influences,
            strength: Strength::Weak,
            note: String::new(),
        },
        t(0),
    )
    .unwrap();
    let edit = LinkEdit {
        kind: LinkKind::ReportsTo,
        strength: Strength::Strong,
        note: "Since the reorg".into(),
    };
    let edited = network::edit_link(&mut db, &link.id, &edit).unwrap();
    assert_eq!(
        (edited.kind, edited.strength, edited.note.as_str()),
        (LinkKind::ReportsTo, Strength::Strong, "Since the reorg")
    );
    assert_eq!(
        (edited.from_id.as_deref(), edited.to_id.as_str()),
        (Some(dana.as_str()), marco.as_str()),
        "an edit corrects the link; who it joins stays"
    );
    assert_eq!(
        network::links_of(&db, &dana).unwrap(),
        vec![edited],
        "the person's page reads the edit at once"
    );
}

#[test]
fn a_link_edit_is_checked_as_when_it_was_added_and_a_deleted_link_is_not_found() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = person(&mut db, "Dana Ng");
    let link = network::add_link(
        &mut db,
        &LinkInput {
            from_id: None,
            to_id: dana.clone(),
            kind: LinkKind::CloseWith,
            strength: Strength::Medium,
            note: "kept".into(),
        },
        t(0),
    )
    .unwrap();
    let long = LinkEdit {
        kind: LinkKind::CloseWith,
        strength: Strength::Weak,
        note: "x".repeat(network::MAX_NOTE + 1),
    };
    assert_eq!(
        refusal(network::edit_link(&mut db, &link.id, &long)),
        field_error("input.too_long", "note")
    );
    assert_eq!(
        network::links_of(&db, &dana).unwrap()[0].note,
        "kept",
        "a refused edit writes nothing"
    );
    network::delete_link(&mut db, &link.id, t(1)).unwrap();
    let fine = LinkEdit {
        note: String::new(),
        ..long
    };
    assert_eq!(
        refusal(network::edit_link(&mut db, &link.id, &fine)),
        not_found("links.not_found")
    );
    assert_eq!(
        refusal(network::edit_link(&mut db, "no-such-link", &fine)),
        not_found("links.not_found")
    );
}

// ---------- groups ----------

#[test]
fn a_visit_to_a_group_moves_to_another_day_with_a_new_note_and_can_be_deleted() {
    let mut db = Database::open_in_memory().unwrap();
    let today = date("2026-03-20");
    let group = groups::add(
        &mut db,
        &GroupInput {
            name: "Rust Berlin".into(),
            note: String::new(),
            category: None,
        },
        t(0),
    )
    .unwrap();
    let first = groups::attend(&mut db, &group.id, "2026-03-05", "", t(3), today).unwrap();
    let second = groups::attend(&mut db, &group.id, "2026-03-10", "", t(8), today).unwrap();

    let edited =
        groups::edit_attendance(&mut db, &first.id, "2026-03-12", "Talk on async", today).unwrap();
    assert_eq!(
        (edited.attended_on, edited.note.as_str()),
        (date("2026-03-12"), "Talk on async")
    );
    let history = groups::attendance(&db, &group.id).unwrap();
    assert_eq!(
        history.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        [first.id.as_str(), second.id.as_str()],
        "the history stays latest first after the day moved"
    );
    assert_eq!(
        groups::get(&db, &group.id).unwrap().last_attended,
        Some(date("2026-03-12")),
        "the quarterly reminder counts from the corrected day"
    );

    groups::delete_attendance(&mut db, &second.id, t(10)).unwrap();
    assert_eq!(groups::get(&db, &group.id).unwrap().times_attended, 1);
}

#[test]
fn a_visit_edit_is_checked_as_when_noted_and_a_deleted_visit_is_not_found() {
    let mut db = Database::open_in_memory().unwrap();
    let today = date("2026-03-20");
    let group = groups::add(
        &mut db,
        &GroupInput {
            name: "Women in Product".into(),
            note: String::new(),
            category: None,
        },
        t(0),
    )
    .unwrap();
    let visit = groups::attend(&mut db, &group.id, "2026-03-05", "", t(3), today).unwrap();
    let edit = |db: &mut Database, on: &str, note: &str| {
        refusal(groups::edit_attendance(db, &visit.id, on, note, today))
    };
    assert_eq!(
        edit(&mut db, "", ""),
        field_error("groups.date_required", "attended_on")
    );
    assert_eq!(
        edit(&mut db, "5 March", ""),
        field_error("groups.bad_date", "attended_on")
    );
    assert_eq!(
        edit(&mut db, "2026-03-21", ""),
        field_error("groups.future_date", "attended_on")
    );
    assert_eq!(
        edit(&mut db, "2026-03-05", &"n".repeat(groups::MAX_NOTE + 1)),
        field_error("input.too_long", "note")
    );
    assert_eq!(
        groups::attendance(&db, &group.id).unwrap()[0].attended_on,
        date("2026-03-05"),
        "refused edits write nothing"
    );
    groups::delete_attendance(&mut db, &visit.id, t(4)).unwrap();
    assert_eq!(
        edit(&mut db, "2026-03-06", ""),
        not_found("groups.attendance_not_found")
    );
}

// ---------- tours ----------

fn tour_input(title: &str, start_on: &str) -> TourInput {
    TourInput {
        title: title.into(),
        start_on: start_on.into(),
    }
}

#[test]
fn a_new_tour_keeps_the_older_ones_listed_after_it() {
    let mut db = Database::open_in_memory().unwrap();
    let first = tour::create(&mut db, &tour_input("New job at Acme", "2026-03-02"), t(0)).unwrap();
    let dana = person(&mut db, "Dana Ng");
    tour::add_stop(
        &mut db,
        &first.id,
        &StopInput {
            kind: StopKind::Person,
            person_id: Some(dana),
            new_person: None,
            team: String::new(),
            week: 1,
        },
        t(0),
    )
    .unwrap();
    let second = tour::create(
        &mut db,
        &tour_input("Joining Platform", "2026-09-01"),
        t(180),
    )
    .unwrap();

    let listed = tour::list(&db).unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|s| (s.title.as_str(), s.met, s.total))
            .collect::<Vec<_>>(),
        [("Joining Platform", 0, 0), ("New job at Acme", 0, 1)],
        "the current tour first, the older one kept with its meetings"
    );
    assert_eq!(tour::current(&db).unwrap().unwrap().id, second.id);
    assert_eq!(
        tour::get(&db, &first.id).unwrap().stops.len(),
        1,
        "an older tour can still be opened"
    );

    let renamed = tour::update(
        &mut db,
        &first.id,
        &tour_input("First job at Acme", "2026-03-09"),
        t(181),
    )
    .unwrap();
    assert_eq!(
        (renamed.title.as_str(), renamed.start_on),
        ("First job at Acme", date("2026-03-09"))
    );
    assert_eq!(
        refusal(tour::update(
            &mut db,
            &first.id,
            &tour_input(" ", "2026-03-09"),
            t(181)
        )),
        field_error("tours.title_required", "title")
    );
}

#[test]
fn a_tour_meeting_moves_to_another_target_week_within_the_plan() {
    let mut db = Database::open_in_memory().unwrap();
    let plan = tour::create(&mut db, &tour_input("New job at Acme", "2026-03-02"), t(0)).unwrap();
    let plan = tour::add_stop(
        &mut db,
        &plan.id,
        &StopInput {
            kind: StopKind::Team,
            person_id: None,
            new_person: None,
            team: "Payments".into(),
            week: 1,
        },
        t(0),
    )
    .unwrap();
    let stop = plan.stops[0].id.clone();
    let moved = tour::set_stop_week(&mut db, &stop, 3, t(1)).unwrap();
    assert_eq!(
        (moved.stops[0].week, moved.stops[0].week_starts),
        (3, date("2026-03-16")),
        "week 3 starts two weeks after the first day"
    );
    for week in [0, tour::MAX_WEEK + 1] {
        assert_eq!(
            refusal(tour::set_stop_week(&mut db, &stop, week, t(1))),
            field_error("tours.bad_week", "week")
        );
    }
    assert_eq!(tour::get(&db, &plan.id).unwrap().stops[0].week, 3);
    tour::delete_stop(&mut db, &stop, t(2)).unwrap();
    assert_eq!(
        refusal(tour::set_stop_week(&mut db, &stop, 2, t(2))),
        not_found("tours.stop_not_found")
    );
}

// ---------- check-ins ----------

fn plan(label: &str, start_on: &str, person_id: Option<&str>) -> CheckInInput {
    CheckInInput {
        label: label.into(),
        start_on: start_on.into(),
        person_id: person_id.map(str::to_owned),
    }
}

#[test]
fn a_check_in_plan_changes_label_start_and_person() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = person(&mut db, "Dana Ng");
    let added =
        reminders::add_check_in(&mut db, &plan("New manager", "2026-03-02", None), t(0)).unwrap();
    let edited = reminders::edit_check_in(
        &mut db,
        &added.id,
        &plan("New manager: Dana", "2026-04-01", Some(&dana)),
        t(1),
    )
    .unwrap();
    assert_eq!(
        (
            edited.label.as_str(),
            edited.start_on,
            edited.person_id.as_deref()
        ),
        ("New manager: Dana", date("2026-04-01"), Some(dana.as_str()))
    );
    assert_eq!(
        edited.person_name.as_deref(),
        Some("Dana Ng"),
        "the list names who the plan is about"
    );
    assert_eq!(reminders::check_ins_list(&db).unwrap(), vec![edited]);
    let cleared = reminders::edit_check_in(
        &mut db,
        &added.id,
        &plan("New manager", "2026-04-01", None),
        t(2),
    )
    .unwrap();
    assert_eq!(cleared.person_id, None, "the person can be taken off again");
}

#[test]
fn a_check_in_edit_is_checked_as_when_added_and_a_deleted_plan_is_not_found() {
    let mut db = Database::open_in_memory().unwrap();
    let added =
        reminders::add_check_in(&mut db, &plan("New job", "2026-03-02", None), t(0)).unwrap();
    let edit = |db: &mut Database, input: CheckInInput| {
        refusal(reminders::edit_check_in(db, &added.id, &input, t(1)))
    };
    assert_eq!(
        edit(&mut db, plan("  ", "2026-03-02", None)),
        field_error("check_ins.label_required", "label")
    );
    assert_eq!(
        edit(
            &mut db,
            plan(&"l".repeat(reminders::MAX_TITLE + 1), "2026-03-02", None)
        ),
        field_error("input.too_long", "label")
    );
    assert_eq!(
        edit(&mut db, plan("New job", "", None)),
        field_error("check_ins.date_required", "start_on")
    );
    assert_eq!(
        edit(&mut db, plan("New job", "0026-03-02", None)),
        field_error("check_ins.bad_date", "start_on")
    );
    assert_eq!(
        edit(&mut db, plan("New job", "2026-03-02", Some("nobody"))),
        not_found("people.not_found")
    );
    assert_eq!(
        reminders::check_ins_list(&db).unwrap()[0].label,
        "New job",
        "refused edits write nothing"
    );
    reminders::delete_check_in(&mut db, &added.id, t(2)).unwrap();
    assert_eq!(
        edit(&mut db, plan("New job", "2026-03-02", None)),
        not_found("check_ins.not_found")
    );
}

// ---------- the cadence in effect ----------

fn set_cadence(db: &mut Database, who: &str, days: Option<u16>) {
    let mut profile = profiles::get(db, who).unwrap();
    profile.cadence_days = days;
    profiles::save(db, who, &profile, t(0)).unwrap();
}

#[test]
fn the_cadence_comes_from_the_tightest_quadrant_or_from_their_own_setting() {
    let mut db = Database::open_in_memory().unwrap();
    let dana = person(&mut db, "Dana Ng");
    assert_eq!(
        reminders::cadence_of(&db, &dana).unwrap(),
        None,
        "no map and no setting: no cadence"
    );
    let budget = maps::create(&mut db, &MapInput::named("Budget"), t(0))
        .unwrap()
        .id;
    let promo = maps::create(&mut db, &MapInput::named("Promotion"), t(0))
        .unwrap()
        .id;
    maps::place(&mut db, &budget, &dana, Position::new(0.2, 0.2), None, t(1)).unwrap();
    maps::place(&mut db, &promo, &dana, Position::new(0.8, 0.8), None, t(1)).unwrap();
    assert_eq!(
        reminders::cadence_of(&db, &dana).unwrap(),
        Some(CadenceInEffect {
            days: 14,
            source: CadenceSource::Quadrant {
                map_id: promo.clone(),
                map_name: "Promotion".into(),
                quadrant: Quadrant::ManageClosely,
            }
        }),
        "the most demanding quadrant decides, and says on which map"
    );
    let keep = reminders::cadences(&db).unwrap();
    assert_eq!(
        keep.iter().find(|c| c.person_id == dana).map(|c| c.days),
        Some(14),
        "the reminders use the same decision"
    );

    set_cadence(&mut db, &dana, Some(45));
    assert_eq!(
        reminders::cadence_of(&db, &dana).unwrap(),
        Some(CadenceInEffect {
            days: 45,
            source: CadenceSource::Own
        }),
        "their own setting wins over any map"
    );
    assert_eq!(
        serde_json::to_value(reminders::cadence_of(&db, &dana).unwrap()).unwrap(),
        serde_json::json!({"days": 45, "source": {"from": "own"}}),
        "the UI reads this shape"
    );
    assert_eq!(
        refusal(reminders::cadence_of(&db, "nobody")),
        not_found("people.not_found")
    );
}

#[test]
fn a_former_colleague_keeps_their_own_cadence_but_not_one_from_a_map() {
    let mut db = Database::open_in_memory().unwrap();
    let kept = person(&mut db, "Kept Close");
    let placed = person(&mut db, "Only Placed");
    let map = maps::create(&mut db, &MapInput::named("Promotion"), t(0))
        .unwrap()
        .id;
    maps::place(&mut db, &map, &placed, Position::new(0.8, 0.8), None, t(1)).unwrap();
    maps::place(&mut db, &map, &kept, Position::new(0.8, 0.8), None, t(1)).unwrap();
    set_cadence(&mut db, &kept, Some(60));
    people::mark_former(&mut db, &kept, t(2)).unwrap();
    people::mark_former(&mut db, &placed, t(2)).unwrap();

    assert_eq!(
        reminders::cadence_of(&db, &kept).unwrap().map(|c| c.days),
        Some(60)
    );
    assert_eq!(
        reminders::cadence_of(&db, &placed).unwrap(),
        None,
        "a former colleague is off the maps, so a map sets no cadence for them"
    );
    let keep: Vec<String> = reminders::cadences(&db)
        .unwrap()
        .into_iter()
        .map(|c| c.person_id)
        .collect();
    assert_eq!(
        keep,
        [kept],
        "keeping in touch with a former colleague is the user's choice, and only theirs"
    );
}

#[test]
fn error_codes_of_records_gone_are_their_own() {
    for (error, code) in [
        (Error::LinkNotFound { id: "x".into() }, "links.not_found"),
        (
            Error::CheckInNotFound { id: "x".into() },
            "check_ins.not_found",
        ),
        (
            Error::AttendanceNotFound { id: "x".into() },
            "groups.attendance_not_found",
        ),
    ] {
        assert_eq!(error.code(), code);
    }
}
