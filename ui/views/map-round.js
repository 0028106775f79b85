// The map's strip about its round: the countdown to the target date, the gaps it names, and
// who drifted since the last review. Reads through `api`; draws nothing for a map without a
// date and no drift.

import { h, replaceChildren } from '../lib/dom.js';
import { countdownText, driftSince, driftText, gapLines } from './round-format.js';

/** `nameOf(personId)` names someone as presenting mode allows. */
export function createRoundStrip({ api, nameOf }) {
  const el = h('section', { class: 'round-countdown card', id: 'round-countdown', 'aria-label': 'Countdown to the round', hidden: true });
  let asked = 0;

  async function load(mapId) {
    const mine = ++asked;
    let countdown;
    let drift;
    try {
      [countdown, drift] = await Promise.all([api.roundCountdown(mapId), api.roundDrift(mapId)]);
    } catch {
      countdown = null; // the strip is extra: the map stays usable without it
      drift = null;
    }
    if (mine !== asked) return;
    draw(countdown, drift);
  }

  function draw(countdown, drift) {
    const name = (id, fallback) => nameOf(id) || fallback;
    const parts = [];
    if (countdown) {
      parts.push(h('p', { class: 'round-days', id: 'round-days' }, countdownText(countdown)));
      const gaps = gapLines(countdown, name);
      if (gaps.length) parts.push(h('ul', { class: 'round-gaps', id: 'round-gaps' }, gaps.map((g) => h('li', {}, g))));
    }
    if (drift?.people?.length) {
      parts.push(h('p', { class: 'muted', id: 'round-drift-title' }, `${driftSince(drift)}, drifted:`),
        h('ul', { class: 'drift-list', id: 'round-drift' },
          drift.people.map((d) => h('li', {}, `${name(d.person_id, d.name)}: ${driftText(d)}`))));
    }
    replaceChildren(el, parts);
    el.hidden = parts.length === 0;
  }

  return { el, load, hide() { asked++; el.hidden = true; } };
}
