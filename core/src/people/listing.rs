//! The People list as the user works from it: a search, filters (tag, department, organisation,
//! map and quadrant, stance, level, going cold, former colleagues) and a sort, read one page at a
//! time. By name, as it opens, an index serves each page on its own. In any other order (SQL's,
//! or the next reminder from the reminder rules) and with the going-cold filter, the whole list
//! is worked out once and kept until the file changes or the minute is over, so the pages after
//! the first are read without working it out again (the first page of an order SQL gives is
//! read on its own, as the quickest to show).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, DurationRound, Utc};
use rusqlite::params_from_iter;
use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use super::{from_row, Person, COLUMNS};
use crate::error::{Error, Result};
use crate::fields::fold;
use crate::journal::profiles::Level;
use crate::maps::{Quadrant, Stance};
use crate::records::text_enum;
use crate::reminders;
use crate::storage::Database;

/// Search words beyond this many are ignored; more would not narrow a list of people further.
const MAX_SEARCH_WORDS: usize = 8;
/// The most values one kind of filter takes; more means the caller is wrong.
const MAX_FILTER_VALUES: usize = 100;
/// The most people one [`page`] returns.
pub const MAX_PAGE: usize = 500;

text_enum! {
    /// What the list is sorted by.
    SortKey {
        Name = "name",
        LastContact = "last_contact",
        NextReminder = "next_reminder",
        Power = "power",
        Stance = "stance",
        Added = "added",
    }
}

// `text_enum!` writes the derives and has no way to mark a variant #[default].
#[allow(clippy::derivable_impls)]
impl Default for SortKey {
    fn default() -> Self {
        SortKey::Name
    }
}

/// One map to filter by, and optionally one quadrant of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MapFilter {
    pub map_id: String,
    #[serde(default)]
    pub quadrant: Option<Quadrant>,
}

/// Who the list keeps. Kinds combine (a person must pass each kind given); the values of one
/// kind are alternatives (any of the tags). Empty keeps everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filters {
    pub tags: Vec<String>,
    pub departments: Vec<String>,
    pub organisations: Vec<String>,
    pub maps: Vec<MapFilter>,
    /// Their stance on any live map.
    pub stances: Vec<Stance>,
    pub levels: Vec<Level>,
    /// Only people past the keep-in-touch cadence meant for them.
    pub going_cold: bool,
    /// Former colleagues instead of current people.
    pub former: bool,
    /// Only people who are not on this map: who the map's roster offers to place.
    pub not_on_map: Option<String>,
}

/// What the list shows: a search, filters and a sort.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub query: String,
    pub filters: Filters,
    pub sort: SortKey,
    /// Largest first (latest, most powerful, …); people without a value stay last either way.
    pub descending: bool,
}

impl ListQuery {
    /// Everyone whose details hold every word of `query`, by name.
    pub fn search(query: &str) -> ListQuery {
        ListQuery {
            query: query.to_owned(),
            ..ListQuery::default()
        }
    }
}

/// When the user last logged an interaction with `people.id`.
const LAST_CONTACT: &str = "(SELECT at FROM derived_last_contact WHERE person_id = people.id)";

/// A contact's `value` without the spaces, dashes, brackets, dots and plus of a phone number.
const DIGITS: &str = "replace(replace(replace(replace(replace(replace(value,
    ' ', ''), '-', ''), '(', ''), ')', ''), '.', ''), '+', '')";

/// The highest power `people.id` has on a live map.
const POWER: &str = "(SELECT max(pl.power) FROM placements pl
    JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
    WHERE pl.person_id = people.id)";

/// Their warmest stance on a live map, champion (0) to blocker (4); unknown counts as none.
const STANCE_RANK: &str =
    "(SELECT min(CASE pl.stance WHEN 'champion' THEN 0 WHEN 'supporter' THEN 1
        WHEN 'neutral' THEN 2 WHEN 'skeptic' THEN 3 WHEN 'blocker' THEN 4 END)
    FROM placements pl
    JOIN maps m ON m.id = pl.map_id AND m.deleted_at IS NULL AND m.archived_at IS NULL
    WHERE pl.person_id = people.id)";

