//! Rule sources for asking for support: an ask with no answer two weeks after it was asked, and,
//! a few weeks after a thank-you, telling them how their help turned out.

use super::builder::Builder;
use super::offers;
use super::schedule::{local_day_at, Kind, Repeat};
use crate::asks::ANSWER_WITHIN_DAYS;
use crate::error::Result;
use crate::journal::favours::FOLLOW_UP_DAYS;
use crate::records::time_at;
use crate::storage::Database;

/// Asks still waiting for an answer: due the morning [`ANSWER_WITHIN_DAYS`] after they were
/// asked, answered by agreed, declined, done (no more reminding) or a snooze.
pub(super) fn unanswered_asks(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    for ask in crate::asks::list(db)? {
        let Some(asked_at) = ask.asked_at.filter(|_| ask.answer_due.is_some()) else {
            continue;
        };
        let days = u64::try_from(ANSWER_WITHIN_DAYS).unwrap_or(14);
        let (due, tz) = (local_day_at(b.tz, asked_at, days, b.morning), b.tz);
        let name = &ask.person_name;
        let what = if ask.what.is_empty() {
            String::new()
        } else {
            format!(" ({})", ask.what)
        };
        if let Some(rule) = b.push(
            Kind::Ask,
            &ask.id,
            Some(ask.person_id.clone()),
            format!("No answer yet from {name}"),
            format!(
                "You asked {name} two weeks ago{what} and have not heard back. Follow up, or \
                 note their answer."
            ),
            due,
            Repeat::Never,
            tz,
        ) {
            rule.offers = offers::ASK;
        }
    }
    Ok(())
}

/// Thank-yous given in Allies: [`FOLLOW_UP_DAYS`] later, tell them how it turned out.
pub(super) fn impact_follow_ups(db: &Database, b: &mut Builder<'_>) -> Result<()> {
    let mut stmt = db.conn().prepare_cached(
        "SELECT f.id, f.person_id, p.name, f.description, f.thanked_at FROM favours f
           JOIN people p ON p.id = f.person_id AND p.deleted_at IS NULL
         WHERE f.deleted_at IS NULL AND f.follow_up = 1 AND f.thanked_at IS NOT NULL",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            time_at(r, 4)?,
        ))
    })?;
    for row in rows {
        let (id, person, name, description, thanked_at) = row?;
        let (due, tz) = (
            local_day_at(b.tz, thanked_at, FOLLOW_UP_DAYS, b.morning),
            b.tz,
        );
        b.push(
            Kind::ImpactFollowUp,
            &id,
            Some(person),
            format!("Tell {name} how it turned out"),
            format!(
                "{name} helped you: {description}. People like to hear what their help made \
                 possible."
            ),
            due,
            Repeat::Never,
            tz,
        );
    }
    Ok(())
}
