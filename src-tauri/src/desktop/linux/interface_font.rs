//! The desktop's interface font for the page. WebKitGTK's `system-ui` is that font, but it asks
//! fontconfig about it at about 2.4 times the cost of a named family for every size and weight
//! the page shows (3 ms against 1.3 ms a font on a 2-core machine). So the page names the family
//! itself, as GTK's settings give it ("Ubuntu 11", "Cantarell 11"), with sans-serif after it.

use gtk::prelude::GtkSettingsExt;

/// The family of GTK's interface font, if GTK has settings here (it is running: call once the
/// app's window system is up).
pub fn interface_font_family() -> Option<String> {
    family_of(gtk::Settings::default()?.gtk_font_name()?.as_str())
}

/// The family named in a Pango font description such as "Noto Sans Bold 10"; None when it names
/// none.
fn family_of(description: &str) -> Option<String> {
    let family = gtk::pango::FontDescription::from_string(description).family()?;
    let family = family.trim();
    (!family.is_empty()).then(|| family.to_owned())
}

#[cfg(test)]
mod tests {
    use super::family_of;

    #[test]
    fn the_family_is_read_from_gtk_s_font_name_without_its_size_and_style() {
        assert_eq!(family_of("Ubuntu 11").as_deref(), Some("Ubuntu"));
        assert_eq!(family_of("Cantarell 11").as_deref(), Some("Cantarell"));
        assert_eq!(
            family_of("Noto Sans Bold Italic 10").as_deref(),
            Some("Noto Sans")
        );
        assert_eq!(
            family_of("Inter Variable,Sans 10").as_deref(),
            Some("Inter Variable,Sans")
        );
    }

    #[test]
    fn a_description_without_a_family_gives_none() {
        assert_eq!(family_of(""), None);
        assert_eq!(family_of("11"), None);
    }
}
