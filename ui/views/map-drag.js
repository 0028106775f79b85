// Pointer dragging on the map (mouse, touch and pen alike): people from the roster onto the
// grid, cards within the grid or back to the roster, and desired-position ghosts.

import { h } from '../lib/dom.js';
import { positionFromPoint } from '../lib/grid-geometry.js';

// A press that moves less than this is a click, not a drag.
const DRAG_THRESHOLD = 4;

/**
 * What follows the pointer: a copy of the card (or ghost) in a layer of its own above the page,
 * while the original stays in place, dimmed. Moving it is one transform per frame that repaints
 * nothing else, and it stays visible over the roster, outside the grid's scroll area.
 */
function liftGhost(drag, labelOf) {
  if (drag.kind === 'roster') {
    drag.grabX = 0;
    drag.grabY = 0;
    drag.toCentre = { x: 0, y: 0 };
    return h('div', { class: 'map-card drag-ghost centred', 'aria-hidden': 'true' }, labelOf(drag.personId));
  }
  const rect = drag.source.getBoundingClientRect();
  drag.grabX = drag.x0 - rect.left;
  drag.grabY = drag.y0 - rect.top;
  // A card's position is its centre, which need not be where it was grabbed.
  drag.toCentre = { x: rect.width / 2 - drag.grabX, y: rect.height / 2 - drag.grabY };
  const ghost = drag.source.cloneNode(true);
  for (const name of ['id', 'tabindex', 'aria-label', 'aria-pressed', 'data-person-id']) ghost.removeAttribute(name);
  ghost.setAttribute('aria-hidden', 'true');
  ghost.classList.add('drag-ghost');
  ghost.classList.remove('selected');
  ghost.style.left = '0';
  ghost.style.top = '0';
  ghost.style.width = `${rect.width}px`;
  ghost.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
  drag.source.classList.add('drag-source');
  return ghost;
}

function isOver(element, x, y) {
  const r = element.getBoundingClientRect();
  return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
}

/**
 * Wires dragging onto the map's elements. The callbacks decide what a gesture means:
 * - onTap(kind, personId): a press without movement ('card' or 'roster');
 * - onDrop({ kind, personId, position, over }): kind 'card' | 'roster' | 'desired', the grid
 *   position under the pointer, and `over` 'grid' | 'roster' | 'outside';
 * - canDrag(): false while the map is read-only (history).
 */
export function enableDragging({ grid, gridWrap, roster, rosterList, labelOf, canDrag, onTap, onDrop }) {
  let drag = null;

  function start(e, kind, personId, source) {
    if (e.button !== 0 || !canDrag()) return;
    drag = { kind, personId, source, pointerId: e.pointerId, x0: e.clientX, y0: e.clientY, moved: false, ghost: null, frame: 0, last: null };
    source.setPointerCapture(e.pointerId);
  }

  function move(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x0, e.clientY - drag.y0) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      drag.ghost = liftGhost(drag, labelOf);
      document.body.append(drag.ghost);
    }
    drag.last = { x: e.clientX, y: e.clientY };
    // One style write per frame, whatever the pointer's event rate.
    if (!drag.frame) drag.frame = requestAnimationFrame(paint);
  }

  function paint() {
    if (!drag) return;
    drag.frame = 0;
    const { x, y } = drag.last;
    drag.ghost.style.transform = `translate(${x - drag.grabX}px, ${y - drag.grabY}px)`;
  }

  function finish() {
    const d = drag;
    drag = null;
    cancelAnimationFrame(d.frame);
    d.ghost?.remove();
    d.source.classList.remove('drag-source');
    return d;
  }

  function end(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const d = finish();
    if (!d.moved) {
      onTap(d.kind, d.personId);
      return;
    }
    const { clientX: x, clientY: y } = e;
    const over = isOver(roster, x, y) ? 'roster' : isOver(gridWrap, x, y) ? 'grid' : 'outside';
    const position = positionFromPoint(x + d.toCentre.x, y + d.toCentre.y, grid.getBoundingClientRect());
    onDrop({ kind: d.kind, personId: d.personId, position, over });
  }

  function cancel(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    const d = finish();
    if (d.moved) onDrop({ kind: d.kind, personId: d.personId, position: null, over: 'outside' });
  }

  grid.addEventListener('pointerdown', (e) => {
    const card = e.target.closest('.map-card');
    const ghost = e.target.closest('.ghost');
    if (card && !card.classList.contains('past')) start(e, 'card', card.dataset.personId, card);
    else if (ghost) start(e, 'desired', ghost.dataset.personId, ghost);
  });
  rosterList.addEventListener('pointerdown', (e) => {
    const item = e.target.closest('.roster-item');
    if (item) start(e, 'roster', item.dataset.personId, item);
  });
  for (const target of [grid, rosterList]) {
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', end);
    target.addEventListener('pointercancel', cancel);
  }

  return {
    /** Whether a card is being dragged now; re-rendering the cards then would drop it. */
    active: () => Boolean(drag?.moved),
  };
}
