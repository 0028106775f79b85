// Words for the Insights page, as pure functions tested with node --test.

import { quadrantById, stanceById } from './grid-geometry.js';
import { sinceText } from './format.js';
import { daysBetween } from './reminder-format.js';

/** "3 days overdue", "due today". */
export function overdueText(days) {
  if (days <= 0) return 'due today';
  return days === 1 ? '1 day overdue' : `${days} days overdue`;
}

/** What the list says of someone going cold: "Manage closely · ★ Champion · last spoke 3 weeks ago · every 14 days". */
export function coldDetails(cold, now = new Date()) {
  return [
    cold.quadrant ? quadrantById(cold.quadrant)?.label : null,
    cold.stance ? `${stanceById(cold.stance).symbol} ${stanceById(cold.stance).label}` : null,
    cold.last_contact ? `last spoke ${sinceText(cold.last_contact, now)}` : 'no contact logged',
    `every ${cold.cadence_days} days`,
  ].filter(Boolean).join(' · ');
}

/** "power 80% · last spoke 3 months ago" for a visibility gap. */
export function unseenDetails(unseen, now = new Date()) {
  return [
    unseen.role || null,
    `power ${Math.round(unseen.power * 100)}%`,
    unseen.last_contact ? `last spoke ${sinceText(unseen.last_contact, now)}` : 'never spoken',
  ].filter(Boolean).join(' · ');
}

/** "Dana did 4 favours for you; you did 1 for Dana, over 6 months." */
export function imbalanceText(o) {
  const favours = (n) => (n === 1 ? '1 favour' : `${n} favours`);
  return `${o.name} did ${favours(o.by_them)} for you; you did ${o.by_me} for them, over the last 6 months.`;
}

/** "2 of 5" with a share the bar can draw, 0 when there is no one. */
export function coverageShare(count) {
  const share = count.people ? count.allies / count.people : 0;
  return { text: `${count.allies} of ${count.people}`, share: Math.max(0, Math.min(1, share)) };
}

/** How many items an insight list shows before "Show all". */
export const SHORT_LIST = 8;

/** The items a list shows: the first few, or all once expanded; `more` is how many in all when some are hidden. */
export function shownItems(items, expanded, limit = SHORT_LIST) {
  if (expanded || items.length <= limit) return { shown: items, more: 0 };
  return { shown: items.slice(0, limit), more: items.length };
}

/** "3 of 7 people are allies: …", the line above the coverage gaps. */
export function coverageSummary(cov) {
  return `${cov.allies} of ${cov.people} people are allies: champions or supporters on a map, or with an ally role.`;
}

/** A coverage table's first column, from its caption: "Allies by level" -> "Level". */
export function coverageColumn(caption) {
  return caption.replace('Allies by ', '').replace(/^./, (c) => c.toUpperCase());
}

/** Gaps that are closed on a map, so they carry a link to it. */
export function gapOpensMap(code) {
  return code === 'no_allies' || code === 'no_senior';
}

/** " ★ Champion · power 80%" after a name in the review. */
export function reviewStanceText(p) {
  const stance = stanceById(p.stance);
  return ` ${stance.symbol} ${stance.label} · power ${Math.round(p.power * 100)}%`;
}

const QUARTER_DAYS = 91;

/**
 * Where a professional group stands on `today` ("YYYY-MM-DD"): due when never attended or not
 * for a quarter, and the words for when the user last went.
 */
export function groupAttendance(g, today, now = new Date()) {
  const ago = g.last_attended ? daysBetween(g.last_attended, today, 'UTC') : null;
  const when = g.last_attended
    ? `last went ${sinceText(`${g.last_attended}T12:00:00`, now)} (${g.times_attended} ${g.times_attended === 1 ? 'time' : 'times'})`
    : 'not been yet';
  return { due: ago === null || ago >= QUARTER_DAYS, when };
}
