// The power/interest grid: quadrants, the cards and desired-position ghosts in their contained
// layer, stacks, arrows, zoom, and the keys a focused card answers to.

import { h, replaceChildren, svg as svgEl } from '../lib/dom.js';
import { QUADRANTS, labelFor, layoutCards, pointFromPosition, positionFromPoint, stepPosition } from '../lib/grid-geometry.js';
import { CARD, arrowLines, cardFace, clampZoom, insideX, insideY, shownCards } from '../lib/map-model.js';
import { labelFor as shownAs } from '../lib/presenting.js';

/** The grid's elements; `cardsLayer` is `contain: strict`, so a change to one card lays out only there. */
export function gridElements() {
  const arrows = svgEl('svg', { class: 'grid-arrows', id: 'grid-arrows', 'aria-hidden': 'true' });
  const cardsLayer = h('div', { class: 'cards-layer' });
  const grid = h('div', { class: 'grid', id: 'grid', role: 'group', 'aria-label': 'Power and interest grid', 'aria-describedby': 'grid-help' },
    QUADRANTS.map((q) => h('div', { class: `quadrant q-${q.id}`, 'data-quadrant': q.id },
      h('span', { class: 'quadrant-label' }, q.label), h('span', { class: 'quadrant-hint' }, q.hint))),
    h('span', { class: 'axis axis-x', 'aria-hidden': 'true' }, 'Interest →'),
    h('span', { class: 'axis axis-y', 'aria-hidden': 'true' }, 'Power →'),
    arrows, cardsLayer);
  const gridWrap = h('div', { class: 'grid-wrap', id: 'grid-wrap' }, grid);
  return { grid, gridWrap, arrows, cardsLayer };
}

/** Puts `el` at `position` on a grid of `size`. */
function place(el, position, size) {
  el.style.left = insideX(position.interest, size.width);
  el.style.top = insideY(1 - position.power, size.height);
}

function placeCard(card, position, slot, size) {
  place(card, position, size);
  card.style.transform = slot && (slot.dx || slot.dy)
    ? `translate(calc(-50% + ${slot.dx}px), calc(-50% + ${slot.dy}px))` : '';
}

/** What is inside every card, built once per document and copied for each card. */
let cardInside = null;

function cardParts() {
  if (cardInside?.doc !== document) {
    cardInside = {
      doc: document,
      icon: h('span', { class: 'stance-icon', 'aria-hidden': 'true' }),
      // A space between the lines (the grid does not show it) keeps "Dana Ng VP…" two words.
      text: h('span', { class: 'card-text' }, h('span', { class: 'card-name' }), ' ', h('span', { class: 'card-role' })),
    };
  }
  return [cardInside.icon.cloneNode(true), cardInside.text.cloneNode(true)];
}

/**
 * Brings a card's button up to date with its placement `c` and its `slot` in the layout of a
 * grid of `size`. A card hidden in a stack (the stack's button lists it) is left empty until it
 * shows: half the cards of a crowded map of 500, not built at every start.
 */
export function updateCard(card, c, slot, { labelMode, selected }, size) {
  const face = cardFace(c, labelMode, selected);
  card.className = face.className;
  card.setAttribute('aria-pressed', face.selected ? 'true' : 'false');
  card.tabIndex = slot?.hidden ? -1 : 0;
  card.hidden = Boolean(slot?.hidden);
  if (card.hidden) {
    card.removeAttribute('aria-label');
    card.replaceChildren();
    return;
  }
  card.setAttribute('aria-label', c.agreed?.length ? `${face.ariaLabel}, agreed to support you` : face.ariaLabel);
  const [icon, text] = cardParts();
  icon.setAttribute('title', face.stance.label);
  icon.textContent = face.stance.symbol;
  const [name, , role] = text.childNodes;
  name.textContent = face.label;
  if (face.role) role.textContent = face.role;
  else text.replaceChildren(name);
  replaceChildren(card, icon, text,
    c.agreed?.length ? h('span', { class: 'card-support', 'aria-hidden': 'true', title: 'Agreed to support you' }, '★') : null);
  placeCard(card, c.position, slot, size);
}

export function ghostElement(c, labelMode, size) {
  const ghost = h('div', {
    class: c.past ? 'ghost past' : 'ghost', 'data-person-id': c.person_id, 'aria-hidden': 'true',
    // A past need is only shown: history is read-only.
    title: c.past ? `Where you needed ${shownAs(c)} to be then` : `Where you need ${shownAs(c)} to be (drag to change)`,
  }, labelFor(c, labelMode));
  place(ghost, c.desired, size);
  return ghost;
}

/** A stack's button; `cardOf` finds a card's placement by person id. */
export function stackElement(stack, size, cardOf, onOpen) {
  const pos = positionFromPoint(stack.x, stack.y, { left: 0, top: 0, width: size.width, height: size.height });
  const names = stack.ids.map((id) => { const c = cardOf.get(id); return c ? shownAs(c) : ''; });
  const button = h('button', {
    type: 'button', class: 'stack', 'data-ids': stack.ids.join(' '),
    'aria-label': `${stack.count} people here: ${names.join(', ')}. Press to list them.`,
  }, `${stack.count} people`);
  place(button, pos, size);
  button.addEventListener('click', () => onOpen(stack.ids));
  return button;
}

