// Maps the location hash to a section: "#/settings" -> "settings"; anything unknown -> "people".

import { SECTIONS } from './shortcuts.js';

export function sectionFromHash(hash) {
  const name = String(hash ?? '').replace(/^#\/?/, '').split(/[/?]/)[0];
  return SECTIONS.includes(name) ? name : 'people';
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
