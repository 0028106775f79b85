// Pointer dragging on the map (mouse, touch and pen alike): people from the roster onto the
// grid, cards within the grid or back to the roster, and desired-position ghosts.

import { h } from '../lib/dom.js';
import { positionFromPoint } from '../lib/grid-geometry.js';

// A press that moves less than this is a click, not a drag.
const DRAG_THRESHOLD = 4;

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
    drag = {
      kind, personId, source, pointerId: e.pointerId, x0: e.clientX, y0: e.clientY, moved: false, ghost: null, frame: 0, last: null,
      baseTransform: source.style.transform || 'translate(-50%, -50%)',
    };
    source.setPointerCapture(e.pointerId);
  }

  function move(e) {
    if (!drag || e.pointerId !== drag.pointerId) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x0, e.clientY - drag.y0) < DRAG_THRESHOLD) return;
    if (!drag.moved) {
      drag.moved = true;
      if (drag.kind === 'roster') {
        drag.ghost = h('div', { class: 'map-card drag-ghost', 'aria-hidden': 'true' }, labelOf(drag.personId));
        document.body.append(drag.ghost);
      } else {
        drag.source.classList.add('dragging');
      }
    }
    drag.last = { x: e.clientX, y: e.clientY };
    // One style write per frame, whatever the pointer's event rate.
    if (!drag.frame) drag.frame = requestAnimationFrame(paint);
  }

  function paint() {
    if (!drag) return;
    drag.frame = 0;
    const { x, y } = drag.last;
    if (drag.ghost) {
      drag.ghost.style.transform = `translate(${x}px, ${y}px) translate(-50%, -50%)`;
      return;
    }
    // Only a transform changes while dragging: no layout, and no other card is repainted.
    // The real position is set once, on drop.
    drag.source.style.transform = `translate(${x - drag.x0}px, ${y - drag.y0}px) ${drag.baseTransform}`;
  }

  function finish() {
    const d = drag;
    drag = null;
    cancelAnimationFrame(d.frame);
    d.ghost?.remove();
    d.source.classList.remove('dragging');
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
    onDrop({ kind: d.kind, personId: d.personId, position: positionFromPoint(x, y, grid.getBoundingClientRect()), over });
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
