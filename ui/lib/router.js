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
