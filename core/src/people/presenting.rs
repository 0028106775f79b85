//! Presenting mode: while the user shares their screen, people are shown by initials or role
//! instead of by name. The UI applies it to what it draws; this module applies it to text the
//! core writes with names in it, such as the desktop pop-ups for reminders.

use serde::{Deserialize, Serialize};

use crate::reminders::notification::Notification;
use crate::{Database, Result};

/// How people are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presenting {
    /// Not presenting: full names.
    #[default]
    Names,
    Initials,
    /// The role, or the initials for someone without one.
    Roles,
}

impl Presenting {
    /// A small number for an atomic, so the setting can be read without a lock.
    pub fn as_u8(self) -> u8 {
        match self {
            Presenting::Names => 0,
            Presenting::Initials => 1,
            Presenting::Roles => 2,
        }
    }

    /// The inverse of [`Presenting::as_u8`]; anything unknown means names.
    pub fn from_u8(value: u8) -> Presenting {
        match value {
            1 => Presenting::Initials,
            2 => Presenting::Roles,
            _ => Presenting::Names,
        }
    }

    /// What stands for a person with this `name` and `role`.
    pub fn label(self, name: &str, role: &str) -> String {
        match self {
            Presenting::Names => name.to_owned(),
            Presenting::Initials => initials(name),
            Presenting::Roles => match role.trim() {
                "" => initials(name),
                role => role.to_owned(),
            },
        }
    }
}

/// Whether a character can be shown as an initial: a letter, a digit or a pictograph (emoji),
/// not punctuation or an invisible mark.
fn showable(c: char) -> bool {
    c.is_alphanumeric() || matches!(u32::from(c), 0x2600..=0x27BF | 0x1F000..=0x1FAFF)
}

/// "Dana Ng" -> "DN", "Ana María de la Cruz" -> "AC", "(Dana) Ng" -> "DN", "" -> "?".
/// The same rule as the UI's `initialsOf` (ui/lib/presenting.js), one character per word.
pub fn initials(name: &str) -> String {
    let found: Vec<char> = name
        // Zero-width space and direction marks separate; joiners (emoji sequences) do not.
        .split(|c: char| c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}'))
        .filter_map(|word| word.chars().find(|c| showable(*c)))
        .collect();
    let letters: String = match found.as_slice() {
        [] => return "?".into(),
        [one] => one.to_string(),
        [first, .., last] => [*first, *last].iter().collect(),
    };
    letters.to_uppercase()
}

/// A person as presenting mode needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub name: String,
    pub role: String,
}

