//! Three computers making random changes of many kinds, with files carried late, out of order
//! and twice: all of them end with the same data, and so does a fourth that joins late from a
//! snapshot, after the first removed the files every computer had applied.

use super::*;
use crate::journal::favours::{self, Direction, FavourInput};
use crate::journal::interactions::{self, InteractionInput, Kind};
use crate::maps::{self, MapInput, Position, Stance};

/// A small, seeded generator (xorshift64*), so a failure can be replayed.
pub(super) struct Rng(pub u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick(&mut self, from: &[String]) -> Option<String> {
        (!from.is_empty()).then(|| from[self.below(from.len())].clone())
    }

    fn spot(&mut self) -> Position {
        Position::new(
            self.below(101) as f64 / 100.0,
            self.below(101) as f64 / 100.0,
        )
    }
}

fn ids(db: &Database, sql: &str) -> Vec<String> {
    db.conn()
        .prepare(sql)
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// One random change on `db`; one the data refuses (a person deleted meanwhile) is skipped.
pub(super) fn change(db: &mut Database, rng: &mut Rng, step: u32) {
    let people = ids(
        db,
        "SELECT id FROM people WHERE deleted_at IS NULL ORDER BY id",
    );
    let maps = ids(
        db,
        "SELECT id FROM maps WHERE deleted_at IS NULL ORDER BY id",
    );
    let now = at(step);
    let person = rng.pick(&people);
    let map = rng.pick(&maps);
    match (rng.below(11), person, map) {
        (0, _, _) | (_, None, _) => {
            let _ = people::add(db, &PersonInput::named(&format!("Person {step}")), now);
        }
        (1, Some(p), _) => {
            let input = PersonInput {
                role: format!("Role {}", rng.below(5)),
                notes: format!("Notes {}", rng.below(5)),
                ..PersonInput::named(&format!("Renamed {step}"))
            };
            let _ = people::update(db, &p, &input, now);
        }
        (2, Some(p), _) if people.len() > 3 => {
            let _ = people::delete(db, &p, now);
        }
        (3, Some(p), _) => {
            let input = InteractionInput {
                occurred_at: Some(now),
                kind: Kind::Coffee,
                people: vec![p],
                notes: format!("Met at step {step}"),
                follow_up: String::new(),
            };
            let _ = interactions::log(db, &input, now);
        }
        (4, Some(p), _) => {
            let input = FavourInput {
                person_id: p,
                direction: if rng.below(2) == 0 {
                    Direction::ByMe
                } else {
                    Direction::ByThem
                },
                description: format!("Favour {step}"),
            };
            let _ = favours::record(db, &input, now);
        }
        (5, _, _) => {
            let open = ids(
                db,
                "SELECT id FROM favours WHERE deleted_at IS NULL ORDER BY id",
            );
            if let Some(f) = rng.pick(&open) {
                let _ = favours::set_done(db, &f, rng.below(2) == 0, now);
            }
        }
        (6, _, None) | (6, _, _) if maps.len() < 2 => {
            let _ = maps::create(db, &MapInput::named(&format!("Map {step}")), now);
        }
        (7, Some(p), Some(m)) => {
            let spot = rng.spot();
            let _ = maps::place(db, &m, &p, spot, None, now);
        }
        (8, Some(p), Some(m)) => {
            let _ = maps::unplace(db, &m, &p, now);
        }
        (9, Some(p), Some(m)) => {
            let stance = [Stance::Champion, Stance::Skeptic, Stance::Neutral][rng.below(3)];
            let _ = maps::set_stance(db, &m, &p, stance, now);
        }
        (10, _, _) => {
            let logged = ids(
                db,
                "SELECT id FROM interactions WHERE deleted_at IS NULL ORDER BY id",
            );
            if let Some(i) = rng.pick(&logged) {
                let _ = interactions::delete(db, &i, now);
            }
        }
        _ => {}
    }
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        if entry.path().is_dir() {
            out.extend(walk(&entry.path()));
        } else {
            out.push(entry.path());
        }
    }
    out
}

