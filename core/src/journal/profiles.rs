//! What the user knows about a person beyond the basics: how they relate, what drives them,
//! what success looks like for them, how they like to hear from the user, and the pitch to use.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::fields;
use crate::records::{text_enum, time_text};
use crate::storage::Database;

/// Longest text accepted in any profile field, in characters.
pub const MAX_PROFILE_TEXT: usize = 10_000;

text_enum! {
    /// Where the person stands relative to the user.
    Level {
        SeniorLeader = "senior_leader",
        SkipLevel = "skip_level",
        Manager = "manager",
        Peer = "peer",
        Junior = "junior",
        External = "external",
    }
}

text_enum! {
    /// How the person likes to be kept informed.
    Channel {
        OneOnOne = "one_on_one",
        Email = "email",
        Chat = "chat",
        Coffee = "coffee",
        Meeting = "meeting",
    }
}

text_enum! {
    /// What kind of ally the person is, or could become.
    AllyRole {
        Collaborator = "collaborator",
        Supporter = "supporter",
        Endorser = "endorser",
        Mentor = "mentor",
        Sponsor = "sponsor",
    }
}

text_enum! {
    /// How long they like information: the short version or the whole of it.
    InfoLength {
        Short = "short",
        Detailed = "detailed",
    }
}

text_enum! {
    /// Whether numbers or a story convince them.
    InfoStyle {
        Data = "data",
        Story = "story",
    }
}

/// Longest regular 1:1 rhythm, in weeks.
pub const MAX_ONE_ON_ONE_WEEKS: u8 = 52;

/// A profile as stored and as typed; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Profile {
    pub level: Option<Level>,
    pub how_met: String,
    pub motivations: String,
    pub influences: String,
    pub success_30: String,
    pub success_60: String,
    pub success_90: String,
    pub challenges: String,
    pub channel: Option<Channel>,
    /// How often, in days, the person likes to hear from the user.
    pub cadence_days: Option<u16>,
    pub pitch: String,
    pub ally_role: Option<AllyRole>,
    /// What they need from the user.
    pub needs_from_me: String,
    /// How they lead.
    pub leadership_style: String,
    /// The format they like information in ("one slide", "a written memo").
    pub info_format: String,
    pub info_length: Option<InfoLength>,
    pub info_style: Option<InfoStyle>,
    /// A regular 1:1 every this many weeks, which a repeating reminder keeps.
    pub one_on_one_weeks: Option<u8>,
}

impl Profile {
    fn texts(&mut self) -> [(&'static str, &'static str, &mut String); 11] {
        [
            ("how_met", "How you met", &mut self.how_met),
            ("motivations", "What they care about", &mut self.motivations),
            ("influences", "What influences them", &mut self.influences),
            ("success_30", "Success at 30 days", &mut self.success_30),
            ("success_60", "Success at 60 days", &mut self.success_60),
            ("success_90", "Success at 90 days", &mut self.success_90),
            ("challenges", "Their challenges", &mut self.challenges),
            ("pitch", "Your pitch", &mut self.pitch),
            (
                "needs_from_me",
                "What they need from you",
                &mut self.needs_from_me,
            ),
            (
                "leadership_style",
                "Their leadership style",
                &mut self.leadership_style,
            ),
            ("info_format", "The format they like", &mut self.info_format),
        ]
    }

    /// The profile as it is kept: every text cleaned and within its length, how you met trimmed.
    fn validated(&self) -> Result<Profile> {
        let mut profile = self.clone();
        for (field, label, value) in profile.texts() {
            *value = fields::text(field, label, value, MAX_PROFILE_TEXT)?;
        }
        profile.how_met = profile.how_met.trim().to_owned();
        if let Some(days) = profile.cadence_days {
            if !(1..=365).contains(&days) {
                return Err(Error::Invalid {
                    code: "profiles.bad_cadence",
                    field: "cadence_days",
                    message: format!(
                        "Keep in touch every {days} days? Choose between 1 and 365 days."
                    ),
                });
            }
        }
        if let Some(weeks) = profile.one_on_one_weeks {
            if !(1..=MAX_ONE_ON_ONE_WEEKS).contains(&weeks) {
                return Err(Error::Invalid {
                    code: "profiles.bad_one_on_one_weeks",
                    field: "one_on_one_weeks",
                    message: format!(
                        "A 1:1 every {weeks} weeks? Choose between 1 and {MAX_ONE_ON_ONE_WEEKS} weeks."
                    ),
                });
            }
        }
        Ok(profile)
    }
}

