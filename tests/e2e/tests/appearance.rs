//! The window follows the system's light or dark setting.

use allies_e2e::{App, PrivateBus, Profile, Result};

async fn page_colours(app: &App) -> Result<(bool, String)> {
    let v = app
        .client
        .execute(
            "return [matchMedia('(prefers-color-scheme: dark)').matches, getComputedStyle(document.body).backgroundColor];",
            vec![],
        )
        .await?;
    Ok(serde_json::from_value(v)?)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dark_desktop_gets_a_dark_window_and_a_light_one_a_light_window() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;

    let app = App::launch_with(&profile, &bus, &[("GTK_THEME", "Adwaita:dark")]).await?;
    app.wait_for("#people-empty").await?;
    assert_eq!(
        page_colours(&app).await?,
        (true, "rgb(21, 26, 25)".to_string()),
        "dark theme colours"
    );
    app.click("#add-first-person").await?;
    app.fill("#person-name", "Dana Ng").await?;
    app.click("#person-save").await?;
    app.wait_for(".person-row").await?;
    app.screenshot("13-dark-theme").await?;
    app.close().await?;

    let app = App::launch_with(&profile, &bus, &[("GTK_THEME", "Adwaita")]).await?;
    app.wait_for(".person-row").await?;
    assert_eq!(
        page_colours(&app).await?,
        (false, "rgb(246, 247, 245)".to_string()),
        "light theme colours"
    );
    app.close().await?;
    Ok(())
}

/// The page is set in the desktop's interface font: on Linux, GTK's, which the shell reads from
/// GTK's settings (here the profile's `gtk-3.0/settings.ini`) and hands to the page by name.
#[tokio::test(flavor = "multi_thread")]
async fn the_page_is_set_in_gtk_s_interface_font() -> Result<()> {
    let profile = Profile::new()?;
    let bus = PrivateBus::start()?;
    let gtk = profile.xdg("xdg-config").join("gtk-3.0");
    std::fs::create_dir_all(&gtk)?;
    std::fs::write(
        gtk.join("settings.ini"),
        "[Settings]\ngtk-font-name=DejaVu Serif 11\n",
    )?;

    let app = App::launch(&profile, &bus).await?;
    app.wait_for("#people-empty").await?;
    let fonts: (String, String) = serde_json::from_value(
        app.client
            .execute(
                "return [getComputedStyle(document.body).fontFamily,
                         getComputedStyle(document.querySelector('.nav-list a')).fontFamily];",
                vec![],
            )
            .await?,
    )?;
    assert_eq!(
        fonts,
        (
            "\"DejaVu Serif\", sans-serif".to_string(),
            "\"DejaVu Serif\", sans-serif".to_string()
        ),
        "the page and its sidebar in GTK's font"
    );
    app.screenshot("13b-gtk-interface-font").await?;
    app.close().await?;
    Ok(())
}