export function drawArrows(arrows, lines, size) {
  arrows.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
  const defs = svgEl('defs');
  const marker = svgEl('marker', { id: 'arrowhead', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
  defs.append(marker);
  arrows.replaceChildren(defs, ...lines.map((ends) => svgEl('line', { ...ends, 'marker-end': 'url(#arrowhead)' })));
}

/**
 * The grid's controller over the view's `state`. `history()` is the open history or null,
 * `isDragging()` whether a drag is on; the rest are what the grid's keys and clicks ask for.
 */
export function createGrid({ state, history, isDragging, onSelect, onMove, onOpen, onTakeOff, onShowStack, focusAfterTakeOff }) {
  const els = gridElements();
  const { grid, gridWrap, arrows, cardsLayer } = els;
  const cardEls = new Map();
  /** The grid's size at the last drawing: cards are placed and stacked for it. */
  let drawnSize = null;

  function render() {
    // The drop re-renders anyway; doing it mid-drag would detach the card under the pointer.
    if (isDragging()) return;
    const started = performance.now();
    const past = history();
    const cards = shownCards(state.placements, past);
    const size = { width: grid.clientWidth, height: grid.clientHeight };
    drawnSize = size;
    const layout = layoutCards(cards.map((c) => {
      const pt = pointFromPosition(c.position, size);
      return { id: c.person_id, x: pt.x, y: pt.y };
    }), { cardWidth: CARD.width * 0.8, cardHeight: CARD.height * 0.8, maxStack: 4 });
    const byId = new Map(layout.cards.map((c) => [c.id, c]));
    // Cards are kept and updated in place, so focus and a running drag survive a re-render.
    const keep = new Map();
    const focused = document.activeElement; // moving a card into the fragment blurs it
    const fragment = document.createDocumentFragment();
    for (const c of cards) {
      const card = cardEls.get(c.person_id) ?? h('button', { type: 'button', 'data-person-id': c.person_id });
      updateCard(card, c, byId.get(c.person_id), state, size);
      keep.set(c.person_id, card);
      fragment.append(card);
      if (c.desired) fragment.append(ghostElement(c, state.labelMode, size));
    }
    const cardOf = new Map(layout.stacks.length ? cards.map((c) => [c.person_id, c]) : []);
    for (const stack of layout.stacks) fragment.append(stackElement(stack, size, cardOf, onShowStack));
    cardsLayer.replaceChildren(fragment);
    if (focused && cardsLayer.contains(focused) && document.activeElement !== focused) focused.focus();
    cardEls.clear();
    for (const [id, card] of keep) cardEls.set(id, card);
    drawArrows(arrows, arrowLines(cards, past?.moves ?? null, size), size);
    // Read by `make bench`; costs nothing when nobody asks.
    performance.measure('map: render cards', { start: started });
  }

  function markSelected(personId) {
    for (const [id, card] of cardEls) {
      card.classList.toggle('selected', id === personId);
      card.setAttribute('aria-pressed', id === personId ? 'true' : 'false');
    }
  }

  function setZoom(z) {
    state.zoom = clampZoom(z);
    grid.style.width = `${state.zoom * 100}%`;
    grid.style.height = `${state.zoom * 100}%`;
    if (state.zoom === 1) gridWrap.scrollTo(0, 0);
    render();
  }

  // Cards are buttons: a finished drag must not also count as a click (keyboard clicks do).
  grid.addEventListener('click', (e) => {
    const card = e.target.closest('.map-card');
    if (card && e.detail === 0) onSelect(card.dataset.personId);
  });

  // A held key repeats faster than saves finish; repeats are skipped while one is on its way.
  let keyMoveBusy = false;
  grid.addEventListener('keydown', async (e) => {
    const card = e.target.closest('.map-card');
    if (!card || card.classList.contains('past')) return;
    const id = card.dataset.personId;
    const current = state.placements.find((p) => p.person_id === id);
    if (!current) return;
    const next = stepPosition(current.position, e.key, { big: e.shiftKey });
    if (next) {
      e.preventDefault();
      if (keyMoveBusy) return;
      keyMoveBusy = true;
      try { await onMove(id, next, { via: 'keyboard' }); } finally { keyMoveBusy = false; }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(id);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      await onTakeOff(id);
      (cardsLayer.querySelector('.map-card') ?? focusAfterTakeOff()).focus();
    }
  });

  gridWrap.addEventListener('wheel', (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setZoom(state.zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });

  return {
    ...els,
    render,
    /** Whether the grid is not the size it was last drawn at (a zoom, a resized window). */
    resized: () => !drawnSize || drawnSize.width !== grid.clientWidth || drawnSize.height !== grid.clientHeight,
    markSelected,
    setZoom,
    focusCard: (personId) => cardEls.get(personId)?.focus(),
  };
}
