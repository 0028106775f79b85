// The page's font (styles.css): the desktop's own. On macOS and Windows that is `system-ui` (San
// Francisco, Segoe UI). On Linux WebKitGTK asks fontconfig about `system-ui` at about 2.4 times
// the cost of a named family for every size and weight the page shows (3 ms against 1.3 ms a
// font on a 2-core machine, and the map's first view shows a dozen), so there the page names
// GTK's interface font itself, which the shell reads from GTK's settings and hands over before
// the page loads (`window.__ALLIES_INTERFACE_FONT__`); without it, the generic sans-serif.

/** Whether the page asks for `system-ui`: everywhere but Linux (and the BSDs), where WebKitGTK runs. */
export function systemFontWanted(nav) {
  const name = nav?.userAgentData?.platform || nav?.platform || '';
  return !/linux|bsd|x11/i.test(name);
}

/**
 * A CSS font-family list for a GTK font family (which may itself list several, as "Inter,Sans"),
 * each name quoted, with sans-serif after them; null when it names none.
 */
export function fontFamilyList(family) {
  if (typeof family !== 'string') return null;
  const names = family.split(',')
    // Control characters cannot be in a CSS string; a quote or backslash is escaped.
    .map((name) => name.replace(/[\u0000-\u001f\u007f]/g, '').trim())
    .filter(Boolean)
    .map((name) => `"${name.replace(/["\\]/g, '\\$&')}"`);
  return names.length ? [...names, 'sans-serif'].join(', ') : null;
}

/**
 * Sets the page's font on `root` (the document element) for the platform `nav` says and, off
 * `system-ui`, the desktop's interface font `family` if the shell gave one.
 */
export function choosePageFont(root, nav, family = globalThis.__ALLIES_INTERFACE_FONT__) {
  const system = systemFontWanted(nav);
  root.classList.toggle('system-font', system);
  const named = system ? null : fontFamilyList(family);
  if (named) root.style.setProperty('--page-font', named);
  else root.style.removeProperty('--page-font');
}
