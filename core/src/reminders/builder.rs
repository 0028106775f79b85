//! The rule builder every rule source writes through: the user's time zone and morning, and what
//! the user did about each reminder, so a dismissed one is never built.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use super::offers::{self, Offer};
use super::schedule::{resolve, Kind, Repeat, Rule};
use super::settings::ReminderSettings;
use super::state::State;
use super::subjects::subject;

/// Builds rules with the user's time zone and what they did about each.
pub(super) struct Builder<'a> {
    pub(super) tz: Tz,
    pub(super) morning: NaiveTime,
    pub(super) states: &'a HashMap<String, State>,
    pub(super) rules: Vec<Rule>,
    /// Names of the people with a keep-in-touch rule, by person id, for the weekly review.
    pub(super) names: HashMap<String, String>,
}

impl<'a> Builder<'a> {
    /// A builder in the user's time zone and morning, with nothing built yet.
    pub(super) fn new(settings: &ReminderSettings, states: &'a HashMap<String, State>) -> Self {
        Builder {
            tz: settings.tz(),
            morning: settings.morning_time(),
            states,
            rules: Vec::new(),
            names: HashMap::new(),
        }
    }

    pub(super) fn state(&self, subject: &str) -> State {
        self.states.get(subject).cloned().unwrap_or_default()
    }

    pub(super) fn morning_of(&self, day: NaiveDate) -> DateTime<Utc> {
        resolve(self.tz, day.and_time(self.morning))
    }

    /// Adds a rule offering the answers its kind usually offers, without a date; returns it (to
    /// change what it offers or give it its date), or `None` when the user dismissed it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn push(
        &mut self,
        kind: Kind,
        id: &str,
        person_id: Option<String>,
        title: String,
        body: String,
        first_due: DateTime<Utc>,
        repeat: Repeat,
        tz: Tz,
    ) -> Option<&mut Rule> {
        let subject = subject(kind, id);
        let state = self.state(&subject);
        if state.dismissed {
            return None;
        }
        self.rules.push(Rule {
            subject,
            kind,
            person_id,
            title,
            body,
            dated: None,
            first_due,
            repeat,
            tz,
            done_through: state.done_through,
            snoozed_until: state.snoozed_until,
            offers: usual_offers(kind),
        });
        self.rules.last_mut()
    }
}

/// What a reminder of `kind` offers, unless its source says otherwise (their promises).
fn usual_offers(kind: Kind) -> &'static [Offer] {
    match kind {
        Kind::KeepInTouch => offers::KEEP_IN_TOUCH,
        Kind::Conflict => offers::CONFLICT,
        Kind::Group => offers::GROUP,
        Kind::WeeklyReview => offers::WEEKLY_REVIEW,
        Kind::TourMeeting => offers::TOUR_MEETING,
        Kind::Ask => offers::ASK,
        Kind::ImpactFollowUp => offers::IMPACT_FOLLOW_UP,
        Kind::RegularOneOnOne => offers::REGULAR_ONE_ON_ONE,
        Kind::ThankYou
        | Kind::Promise
        | Kind::CheckIn
        | Kind::OneOff
        | Kind::ImportantDate
        | Kind::Countdown => offers::DONE,
    }
}