#[test]
fn three_computers_with_random_changes_and_late_files_converge() {
    for seed in [0x5EED_0001_u64, 0xC0FF_EE00_1234] {
        let root = tempfile::tempdir().unwrap();
        let mut devs = devices(&root, 3);
        let mut rng = Rng(seed);
        for step in 0..120 {
            let d = rng.below(3);
            change(&mut devs[d].db, &mut rng, step);
            if rng.below(3) == 0 {
                devs[d].push_at(at(step));
            }
            if rng.below(4) == 0 {
                // Some of the files written so far reach one computer, in any order, some twice.
                let to = rng.below(3);
                let mut pool: Vec<_> = devs.iter().flat_map(|d| files_in(&d.folder)).collect();
                let keep = rng.below(pool.len() + 1);
                for _ in 0..keep {
                    let i = rng.below(pool.len());
                    let file = pool.swap_remove(i);
                    deliver(&file, &devs[to].folder);
                    if rng.below(5) == 0 {
                        deliver(&file, &devs[to].folder);
                    }
                }
                let target = &mut devs[to];
                let summary = pull(&mut target.db, &target.folder, at(step)).unwrap();
                assert!(
                    summary.errors.is_empty(),
                    "seed {seed:x}: {:?}",
                    summary.errors
                );
            }
        }
        settle(&mut devs);
        for d in &devs {
            assert_eq!(outbox(&d.db), 0);
            let waiting = status(&d.db, &d.folder).unwrap().waiting;
            assert!(waiting.is_empty(), "seed {seed:x}: {waiting:?}");
        }
        // A fourth computer, with a person of its own, joins late: from a snapshot the first
        // writes, its view of the folder holding only what the first's view still holds.
        let first_id = devs[0].id.clone();
        let first = &mut devs[0];
        super::snapshot::pull_keeping(first, at(59), &super::snapshot::small());
        assert!(
            !files_in(&first.folder)
                .iter()
                .any(|f| f.0 == first_id && f.1 == 1),
            "seed {seed:x}: the first computer's early files, applied everywhere, were removed"
        );
        let view = root.path().join("folder3");
        for entry in walk(&first.folder) {
            let to = view.join(entry.strip_prefix(&first.folder).unwrap());
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::copy(&entry, to).unwrap();
        }
        let mut late = super::snapshot::joining(&root, &view, 3);
        add(&mut late.db, "Late Lee");
        let summary = late.pull_at(at(59));
        assert!(
            summary.errors.is_empty() && summary.waiting.is_empty(),
            "seed {seed:x}: {summary:?}"
        );
        devs.push(late);
        settle(&mut devs);
        let first = dump(&devs[0].db);
        assert!(first.lines().count() > 30, "the run made data: {first}");
        for d in &devs {
            // What each computer works out for itself (the last contact kept by triggers)
            // follows the changes it applied, a snapshot's included.
            let kept: Vec<(String, String)> = rows(
                &d.db,
                "SELECT person_id, at FROM derived_last_contact ORDER BY person_id",
            );
            let worked_out: Vec<(String, String)> = rows(
                &d.db,
                "SELECT ip.person_id, max(i.occurred_at) FROM interaction_people ip
                   JOIN interactions i ON i.id = ip.interaction_id AND i.deleted_at IS NULL
                  GROUP BY ip.person_id ORDER BY ip.person_id",
            );
            assert_eq!(kept, worked_out, "seed {seed:x}: last contacts on {}", d.id);
        }
        for d in &devs[1..] {
            let other = dump(&d.db);
            if first != other {
                let diff: Vec<_> = first
                    .lines()
                    .zip(other.lines())
                    .filter(|(a, b)| a != b)
                    .take(5)
                    .collect();
                panic!("seed {seed:x}: the computers differ: {diff:#?}");
            }
        }
    }
}

/// Two text columns of every row `sql` gives.
fn rows(db: &Database, sql: &str) -> Vec<(String, String)> {
    db.conn()
        .prepare(sql)
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}