fn quadrant_condition(q: Quadrant) -> &'static str {
    match q {
        Quadrant::ManageClosely => "pl.power >= 0.5 AND pl.interest >= 0.5",
        Quadrant::KeepSatisfied => "pl.power >= 0.5 AND pl.interest < 0.5",
        Quadrant::KeepInformed => "pl.power < 0.5 AND pl.interest >= 0.5",
        Quadrant::Monitor => "pl.power < 0.5 AND pl.interest < 0.5",
    }
}

fn too_many(kind: &str, n: usize) -> Error {
    Error::Invalid {
        code: "people.too_many_filters",
        field: "filters",
        message: format!(
            "{n} {kind} at once is more than the list can filter by ({MAX_FILTER_VALUES}); remove some."
        ),
    }
}

/// The people a [`ListQuery`] keeps, as SQL: `FROM … WHERE …` and its parameters, plus what
/// SQL cannot tell (going cold) and how to order.
struct Listing {
    from_where: String,
    params: Vec<Value>,
    going_cold: bool,
    sort: SortKey,
    descending: bool,
}

impl Listing {
    fn of(q: &ListQuery) -> Result<Listing> {
        let f = &q.filters;
        for (kind, n) in [
            ("tags", f.tags.len()),
            ("departments", f.departments.len()),
            ("organisations", f.organisations.len()),
            ("maps", f.maps.len()),
            ("stances", f.stances.len()),
            ("levels", f.levels.len()),
        ] {
            if n > MAX_FILTER_VALUES {
                return Err(too_many(kind, n));
            }
        }
        let mut l = Listing {
            from_where: format!(
                "FROM people WHERE deleted_at IS NULL AND left_at IS {}",
                if f.former { "NOT NULL" } else { "NULL" }
            ),
            params: Vec::new(),
            going_cold: f.going_cold,
            sort: q.sort,
            descending: q.descending,
        };
        let words = fold(&q.query);
        for word in words.split_whitespace().take(MAX_SEARCH_WORDS) {
            let p = l.bind(word);
            // Or in any of their emails and phone numbers (a number also as its digits alone,
            // so "4186569254" finds "+1 (418) 656-9254"). The list of matching people is
            // made once per word, not looked up for each person.
            l.from_where.push_str(&format!(
                " AND (instr(search_text, {p}) > 0 OR people.id IN (
                    SELECT person_id FROM person_contacts
                     WHERE instr(lower(value), {p}) > 0 OR instr({DIGITS}, {p}) > 0))"
            ));
        }
        // A tag matches whole between the ", " that join them (tags hold no commas).
        l.any_of(&f.tags, |p| {
            format!("instr(', ' || tags || ', ', ', ' || {p} || ', ') > 0")
        });
        l.any_of(&f.departments, |p| format!("department = {p}"));
        l.any_of(&f.organisations, |p| format!("organisation = {p}"));
        if !f.maps.is_empty() {
            let mut alternatives = Vec::new();
            for m in &f.maps {
                let p = l.bind(&m.map_id);
                alternatives.push(match m.quadrant {
                    Some(q) => format!("(pl.map_id = {p} AND {})", quadrant_condition(q)),
                    None => format!("pl.map_id = {p}"),
                });
            }
            l.from_where.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM placements pl JOIN maps m ON m.id = pl.map_id
                     AND m.deleted_at IS NULL WHERE pl.person_id = people.id AND ({}))",
                alternatives.join(" OR ")
            ));
        }
        if let Some(map_id) = &f.not_on_map {
            let p = l.bind(map_id);
            l.from_where.push_str(&format!(
                " AND NOT EXISTS (SELECT 1 FROM placements pl
                     WHERE pl.map_id = {p} AND pl.person_id = people.id)"
            ));
        }
        if !f.stances.is_empty() {
            let list = l.bind_all(f.stances.iter().map(|s| s.as_str()));
            l.from_where.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM placements pl JOIN maps m ON m.id = pl.map_id
                     AND m.deleted_at IS NULL AND m.archived_at IS NULL
                   WHERE pl.person_id = people.id AND pl.stance IN ({list}))"
            ));
        }
        if !f.levels.is_empty() {
            let list = l.bind_all(f.levels.iter().map(|v| v.as_str()));
            l.from_where.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM profiles pr WHERE pr.person_id = people.id
                     AND pr.level IN ({list}))"
            ));
        }
        Ok(l)
    }

    /// Adds `value` to the parameters and returns its placeholder.
    fn bind(&mut self, value: &str) -> String {
        self.params.push(Value::Text(value.to_owned()));
        format!("?{}", self.params.len())
    }

    fn bind_all<'a>(&mut self, values: impl Iterator<Item = &'a str>) -> String {
        values.map(|v| self.bind(v)).collect::<Vec<_>>().join(", ")
    }

    /// Keeps people for whom `condition(placeholder)` holds for any of `values`.
    fn any_of(&mut self, values: &[String], condition: impl Fn(&str) -> String) {
        if values.is_empty() {
            return;
        }
        let alternatives: Vec<String> = values
            .iter()
            .map(|v| {
                let p = self.bind(v);
                condition(&p)
            })
            .collect();
        self.from_where
            .push_str(&format!(" AND ({})", alternatives.join(" OR ")));
    }

    /// `ORDER BY …` for the sort SQL can do: the value (missing ones last), then the name.
    fn order_by(&self) -> String {
        let dir = if self.descending { "DESC" } else { "ASC" };
        let key = match self.sort {
            SortKey::Name => return format!("ORDER BY name_key {dir}, id {dir}"),
            SortKey::LastContact => LAST_CONTACT,
            SortKey::Power => POWER,
            SortKey::Stance => STANCE_RANK,
            SortKey::Added => "created_at",
            // Sorted in Rust; SQL gives the name order it falls back on.
            SortKey::NextReminder => return "ORDER BY name_key, id".to_owned(),
        };
        format!("ORDER BY {key} IS NULL, {key} {dir}, name_key, id")
    }

    /// Whether the order and the count come from SQL alone, so a page can be one `LIMIT …
    /// OFFSET`.
    fn in_sql(&self) -> bool {
        !self.going_cold && self.sort != SortKey::NextReminder
    }

    /// Whether every page is read on its own in SQL: by name, which an index keeps in order.
    /// Any other list is ordered whole once and kept ([`ordered`]), its first page aside.
    fn paged_in_sql(&self) -> bool {
        self.in_sql() && self.sort == SortKey::Name
    }

    fn total(&self, db: &Database) -> Result<usize> {
        let sql = format!("SELECT count(*) {}", self.from_where);
        let n: i64 = db
            .conn()
            .prepare_cached(&sql)?
            .query_row(params_from_iter(self.params.iter()), |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The listed people in order, `limit` of them from `offset`; all when `window` is `None`.
    fn people_in_sql(&self, db: &Database, window: Option<(usize, usize)>) -> Result<Vec<Person>> {
        let mut sql = format!("SELECT {COLUMNS} {} {}", self.from_where, self.order_by());
        let mut params = self.params.clone();
        if let Some((offset, limit)) = window {
            let n = params.len();
            sql.push_str(&format!(" LIMIT ?{} OFFSET ?{}", n + 1, n + 2));
            // Both are at most the list's length or MAX_PAGE, far below i64::MAX.
            params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
            params.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        }
        let mut stmt = db.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(params), from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every listed person's id, in the list's order.
    fn ids(&self, db: &Database, now: DateTime<Utc>) -> Result<Vec<String>> {
        let sql = format!("SELECT id {} {}", self.from_where, self.order_by());
        let mut stmt = db.conn().prepare_cached(&sql)?;
        let mut ids = stmt
            .query_map(params_from_iter(self.params.iter()), |r| {
                r.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if self.going_cold {
            let cold = going_cold(db, now)?;
            ids.retain(|id| cold.contains(id));
        }
        if self.sort == SortKey::NextReminder {
            let next = next_reminders(db, now)?;
            let next = &next.0;
            // A stable sort keeps the name order among equals; no reminder goes last.
            ids.sort_by(|a, b| match (next.get(a), next.get(b)) {
                (Some(x), Some(y)) if self.descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        Ok(ids)
    }
}

/// Everyone's keep-in-touch cadence and since when its clock runs.
struct Cadences(Vec<reminders::Cadence>);

/// People past the keep-in-touch cadence meant for them at `now`. The cadences are kept until
/// the file changes: a list filtered this way is read a page at a time as the user scrolls.
fn going_cold(db: &Database, now: DateTime<Utc>) -> Result<HashSet<String>> {
    let cadences = db.derived(|db| reminders::cadences(db).map(Cadences))?;
    Ok(cadences
        .0
        .iter()
        .filter(|c| c.since + Duration::days(i64::from(c.days)) <= now)
        .map(|c| c.person_id.clone())
        .collect())
}

/// When each person's next reminder is due (an overdue one counts from when it fell due).
struct NextReminders(HashMap<String, DateTime<Utc>>);

/// Each person's next reminder as of the start of `now`'s minute, from the same rules the
/// scheduler plans from, computed once for everyone and kept until the file changes or the
/// minute is over: a list sorted this way is read a page at a time as the user scrolls, and
/// with ten years of data the rules take a few hundred milliseconds to work out.
fn next_reminders(db: &Database, now: DateTime<Utc>) -> Result<std::sync::Arc<NextReminders>> {
    let minute = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    db.derived_for(minute, |db| next_reminders_at(db, minute))
}

fn next_reminders_at(db: &Database, now: DateTime<Utc>) -> Result<NextReminders> {
    let settings = reminders::settings::get(db)?;
    let mut next: HashMap<String, DateTime<Utc>> = HashMap::new();
    for rule in reminders::rules(db, now, &settings)? {
        let Some(person) = rule.person_id.clone() else {
            continue;
        };
        let Some(due) = rule.due_at(now).or_else(|| rule.next_due(now)) else {
            continue;
        };
        next.entry(person)
            .and_modify(|d| *d = (*d).min(due))
            .or_insert(due);
    }
    Ok(NextReminders(next))
}

/// The people with these ids, in this order (those gone meanwhile left out).
fn people_by_ids(db: &Database, ids: &[String]) -> Result<Vec<Person>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks = vec!["?"; ids.len()].join(", ");
    let mut stmt = db.conn().prepare(&format!(
        "SELECT {COLUMNS} FROM people WHERE deleted_at IS NULL AND id IN ({marks})"
    ))?;
    let mut found: HashMap<String, Person> = stmt
        .query_map(params_from_iter(ids.iter()), from_row)?
        .map(|r| r.map(|p| (p.id.clone(), p)))
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}

/// Everyone current (not deleted, not a former colleague), sorted by name, whose details
/// contain every word of `query` (ignoring case). An empty query lists everyone.
pub fn list(db: &Database, query: &str) -> Result<Vec<Person>> {
    Listing::of(&ListQuery::search(query))?.people_in_sql(db, None)
}

/// A slice of the people list, as a long list fetches it while the user scrolls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Page {
    /// How many people the whole list holds for this query and these filters.
    pub total: usize,
    /// Where in the list `people` starts.
    pub offset: usize,
    pub people: Vec<Person>,
}

/// `limit` people of the list for `q` from position `offset`, with the list's length. An
/// offset past the end gives no one (and the length). A limit of 0 or above [`MAX_PAGE`] is
/// refused rather than clamped, since either means the caller is wrong and clamping would hide
/// it. `now` decides who is going cold and when reminders are next due.
pub fn page(
    db: &Database,
    q: &ListQuery,
    offset: usize,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Page> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(Error::Invalid {
            code: "people.bad_page",
            field: "limit",
            message: format!(
                "A page of the people list holds 1 to {MAX_PAGE} people; {limit} were asked for."
            ),
        });
    }
    let listing = Listing::of(q)?;
    // The first page of any order SQL gives is read on its own too: keeping only the first rows
    // while sorting is faster than ordering the whole list (60-80 ms against about 100 with
    // 100,000 people), and it is what the user waits for; the pages after it come from the
    // whole order, worked out once.
    if listing.paged_in_sql() || (offset == 0 && listing.in_sql()) {
        let total = listing.total(db)?;
        let people = if offset >= total {
            Vec::new()
        } else {
            listing.people_in_sql(db, Some((offset, limit)))?
        };
        return Ok(Page {
            total,
            offset,
            people,
        });
    }
    let ids = ordered(db, q, &listing, now)?;
    let ids = &ids.0;
    let window = ids.get(offset..).unwrap_or_default();
    let people = people_by_ids(db, &window[..window.len().min(limit)])?;
    Ok(Page {
        total: ids.len(),
        offset,
        people,
    })
}

/// Every listed person's id in order: what "select all" and a Shift-click range select from,
/// without fetching everyone's details.
pub fn listed_ids(db: &Database, q: &ListQuery, now: DateTime<Utc>) -> Result<Vec<String>> {
    let listing = Listing::of(q)?;
    Ok(ordered(db, q, &listing, now)?.0.clone())
}

/// Every listed person's id in the list's order.
struct Ordered(Vec<String>);

/// The ids of the list for `q` in its order as of the start of `now`'s minute, kept until the
/// file changes, the minute is over or another list is asked for. Sorted by anything but the
/// name (which an index serves a page at a time), every page would otherwise sort the whole
/// list again: with 100,000 people, 50-80 ms a page in SQL (up to 280 for the last pages) and
/// hundreds by next reminder, for each page read while scrolling, and the list reads ahead.
fn ordered(
    db: &Database,
    q: &ListQuery,
    listing: &Listing,
    now: DateTime<Utc>,
) -> Result<std::sync::Arc<Ordered>> {
    let minute = now.duration_trunc(Duration::minutes(1)).unwrap_or(now);
    db.derived_for((q.clone(), minute), |db| {
        listing.ids(db, minute).map(Ordered)
    })
}

/// Where person `id` stands (from 0) in the list for `q`, or `None` when they are not in it
/// (filtered out, deleted or unknown).
pub fn position(
    db: &Database,
    q: &ListQuery,
    id: &str,
    now: DateTime<Utc>,
) -> Result<Option<usize>> {
    let listing = Listing::of(q)?;
    if !listing.paged_in_sql() || listing.descending {
        return Ok(ordered(db, q, &listing, now)?
            .0
            .iter()
            .position(|x| x == id));
    }
    // By name, the index counts those before them; the EXISTS checks they are listed at all.
    let mut params = listing.params.clone();
    params.push(Value::Text(id.to_owned()));
    let me = params.len();
    let sql = format!(
        "SELECT CASE WHEN EXISTS (SELECT 1 {fw} AND id = ?{me})
                THEN (SELECT count(*) {fw} AND (name_key, id) <
                        (SELECT name_key, id FROM people WHERE id = ?{me})) END",
        fw = listing.from_where
    );
    let n: Option<i64> = db
        .conn()
        .prepare_cached(&sql)?
        .query_row(params_from_iter(params), |r| r.get(0))?;
    Ok(n.and_then(|n| usize::try_from(n).ok()))
}

/// The page of `limit` people (starting at a multiple of `limit`) holding person `id` in the
/// list for `q`, so the list can open at them; the first page if they are not listed.
pub fn page_around(
    db: &Database,
    q: &ListQuery,
    id: &str,
    limit: usize,
    now: DateTime<Utc>,
) -> Result<Page> {
    let at = position(db, q, id, now)?.unwrap_or(0);
    page(db, q, at - at % limit.max(1), limit, now)
}

/// A map the list can be filtered by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MapChoice {
    pub id: String,
    pub name: String,
}

/// What the filters can choose from: the tags, departments and organisations people have and
/// the live maps, each in reading order (ignoring case and accents).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FilterChoices {
    pub tags: Vec<String>,
    pub departments: Vec<String>,
    pub organisations: Vec<String>,
    pub maps: Vec<MapChoice>,
}

/// Distinct non-empty values, sorted by their folded form.
fn sorted(values: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out: Vec<String> = values
        .into_iter()
        .filter(|v| !v.is_empty() && seen.insert(v.clone()))
        .collect();
    out.sort_by_cached_key(|v| (fold(v), v.clone()));
    out
}

/// The values the filters offer, from people not deleted (former colleagues included).
pub fn filter_choices(db: &Database) -> Result<FilterChoices> {
    let column = |name: &str| -> Result<Vec<String>> {
        let mut stmt = db.conn().prepare_cached(&format!(
            "SELECT DISTINCT {name} FROM people WHERE deleted_at IS NULL AND {name} != ''"
        ))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    let tags: Vec<String> = column("tags")?
        .iter()
        .flat_map(|t| t.split(", ").map(str::to_owned).collect::<Vec<_>>())
        .collect();
    let maps = crate::maps::list(db, false)?
        .into_iter()
        .map(|m| MapChoice {
            id: m.id,
            name: m.name,
        })
        .collect();
    Ok(FilterChoices {
        tags: sorted(tags),
        departments: sorted(column("department")?),
        organisations: sorted(column("organisation")?),
        maps,
    })
}
