// The round that decides, as sections of other pages: the rounds ahead on the Review page and
// who drifted on the Insights page. Pure renders; `say(text)` hides names while presenting.

import { h } from '../lib/dom.js';
import { mapHash } from '../lib/router.js';
import { countdownText, driftSince, driftText, gapLines } from './round-format.js';

/** The Review page's "Rounds ahead": each map's countdown and its gaps, nothing without one. */
export function roundsSection(rounds, say) {
  if (!rounds?.length) return null;
  const nameOf = (_, name) => say(name);
  return h('section', { class: 'card review-section', id: 'review-rounds', 'aria-labelledby': 'review-rounds-title' },
    h('h2', { id: 'review-rounds-title' }, 'Rounds ahead'),
    h('ul', { class: 'review-rounds' }, rounds.map((c) => {
      const gaps = gapLines(c, nameOf);
      return h('li', { class: 'review-round' },
        h('a', { href: mapHash(c.map_id) }, c.map_name), `: ${countdownText(c)}`,
        gaps.length ? h('ul', { class: 'round-gaps' }, gaps.map((g) => h('li', {}, g))) : h('p', { class: 'muted' }, 'No gaps: everyone has heard from you lately.'));
    })));
}

/** The Insights card that holds drift. */
export function driftCard() {
  return h('section', { class: 'card insight-card', id: 'drift', 'aria-labelledby': 'drift-title' },
    h('h2', { id: 'drift-title' }, 'Drift'),
    h('p', { class: 'muted', id: 'drift-since' }, ''),
    h('ul', { class: 'ledger-list insight-list', id: 'drift-list' }));
}

/** The items of the drift card: who drifted on which map, and how. */
export function driftItems(report, say) {
  if (!report.people.length) return [h('li', { class: 'muted' }, 'No one drifted: stances and places held.')];
  return report.people.map((d) => h('li', { class: 'drift-item' },
    h('a', { href: mapHash(d.map_id) }, d.map_name), ` · ${say(d.name)}: ${driftText(d)}`));
}

export { driftSince };