/// The person's profile; empty when nothing has been recorded yet.
pub fn get(db: &Database, person_id: &str) -> Result<Profile> {
    crate::people::get(db, person_id)?;
    let row = db
        .conn()
        .query_row(
            "SELECT level, how_met, motivations, influences, success_30, success_60, success_90,
                    challenges, channel, cadence_days, pitch, ally_role, needs_from_me,
                    leadership_style, info_format, info_length, info_style, one_on_one_weeks
             FROM profiles WHERE person_id = ?1",
            [person_id],
            |r| {
                Ok(Profile {
                    level: optional(r.get_ref(0)?)?,
                    how_met: r.get(1)?,
                    motivations: r.get(2)?,
                    influences: r.get(3)?,
                    success_30: r.get(4)?,
                    success_60: r.get(5)?,
                    success_90: r.get(6)?,
                    challenges: r.get(7)?,
                    channel: optional(r.get_ref(8)?)?,
                    cadence_days: r.get(9)?,
                    pitch: r.get(10)?,
                    ally_role: optional(r.get_ref(11)?)?,
                    needs_from_me: r.get(12)?,
                    leadership_style: r.get(13)?,
                    info_format: r.get(14)?,
                    info_length: optional(r.get_ref(15)?)?,
                    info_style: optional(r.get_ref(16)?)?,
                    one_on_one_weeks: r.get(17)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or_default())
}

/// Unset choices are stored as '' so the column can stay NOT NULL with a CHECK.
fn optional<T: rusqlite::types::FromSql>(
    value: rusqlite::types::ValueRef<'_>,
) -> rusqlite::Result<Option<T>> {
    match value.as_str() {
        Ok("") => Ok(None),
        _ => T::column_result(value).map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, value.data_type(), Box::new(e))
        }),
    }
}

