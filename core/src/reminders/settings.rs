//! How and when the user wants to be reminded: their time zone, the morning hour for day-based
//! reminders, quiet hours, the weekly review, when a thank-you falls due, and a pause.

use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::reminders::schedule::Quiet;
use crate::storage::Database;

const KEY: &str = "reminders";

/// When a thank-you is due after a received favour is marked done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThankYouTiming {
    /// At once.
    SameDay,
    /// The next morning.
    NextMorning,
    /// In `thank_you_days` days, in the morning.
    InDays,
}

/// The settings as stored and as the Settings screen edits them. Times are "HH:MM" in the
/// user's time zone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReminderSettings {
    /// An IANA name such as "Europe/Berlin".
    pub time_zone: String,
    /// When reminders for a day (promises, conflicts, check-ins, keep in touch) are due.
    pub morning: String,
    pub quiet_start: String,
    pub quiet_end: String,
    pub quiet_weekends: bool,
    pub weekly_review: bool,
    pub weekly_review_day: Weekday,
    pub weekly_review_time: String,
    pub thank_you: ThankYouTiming,
    pub thank_you_days: u32,
    /// Reminders wait until this moment ("pause for an hour").
    pub paused_until: Option<DateTime<Utc>>,
    /// When reminders were first set up; the weekly review starts after it, not in the past.
    pub since: Option<DateTime<Utc>>,
    /// Birthdays remind on the day for everyone (a person can say otherwise); off by default.
    pub birthday_reminders: bool,
    /// Work anniversaries and start dates remind on the day for everyone (a person can say
    /// otherwise).
    pub work_date_reminders: bool,
}

/// The user's time zone as the system knows it: `TZ` when it names a zone ("Europe/Berlin",
/// as Unix users set it), else the system setting, else UTC.
pub fn system_time_zone() -> String {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|tz| tz.trim_start_matches(':').to_owned());
    from_env
        .into_iter()
        .chain(iana_time_zone::get_timezone().ok())
        .find(|name| name.parse::<Tz>().is_ok())
        .unwrap_or_else(|| "UTC".into())
}

impl Default for ReminderSettings {
    fn default() -> Self {
        ReminderSettings {
            time_zone: system_time_zone(),
            morning: "09:00".into(),
            quiet_start: "20:00".into(),
            quiet_end: "08:00".into(),
            quiet_weekends: false,
            weekly_review: true,
            weekly_review_day: Weekday::Fri,
            weekly_review_time: "16:00".into(),
            thank_you: ThankYouTiming::SameDay,
            thank_you_days: 1,
            paused_until: None,
            since: None,
            birthday_reminders: false,
            work_date_reminders: true,
        }
    }
}

fn clock_time(text: &str, field: &'static str, label: &str) -> Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| Error::Invalid {
        code: "reminders.bad_time",
        field,
        message: format!(
            "{label}: “\u{2068}{text}\u{2069}” is not a time of day. Write it like 08:30."
        ),
    })
}

impl ReminderSettings {
    pub fn validate(&self) -> Result<()> {
        self.tz_checked()?;
        clock_time(&self.morning, "morning", "Morning reminders")?;
        clock_time(&self.quiet_start, "quiet_start", "Quiet hours start")?;
        clock_time(&self.quiet_end, "quiet_end", "Quiet hours end")?;
        clock_time(
            &self.weekly_review_time,
            "weekly_review_time",
            "Weekly review",
        )?;
        if !(1..=30).contains(&self.thank_you_days) {
            return Err(Error::Invalid {
                code: "reminders.bad_days",
                field: "thank_you_days",
                message: format!(
                    "A thank-you can wait 1 to 30 days, not {}.",
                    self.thank_you_days
                ),
            });
        }
        Ok(())
    }

    fn tz_checked(&self) -> Result<Tz> {
        self.time_zone.parse().map_err(|_| Error::Invalid {
            code: "reminders.bad_time_zone",
            field: "time_zone",
            message: format!(
                "“\u{2068}{}\u{2069}” is not a time zone Allies knows. Pick one from the list, such as Europe/Berlin.",
                self.time_zone
            ),
        })
    }

