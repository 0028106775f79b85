//! What the sample workspace holds: plainly made-up people in two departments, one goal's map,
//! a few weeks of interactions, a favour not yet thanked for and a promise falling due. Times are
//! given relative to the moment it is added, so its reminders are live.

use crate::journal::profiles::Level;
use crate::maps::Stance;

/// A sample person: name, role, department, level, what they care about, a note.
pub(super) struct SamplePerson {
    pub name: &'static str,
    pub role: &'static str,
    pub department: &'static str,
    pub level: Level,
    pub motivations: &'static str,
    pub notes: &'static str,
}

/// Everyone works at this made-up company, so the sample never reads as someone real.
pub(super) const ORGANISATION: &str = "Example Co (sample)";

/// The tag every sample person carries, so a filter shows them all.
pub(super) const TAG: &str = "sample";

pub(super) const PEOPLE: &[SamplePerson] = &[
    SamplePerson {
        name: "Maya Makebelieve",
        role: "Engineering Manager",
        department: "Engineering",
        level: Level::Manager,
        motivations: "A team that ships without heroics; growing people into leads.",
        notes: "Your manager. Wants to see you lead the caching work end to end.",
    },
    SamplePerson {
        name: "Oscar Exampleton",
        role: "Director of Engineering",
        department: "Engineering",
        level: Level::SkipLevel,
        motivations: "Fewer incidents, predictable delivery.",
        notes: "Your skip-level. Signs off on promotions with the calibration group.",
    },
    SamplePerson {
        name: "Rosa Pretend",
        role: "VP of Product",
        department: "Product",
        level: Level::SeniorLeader,
        motivations: "Roadmap dates the company can trust.",
        notes: "Sits on calibration. Has doubts about engineering-led projects.",
    },
    SamplePerson {
        name: "Felix Fictional",
        role: "Principal Engineer",
        department: "Engineering",
        level: Level::Peer,
        motivations: "Sound architecture; fewer one-off systems.",
        notes: "His word on design carries weight with Oscar.",
    },
    SamplePerson {
        name: "Sam Sample",
        role: "Staff Engineer",
        department: "Engineering",
        level: Level::Peer,
        motivations: "Mentoring; clean interfaces.",
        notes: "Reviewed your design doc; happy to vouch for your technical depth.",
    },
    SamplePerson {
        name: "Tess Testwell",
        role: "Product Manager",
        department: "Product",
        level: Level::Peer,
        motivations: "Launching the new onboarding on time.",
        notes: "Shares the caching project; a good word from her reaches Rosa.",
    },
    SamplePerson {
        name: "Dana Demo",
        role: "Product Designer",
        department: "Product",
        level: Level::Peer,
        motivations: "Research-backed decisions.",
        notes: "",
    },
    SamplePerson {
        name: "Leo Placeholder",
        role: "Software Engineer",
        department: "Engineering",
        level: Level::Junior,
        motivations: "Learning fast; his first promotion.",
        notes: "You mentor him every other week.",
    },
];

/// The sample map's goal.
pub(super) const MAP_NAME: &str = "Promotion to Staff Engineer";
pub(super) const MAP_DESCRIPTION: &str =
    "A sample goal: who decides, who already backs you, and who you still need to win over.";
/// The goal's target, this many days after the sample is added.
pub(super) const MAP_TARGET_DAYS: u64 = 120;

/// A place on the map: person (index into [`PEOPLE`]), power, interest, stance.
pub(super) const PLACES: &[(usize, f64, f64, Stance)] = &[
    (0, 0.80, 0.85, Stance::Champion),  // Maya: manage closely
    (1, 0.80, 0.28, Stance::Neutral),   // Oscar: keep satisfied
    (2, 0.64, 0.14, Stance::Skeptic),   // Rosa: keep satisfied
    (3, 0.65, 0.70, Stance::Supporter), // Felix: manage closely
    (4, 0.38, 0.86, Stance::Supporter), // Sam: keep informed
    (5, 0.12, 0.68, Stance::Unknown),   // Tess: keep informed
    (6, 0.15, 0.25, Stance::Unknown),   // Dana: monitor
];

/// An interaction: how many days ago, kind, who (indexes into [`PEOPLE`]), notes, follow-up.
pub(super) const INTERACTIONS: &[(i64, &str, &[usize], &str, &str)] = &[
    (
        3,
        "one_on_one",
        &[0],
        "Talked about the promotion case. Maya wants one more cross-team win.",
        "Send Maya the draft of the caching results.",
    ),
    (
        6,
        "one_on_one",
        &[7],
        "Leo is stuck on the test flakes; paired for an hour.",
        "",
    ),
    (
        10,
        "coffee",
        &[4],
        "Sam offered to review the design doc before the architecture forum.",
        "",
    ),
    (
        17,
        "meeting",
        &[1, 3],
        "Architecture forum: Felix backed the caching design, Oscar asked about rollout risk.",
        "Write up the rollout plan for Oscar.",
    ),
    (
        24,
        "coffee",
        &[5],
        "Tess needs the cache before the onboarding launch.",
        "",
    ),
    (
        45,
        "email",
        &[2],
        "Rosa asked why engineering is building this now.",
        "",
    ),
];

/// The favour someone did for you, done this many days ago and not yet thanked for.
pub(super) const FAVOUR: (usize, &str, i64) =
    (4, "Reviewed the caching design doc over the weekend", 2);

/// The promise you made, due this many days after the sample is added.
pub(super) const PROMISE: (usize, &str, u64) =
    (7, "Read Leo's promotion packet draft and send comments", 2);

/// Links between people: from, to, kind, strength (indexes into [`PEOPLE`]).
pub(super) const LINKS: &[(usize, usize, &str, &str)] = &[
    (0, 1, "reports_to", "strong"),
    (3, 2, "influences", "medium"),
];