fn text<T: Copy>(choice: Option<T>, as_str: fn(T) -> &'static str) -> &'static str {
    choice.map_or("", as_str)
}

/// Replaces the person's profile with `profile`.
pub fn save(
    db: &mut Database,
    person_id: &str,
    profile: &Profile,
    now: DateTime<Utc>,
) -> Result<Profile> {
    let profile = profile.validated()?;
    crate::people::get(db, person_id)?;
    db.write(|tx| {
        tx.execute(
            "INSERT INTO profiles (person_id, level, how_met, motivations, influences, success_30,
                 success_60, success_90, challenges, channel, cadence_days, pitch, ally_role, updated_at,
                 needs_from_me, leadership_style, info_format, info_length, info_style,
                 one_on_one_weeks, one_on_one_since)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                     ?15, ?16, ?17, ?18, ?19, ?20, CASE WHEN ?20 IS NULL THEN NULL ELSE ?14 END)
             ON CONFLICT (person_id) DO UPDATE SET
                 level = excluded.level, how_met = excluded.how_met,
                 motivations = excluded.motivations, influences = excluded.influences,
                 success_30 = excluded.success_30, success_60 = excluded.success_60,
                 success_90 = excluded.success_90, challenges = excluded.challenges,
                 channel = excluded.channel, cadence_days = excluded.cadence_days,
                 pitch = excluded.pitch, ally_role = excluded.ally_role,
                 needs_from_me = excluded.needs_from_me,
                 leadership_style = excluded.leadership_style,
                 info_format = excluded.info_format, info_length = excluded.info_length,
                 info_style = excluded.info_style,
                 one_on_one_since = CASE WHEN one_on_one_weeks IS excluded.one_on_one_weeks
                                         THEN one_on_one_since ELSE excluded.one_on_one_since END,
                 one_on_one_weeks = excluded.one_on_one_weeks,
                 updated_at = excluded.updated_at",
            rusqlite::params![
                person_id,
                text(profile.level, Level::as_str),
                profile.how_met,
                profile.motivations,
                profile.influences,
                profile.success_30,
                profile.success_60,
                profile.success_90,
                profile.challenges,
                text(profile.channel, Channel::as_str),
                profile.cadence_days,
                profile.pitch,
                text(profile.ally_role, AllyRole::as_str),
                time_text(now),
                profile.needs_from_me,
                profile.leadership_style,
                profile.info_format,
                text(profile.info_length, InfoLength::as_str),
                text(profile.info_style, InfoStyle::as_str),
                profile.one_on_one_weeks,
            ],
        )?;
        Ok(())
    })?;
    get(db, person_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0).unwrap()
    }

    fn with_person() -> (Database, String) {
        let mut db = Database::open_in_memory().unwrap();
        let id = people::add(&mut db, &PersonInput::named("Dana"), now())
            .unwrap()
            .id;
        (db, id)
    }

    #[test]
    fn a_new_person_has_an_empty_profile() {
        let (db, id) = with_person();
        assert_eq!(get(&db, &id).unwrap(), Profile::default());
    }

    #[test]
    fn a_full_profile_round_trips_and_can_be_cleared() {
        let (mut db, id) = with_person();
        let full = Profile {
            level: Some(Level::SkipLevel),
            how_met: "Q3 offsite".into(),
            motivations: "On-call health; hiring".into(),
            influences: "Data, and Sam's opinion".into(),
            success_30: "Roadmap agreed".into(),
            success_60: "Two hires".into(),
            success_90: "Pager load halved".into(),
            challenges: "Budget freeze".into(),
            channel: Some(Channel::OneOnOne),
            cadence_days: Some(14),
            pitch: "Platform work cuts pages; here is the data.".into(),
            ally_role: Some(AllyRole::Sponsor),
            needs_from_me: "Early warning on slips".into(),
            leadership_style: "Coaching, hands-off".into(),
            info_format: "One slide, numbers first".into(),
            info_length: Some(InfoLength::Short),
            info_style: Some(InfoStyle::Data),
            one_on_one_weeks: Some(2),
        };
        assert_eq!(save(&mut db, &id, &full, now()).unwrap(), full);
        assert_eq!(get(&db, &id).unwrap(), full);
        assert_eq!(
            save(&mut db, &id, &Profile::default(), now()).unwrap(),
            Profile::default()
        );
    }

    #[test]
    fn a_1_1_rhythm_outside_1_to_52_weeks_is_refused_by_name() {
        let (mut db, id) = with_person();
        for weeks in [0, 53] {
            let bad = Profile {
                one_on_one_weeks: Some(weeks),
                ..Profile::default()
            };
            match save(&mut db, &id, &bad, now()) {
                Err(Error::Invalid { field, message, .. }) => {
                    assert_eq!(field, "one_on_one_weeks");
                    assert!(message.contains(&weeks.to_string()), "{message}");
                }
                other => panic!("{weeks} weeks must be refused, got {other:?}"),
            }
        }
    }

    #[test]
    fn bad_profiles_name_the_field_and_change_nothing() {
        let (mut db, id) = with_person();
        let bad = Profile {
            cadence_days: Some(0),
            ..Profile::default()
        };
        match save(&mut db, &id, &bad, now()) {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "cadence_days"),
            other => panic!("a cadence of 0 days must be refused, got {other:?}"),
        }
        let long = Profile {
            pitch: "p".repeat(MAX_PROFILE_TEXT + 1),
            ..Profile::default()
        };
        match save(&mut db, &id, &long, now()) {
            Err(Error::Invalid { field, .. }) => assert_eq!(field, "pitch"),
            other => panic!("an over-long pitch must be refused, got {other:?}"),
        }
        assert_eq!(get(&db, &id).unwrap(), Profile::default());
        assert_eq!(
            save(&mut db, "nobody", &Profile::default(), now())
                .unwrap_err()
                .code(),
            "people.not_found"
        );
    }

    #[test]
    fn choices_deserialise_from_the_ui_names() {
        let p: Profile =
            serde_json::from_str(r#"{"level":"peer","channel":"coffee","ally_role":null}"#)
                .unwrap();
        assert_eq!(
            (p.level, p.channel, p.ally_role),
            (Some(Level::Peer), Some(Channel::Coffee), None)
        );
        assert!(serde_json::from_str::<Profile>(r#"{"level":"boss"}"#).is_err());
    }
}