/// Everyone who may be named in generated text, deleted people included (an old reminder may
/// still carry their name).
pub fn everyone(db: &Database) -> Result<Vec<Named>> {
    let mut stmt = db
        .conn()
        .prepare_cached("SELECT name, role FROM people WHERE trim(name) <> ''")?;
    let rows = stmt.query_map([], |r| {
        Ok(Named {
            name: r.get(0)?,
            role: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<std::result::Result<_, _>>()?)
}

/// `text` with every full name of `people` replaced by its label. One pass from left to right,
/// longest name first at each place, so "Dana Ng" wins over "Dana" and a label that happens to
/// read like another name is never replaced again.
pub fn redact(text: &str, people: &[Named], mode: Presenting) -> String {
    if mode == Presenting::Names {
        return text.to_owned();
    }
    let mut names: Vec<&Named> = people
        .iter()
        .filter(|p| !p.name.trim().is_empty())
        .collect();
    names.sort_by_key(|p| std::cmp::Reverse(p.name.len()));
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if let Some(p) = names.iter().find(|p| rest.starts_with(p.name.as_str())) {
            out.push_str(&mode.label(&p.name, &p.role));
            rest = &rest[p.name.len()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A desktop pop-up as it may appear on a shared screen: while presenting, names in its title
/// and text become initials or roles; if the people could not be read (`None`), the pop-up says
/// only that a reminder is due, keeping its buttons.
pub fn notification(n: &Notification, people: Option<&[Named]>, mode: Presenting) -> Notification {
    match (mode, people) {
        (Presenting::Names, _) => n.clone(),
        (_, Some(people)) => Notification {
            title: redact(&n.title, people, mode),
            body: redact(&n.body, people, mode),
            actions: n.actions.clone(),
        },
        (_, None) => Notification {
            title: "Allies reminder".into(),
            body: "Open Allies to see it (names are hidden while you present).".into(),
            actions: n.actions.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::people::{self, PersonInput};
    use chrono::{TimeZone, Utc};

    #[test]
    fn while_presenting_a_pop_up_that_cannot_be_redacted_names_no_one() {
        let popup = Notification {
            title: "Thank Omar Haddad".into(),
            body: "Omar Haddad helped you.".into(),
            actions: vec![("done".into(), "Done".into())],
        };
        assert_eq!(notification(&popup, None, Presenting::Names), popup);
        let hidden = notification(&popup, None, Presenting::Initials);
        assert!(
            !hidden.title.contains("Omar") && !hidden.body.contains("Omar"),
            "the people could not be read, so nothing of the text is shown: {hidden:?}"
        );
        assert_eq!(hidden.actions, popup.actions, "Done still works");
    }

    fn named(name: &str, role: &str) -> Named {
        Named {
            name: name.into(),
            role: role.into(),
        }
    }

    #[test]
    fn initials_of_odd_names() {
        assert_eq!(initials("Dana Ng"), "DN");
        assert_eq!(initials("Ana María de la Cruz"), "AC");
        assert_eq!(initials("  zoë  "), "Z", "one word gives one letter");
        assert_eq!(initials("élodie durand"), "ÉD", "accents are kept");
        assert_eq!(initials("(Dana) Ng"), "DN", "punctuation is skipped");
        assert_eq!(initials("🦊 Fox"), "🦊F");
        assert_eq!(initials(""), "?");
        assert_eq!(
            initials(" \u{200B} "),
            "?",
            "invisible characters are no initial"
        );
        assert_eq!(initials("محمد علي"), "مع", "right-to-left names");
        assert_eq!(initials(&"x".repeat(10_000)), "X");
    }

    #[test]
    fn labels_follow_the_mode_and_roles_fall_back_to_initials() {
        assert_eq!(Presenting::Names.label("Dana Ng", "CTO"), "Dana Ng");
        assert_eq!(Presenting::Initials.label("Dana Ng", "CTO"), "DN");
        assert_eq!(Presenting::Roles.label("Dana Ng", "CTO"), "CTO");
        assert_eq!(Presenting::Roles.label("Dana Ng", "  "), "DN");
        for mode in [Presenting::Names, Presenting::Initials, Presenting::Roles] {
            assert_eq!(Presenting::from_u8(mode.as_u8()), mode);
        }
        assert_eq!(Presenting::from_u8(200), Presenting::Names);
        assert_eq!(
            serde_json::to_value(Presenting::Initials).unwrap(),
            "initials",
            "the UI sends the mode by this name"
        );
    }

    #[test]
    fn redacts_every_full_name_once_longest_first() {
        let people = [
            named("Dana", "Intern"),
            named("Dana Ng", "VP Engineering"),
            named("Sam Patel", ""),
        ];
        let text = "Going cold: Dana Ng, Sam Patel and Dana.";
        assert_eq!(
            redact(text, &people, Presenting::Initials),
            "Going cold: DN, SP and D."
        );
        assert_eq!(
            redact(text, &people, Presenting::Roles),
            "Going cold: VP Engineering, SP and Intern."
        );
        assert_eq!(redact(text, &people, Presenting::Names), text);
    }

    #[test]
    fn a_reminder_pop_up_shows_no_name_while_presenting() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut db = Database::open_in(dir.path(), now).unwrap();
        let mut omar = PersonInput::named("Omar Haddad");
        omar.role = "Head of Sales".into();
        people::add(&mut db, &omar, now).unwrap();
        let popup = Notification {
            title: "Thank Omar Haddad".into(),
            body: "Omar Haddad helped you: the intro to the VP.".into(),
            actions: vec![("done".into(), "Done".into())],
        };
        let everyone = everyone(&db).unwrap();
        let shown = notification(&popup, Some(&everyone), Presenting::Initials);
        assert_eq!(shown.title, "Thank OH");
        assert_eq!(shown.body, "OH helped you: the intro to the VP.");
        assert_eq!(shown.actions, popup.actions, "the buttons still work");
        let shown = notification(&popup, Some(&everyone), Presenting::Roles);
        assert_eq!(shown.title, "Thank Head of Sales");
        assert!(!shown.body.contains("Omar"), "{}", shown.body);
    }
}