    /// The time zone, read leniently: a stored value that no longer parses means UTC.
    pub fn tz(&self) -> Tz {
        self.tz_checked().unwrap_or(Tz::UTC)
    }

    fn time_or(text: &str, default: NaiveTime) -> NaiveTime {
        NaiveTime::parse_from_str(text, "%H:%M").unwrap_or(default)
    }

    pub fn morning_time(&self) -> NaiveTime {
        Self::time_or(
            &self.morning,
            NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default(),
        )
    }

    pub fn weekly_review_clock(&self) -> NaiveTime {
        Self::time_or(
            &self.weekly_review_time,
            NaiveTime::from_hms_opt(16, 0, 0).unwrap_or_default(),
        )
    }

    pub fn quiet(&self) -> Quiet {
        Quiet {
            tz: self.tz(),
            start: Self::time_or(&self.quiet_start, NaiveTime::MIN),
            end: Self::time_or(&self.quiet_end, NaiveTime::MIN),
            weekends: self.quiet_weekends,
            paused_until: self.paused_until,
        }
    }
}

/// The stored settings, or the defaults when none were saved yet.
pub fn get(db: &Database) -> Result<ReminderSettings> {
    let stored: Option<String> = db
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [KEY], |r| {
            r.get(0)
        })
        .optional()?;
    // Settings written by a later version may carry keys this one ignores; unreadable
    // settings fall back to the defaults rather than stopping reminders.
    Ok(stored
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

fn put(db: &mut Database, settings: &ReminderSettings) -> Result<()> {
    let json = serde_json::to_string(settings).map_err(|e| Error::Invalid {
        code: "reminders.unsaved",
        field: "",
        message: format!("The reminder settings could not be written: {e}"),
    })?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [KEY, &json],
        )?;
        Ok(())
    })
}

/// Saves settings edited by the user, keeping when reminders started and any pause (the tray
/// may have paused reminders while the settings were open).
pub fn save(
    db: &mut Database,
    settings: &ReminderSettings,
    now: DateTime<Utc>,
) -> Result<ReminderSettings> {
    settings.validate()?;
    let mut settings = settings.clone();
    let stored = get(db)?;
    settings.since = stored.since.or(Some(now));
    settings.paused_until = stored.paused_until;
    put(db, &settings)?;
    Ok(settings)
}

/// The settings, stored with `since` set the first time reminders run.
pub fn get_or_start(db: &mut Database, now: DateTime<Utc>) -> Result<ReminderSettings> {
    let mut settings = get(db)?;
    if settings.since.is_none() {
        settings.since = Some(now);
        put(db, &settings)?;
    }
    Ok(settings)
}

/// Every IANA time zone name, for the Settings list.
pub fn time_zones() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

/// How long to pause, as the tray and Settings offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseFor {
    Hour,
    /// Until the next morning, at the morning time.
    UntilTomorrow,
    Resume,
}

/// Pauses pop-ups as the user chose.
pub fn pause_for(
    db: &mut Database,
    choice: PauseFor,
    now: DateTime<Utc>,
) -> Result<ReminderSettings> {
    let settings = get(db)?;
    let until = match choice {
        PauseFor::Hour => Some(now + chrono::Duration::hours(1)),
        PauseFor::UntilTomorrow => Some(crate::reminders::schedule::local_day_at(
            settings.tz(),
            now,
            1,
            settings.morning_time(),
        )),
        PauseFor::Resume => None,
    };
    pause(db, until, now)
}

/// Holds every pop-up until `until`; `None` resumes them.
pub fn pause(
    db: &mut Database,
    until: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<ReminderSettings> {
    let mut settings = get_or_start(db, now)?;
    settings.paused_until = until.filter(|u| *u > now);
    put(db, &settings)?;
    Ok(settings)
}
