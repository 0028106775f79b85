// The map's past: a day slider for "the map as it was on", a date for "moves since", and the
// list of what changed between the two.

import { h, replaceChildren } from '../lib/dom.js';
import { quadrantOf, stanceById } from '../lib/grid-geometry.js';
import { labelFor } from '../lib/presenting.js';
import { dateText } from '../lib/format.js';

const startOfDay = (date) => { const d = new Date(date); d.setHours(0, 0, 0, 0); return d; };
const endOfDay = (date) => { const d = new Date(date); d.setHours(23, 59, 59, 999); return d; };
const addDays = (date, n) => { const d = new Date(date); d.setDate(d.getDate() + n); return d; };
const dayText = (date) => {
  const d = new Date(date);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/**
 * Controls the history bar. `state` is null while closed, else { at, from, snapshots, moves }
 * (snapshots: the map at `at`; moves: changes since `from`), read through `api`. onChange runs
 * after each load.
 */
export function createTimeline({ api, bar, onChange, onError }) {
  let state = null;
  let mapId = null;
  let request = 0;

  async function reload() {
    if (!state) return;
    const mine = ++request;
    try {
      const [snapshots, moves] = await Promise.all([
        api.mapStateAt(mapId, state.at.toISOString()),
        api.mapMoves(mapId, state.from.toISOString(), state.at.toISOString()),
      ]);
      if (mine !== request || !state) return; // a newer request or a close came meanwhile
      Object.assign(state, { snapshots, moves });
    } catch (err) {
      onError(err);
      return;
    }
    onChange();
  }

  function renderBar(span) {
    const first = startOfDay(span.first);
    // Whole calendar days, so a daylight-saving change never skips or repeats a day.
    const days = Math.max(0, Math.round((startOfDay(new Date()) - first) / 86400000));
    const slider = h('input', { type: 'range', id: 'history-slider', min: '0', max: String(days), step: '1', value: String(days), 'aria-label': 'Show the map as it was on' });
    const atLabel = h('output', { id: 'history-at', for: 'history-slider' });
    const from = h('input', { type: 'date', id: 'history-from', value: dayText(state.from), min: dayText(first), 'aria-label': 'Show moves since' });
    const update = () => {
      state.at = endOfDay(addDays(first, Number(slider.value)));
      atLabel.textContent = dateText(state.at);
    };
    update();
    slider.addEventListener('input', () => { update(); reload(); });
    from.addEventListener('change', () => {
      const d = startOfDay(`${from.value}T00:00:00`);
      if (!Number.isNaN(d.getTime())) { state.from = d; reload(); }
    });
    replaceChildren(bar,
      h('label', { for: 'history-slider' }, 'Map on '), atLabel, slider,
      h('label', { for: 'history-from' }, 'Arrows show moves since '), from);
  }

  return {
    get state() { return state; },

    /** Opens the past of a map; false when nothing has happened on it yet. */
    async open(id) {
      const span = await api.mapHistorySpan(id);
      if (!span) return false;
      mapId = id;
      state = { at: new Date(), from: new Date(span.first), snapshots: [], moves: [] };
      renderBar(span);
      await reload();
      return true;
    },

    close() {
      state = null;
      request += 1;
    },

    reload,

    /** What changed, in words, for the side panel. */
    summary() {
      return h('div', { class: 'overview', id: 'history-summary' },
        h('h2', {}, 'History'),
        h('p', {}, `${state.snapshots.length} people on the map on ${dateText(state.at)}.`),
        h('h3', {}, `Moves since ${dateText(state.from)}`),
        state.moves.length ? h('ul', { class: 'moves' }, state.moves.map((m) => h('li', {},
          labelFor(m), ': ',
          !m.from ? `joined in ${quadrantOf(m.to.position).label}`
            : !m.to ? 'left the map'
              : m.distance > 0 ? `${quadrantOf(m.from.position).label} → ${quadrantOf(m.to.position).label}`
                : `${stanceById(m.from.stance).label} → ${stanceById(m.to.stance).label}`)))
          : h('p', { class: 'muted' }, 'No changes in this period.'));
    },
  };
}
