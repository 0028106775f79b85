// The panel beside the grid: the map's overview and largest gaps, a chosen card's panel
// (stance, move to, where I need them), a stack's list, or the history summary.

import { h, replaceChildren } from '../lib/dom.js';
import { dateText } from '../lib/format.js';
import { QUADRANTS, STANCES, quadrantOf } from '../lib/grid-geometry.js';
import { largestGaps, percent } from '../lib/map-model.js';
import { labelFor as shownAs, labelForName } from '../lib/presenting.js';
import { askSummary, gapText } from '../lib/ask-format.js';

/** The map's description, head count, largest gaps and the stance legend. */
export function overviewPanel(map, placements, { onSelect }, support = null) {
  const gaps = largestGaps(placements);
  return h('div', { class: 'overview' },
    h('h2', {}, map.name),
    map.description ? h('p', { class: 'map-description' }, map.description) : null,
    map.target_date ? h('p', { class: 'muted' }, `Target date: ${dateText(map.target_date)}`) : null,
    h('p', { class: 'muted' }, placements.length === 1 ? '1 person on this map' : `${placements.length} people on this map`),
    h('h3', {}, 'Largest gaps'),
    gaps.length
      ? h('ol', { class: 'gaps', id: 'gaps' }, gaps.map(({ p, d }) => h('li', {},
        h('button', { type: 'button', class: 'link', onclick: () => onSelect(p.person_id) }, shownAs(p)),
        ` ${quadrantOf(p.position).label} → ${quadrantOf(p.desired).label} (${Math.round(d * 100)})`)))
      : h('p', { class: 'muted' }, 'Select a card and choose where you need that person to be; the biggest gaps show here.'),
    support?.forums?.length ? [
      h('h3', {}, 'Forums'),
      h('ul', { class: 'map-forums', id: 'map-forums' }, support.forums.map((f) => h('li', { class: f.gap ? 'forum-gap' : '' },
        h('a', { href: '#/asks' }, f.name), `: ${gapText(f, labelForName)}`))),
    ] : null,
    h('h3', {}, 'Stances'),
    h('ul', { class: 'legend' }, STANCES.map((s) => h('li', { class: `stance-${s.id}` },
      h('span', { class: 'stance-icon', 'aria-hidden': 'true' }, s.symbol), ` ${s.label}`))));
}

/**
 * One card's panel. The handlers: onStance(card, stance), onMove(personId, position),
 * onDesired(card, position | null), onOpen(personId), onTakeOff(personId), onClose().
 */
export function cardPanel(card, labelMode, { onStance, onMove, onDesired, onOpen, onTakeOff, onClose }) {
  const quadrantButtons = (id, action) => h('div', { class: 'quadrant-buttons', role: 'group', 'aria-label': id === 'move' ? 'Move to' : 'Where I need them' },
    QUADRANTS.map((q) => h('button', { type: 'button', 'data-quadrant': q.id, id: `${id}-${q.id}`, onclick: () => action(q) }, q.label)));
  return h('div', { class: 'card-panel', id: 'card-panel' },
    h('h2', {}, shownAs(card)),
    card.role && labelMode !== 'roles' ? h('p', { class: 'muted' }, card.role) : null,
    h('p', {}, `${quadrantOf(card.position).label} · power ${percent(card.position.power)}, interest ${percent(card.position.interest)}`),
    card.agreed?.length ? h('p', { class: 'card-agreed', id: 'card-agreed' }, `★ Agreed: ${card.agreed.map(askSummary).join('; ')}`) : null,
    h('fieldset', { class: 'stances' },
      h('legend', {}, 'Stance'),
      STANCES.map((s) => h('label', { class: `stance-choice stance-${s.id}` },
        h('input', { type: 'radio', name: 'stance', value: s.id, checked: card.stance === s.id, onchange: () => onStance(card, s.id) }),
        h('span', { class: 'stance-icon', 'aria-hidden': 'true' }, s.symbol), ` ${s.label}`))),
    h('h3', {}, 'Move to'),
    quadrantButtons('move', (q) => onMove(card.person_id, q.centre)),
    h('h3', {}, 'Where I need them'),
    quadrantButtons('desired', (q) => onDesired(card, q.centre)),
    card.desired ? h('button', { type: 'button', id: 'desired-clear', class: 'link', onclick: () => onDesired(card, null) }, 'Clear where I need them') : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', id: 'open-person', onclick: () => onOpen(card.person_id) }, 'Open person'),
      h('button', { type: 'button', class: 'danger', id: 'take-off', onclick: () => onTakeOff(card.person_id) }, 'Take off map')),
    h('button', { type: 'button', class: 'link', onclick: onClose }, 'Close'));
}

/** The people hidden behind one stack, each a button that chooses them. */
export function stackPanel(cards, { onSelect }) {
  return h('div', { class: 'stack-list' },
    h('h2', {}, `${cards.length} people in one spot`),
    h('ul', {}, cards.map((c) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => onSelect(c.person_id) }, shownAs(c))))),
    h('p', { class: 'muted' }, 'Choose one to move them, or drag a nearby card away to spread them out.'));
}

/**
 * The side panel's controller over the view's `state`. `timeline` is the history's (its summary
 * shows while it is open); `handlers` are cardPanel's, with onSelect(personId) for the overview.
 */
export function createSidePanel({ state, timeline, handlers }) {
  const side = h('aside', { class: 'map-side panel', id: 'map-side', 'aria-label': 'Selected person' });

  function render() {
    if (state.editingMap) return;
    const card = state.placements.find((p) => p.person_id === state.selected);
    // A keyboard user keeps their place: refocus the same control in the new panel.
    const focused = side.contains(document.activeElement) ? document.activeElement : null;
    const again = focused?.id ? `#${CSS.escape(focused.id)}`
      : focused?.name ? `[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]` : null;
    if (timeline.state) {
      replaceChildren(side, timeline.summary());
    } else if (card) {
      replaceChildren(side, cardPanel(card, state.labelMode, handlers));
    } else {
      replaceChildren(side, overviewPanel(state.map, state.placements, handlers, state.support));
    }
    if (focused) (again && side.querySelector(again) || side.querySelector('button, input'))?.focus();
  }

  function showStack(ids) {
    const cards = ids.map((id) => state.placements.find((p) => p.person_id === id)).filter(Boolean);
    replaceChildren(side, stackPanel(cards, handlers));
    side.querySelector('button')?.focus();
  }

  /** Puts `content` (the map form) in the panel and focuses its first field. */
  function show(content) {
    replaceChildren(side, content);
    side.querySelector('input')?.focus();
  }

  return { side, render, showStack, show };
}
