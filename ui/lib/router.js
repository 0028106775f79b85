// Maps the location hash to a section: "#/settings" -> "settings"; anything unknown -> "people".

import { NAV_SECTIONS, SECTIONS } from './shortcuts.js';

/** Where the section shown last is kept between starts (the window's own storage). */
export const LAST_SECTION_KEY = 'allies.lastSection';

function nameIn(hash) {
  return String(hash ?? '').replace(/^#\/?/, '').split(/[/?]/)[0];
}

export function sectionFromHash(hash) {
  const name = nameIn(hash);
  return SECTIONS.includes(name) ? name : 'people';
}

/**
 * The address to open at start: none when the page's own names a section (a reload keeps its
 * place), else the sidebar's section shown last (kept in `storage`); none for People, the
 * first section, or when nothing was kept or it cannot be read.
 */
export function startHash(hash, storage) {
  if (SECTIONS.includes(nameIn(hash))) return null;
  let last = null;
  try {
    last = storage?.getItem(LAST_SECTION_KEY) ?? null;
  } catch {
    return null;
  }
  return NAV_SECTIONS.includes(last) && last !== 'people' ? hashFor(last) : null;
}

/** Keeps `section` as the one to open at the next start: a sidebar section (a brief needs its person). */
export function rememberSection(storage, section) {
  if (!NAV_SECTIONS.includes(section)) return;
  try {
    storage?.setItem(LAST_SECTION_KEY, section);
  } catch {
    // Storage refused (full, or turned off): the next start opens People.
  }
}

export function hashFor(section) {
  return `#/${SECTIONS.includes(section) ? section : 'people'}`;
}

/** What follows the section: "#/people/abc" -> "abc"; none -> null. */
export function paramFromHash(hash) {
  const rest = String(hash ?? '').replace(/^#\/?/, '').split('/').slice(1).join('/');
  return rest ? decodeURIComponent(rest) : null;
}

/** The address of a person's page: "#/people/<id>", the id escaped. */
export function personHash(id) {
  return `#/people/${encodeURIComponent(id)}`;
}

/** The address of a map: "#/map/<id>", the id escaped. */
export function mapHash(id) {
  return `#/map/${encodeURIComponent(id)}`;
}

/** The address of a forum on the Asks & forums view: "#/asks/<id>", the id escaped. */
export function forumHash(id) {
  return `#/asks/${encodeURIComponent(id)}`;
}

/**
 * The address a reminder pop-up's click opens, from the place the core names:
 * { view: 'person', person_id } | { view: 'review', subject } | { view: 'reminders' }.
 */
export function placeHash(place) {
  if (place?.view === 'person' && place.person_id) return personHash(place.person_id);
  if (place?.view === 'review') return place.subject ? `#/review/${encodeURIComponent(place.subject)}` : hashFor('review');
  return hashFor('reminders');
}
