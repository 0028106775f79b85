//! A card's emails and phone numbers with their labels: the `X-ABLabel` of an `item1.` group
//! (Apple, Google), else the TYPE parameters (`work`, `home`, `cell` as "mobile", `fax`), the
//! preferred ones first (`PREF=1`, `TYPE=pref`, vCard 2.1's bare `PREF`).

use calcard::vcard::{
    VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue,
};

use crate::people::contacts::{Contact, ContactKind};

/// Types that say nothing a reader needs: every email is "internet", most phones "voice".
const UNSAID: [&str; 5] = ["internet", "voice", "pref", "x400", "x-internet"];

/// Apple writes its own labels as `_$!<Mobile>!$_` and the user's as typed.
fn apple_label(label: &str) -> String {
    match label
        .strip_prefix("_$!<")
        .and_then(|l| l.strip_suffix(">!$_"))
    {
        Some(own) => own.to_lowercase(),
        None => label.trim().to_owned(),
    }
}

fn value_of(entry: &VCardEntry) -> String {
    let mut value = String::new();
    for v in &entry.values {
        match v {
            VCardValue::Text(t) => value.push_str(t),
            VCardValue::Component(parts) => value.push_str(&parts.join(";")),
            _ => {}
        }
    }
    let value = value.trim();
    // vCard 4.0 writes a phone as a URI: "tel:+1-418-656-9254;ext=102".
    match value.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case("tel:") => value[4..].trim().to_owned(),
        _ => value.to_owned(),
    }
}

/// The entry's types in lower case and its preference (1 is the most preferred; none is last).
fn types_and_pref(entry: &VCardEntry) -> (Vec<String>, u32) {
    let mut types = Vec::new();
    let mut pref = u32::MAX;
    for p in &entry.params {
        match (&p.name, &p.value) {
            (VCardParameterName::Pref, VCardParameterValue::Integer(n)) => pref = pref.min(*n),
            (VCardParameterName::Pref, _) => pref = pref.min(1),
            (VCardParameterName::Type, VCardParameterValue::Type(t)) => {
                types.push(format!("{t:?}").to_lowercase());
            }
            (VCardParameterName::Type, VCardParameterValue::Text(t)) => types.extend(
                t.split(',')
                    .map(|t| t.trim().to_lowercase())
                    .filter(|t| !t.is_empty()),
            ),
            // vCard 2.1 writes types bare: EMAIL;INTERNET;HOME.
            (VCardParameterName::Other(name), VCardParameterValue::Null) => {
                types.push(name.to_lowercase());
            }
            _ => {}
        }
    }
    if types.iter().any(|t| t == "pref") {
        pref = pref.min(1);
    }
    (types, pref)
}

/// Every email and phone number of `card`, emails first, each kind preferred first and
/// otherwise in the card's order.
pub(super) fn contacts(card: &VCard) -> Vec<Contact> {
    let group_label = |group: &str| {
        card.entries.iter().find_map(|e| match (&e.name, &e.group) {
            (VCardProperty::Other(name), Some(g))
                if name.eq_ignore_ascii_case("X-ABLabel") && g.eq_ignore_ascii_case(group) =>
            {
                Some(apple_label(&value_of(e)))
            }
            _ => None,
        })
    };
    let mut found: Vec<(ContactKind, u32, Contact)> = Vec::new();
    for entry in &card.entries {
        let kind = match entry.name {
            VCardProperty::Email => ContactKind::Email,
            VCardProperty::Tel => ContactKind::Phone,
            _ => continue,
        };
        let value = value_of(entry);
        if value.is_empty() {
            continue;
        }
        let (types, pref) = types_and_pref(entry);
        let label = entry
            .group
            .as_deref()
            .and_then(group_label)
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| {
                types
                    .iter()
                    .filter(|t| !UNSAID.contains(&t.as_str()))
                    .map(|t| match t.as_str() {
                        "cell" => "mobile",
                        "mainnumber" => "main",
                        other => other,
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        found.push((kind, pref, Contact { kind, value, label }));
    }
    // Stable: equal preferences keep the card's order.
    found.sort_by_key(|(kind, pref, _)| (*kind == ContactKind::Phone, *pref));
    found.into_iter().map(|(_, _, c)| c).collect()
}
