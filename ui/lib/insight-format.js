// Words for the Insights page, as pure functions tested with node --test.

import { quadrantById, stanceById } from './grid-geometry.js';
import { sinceText } from './format.js';

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
