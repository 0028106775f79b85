// What the pointer and the keys do to the Network picture: drag the background to pan, drag a
// person to pull them about, click a person to open them, scroll to zoom, arrows and + − 0.

import { keyMove, nodeAt, panBy, screenToWorld, wheelZoom, zoomAt } from '../lib/network-graph.js';

const CLICK_SLOP = 4; // screen px a pointer may move and still make a click
const HIT_SLOP = 4; // screen px around a node that still count as on it
const PAN_STEP = 60;
const ZOOM_STEP = 1.25;
const DRAG_ALPHA = 0.3; // how warm the layout is kept while a person is dragged

/**
 * Listens on `canvas` for the user's gestures over `scene`, moving it through `motion`;
 * `openPerson(id)` opens someone clicked. Returns the gesture state and `zoomKey(key)`, which
 * the view also uses for keys pressed elsewhere in it and for its Fit button.
 */
export function attachGestures({ canvas, scene, motion, reducedMotion, openPerson }) {
  const state = { gesture: null }; // { pointerId, node, start, last, moved } while a pointer is down

  const centre = () => ({ x: scene.size.width / 2, y: scene.size.height / 2 });
  // Measured from the canvas's frame: the canvas itself is moved while a picture at rest pans.
  const pointIn = (e) => {
    const box = (canvas.parentElement ?? canvas).getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const hitTest = (p) => {
    const w = screenToWorld(scene.transform, p);
    return nodeAt(scene.nodes, w.x, w.y, HIT_SLOP / scene.transform.k);
  };

  function setHovered(node) {
    if (node === scene.hovered) return;
    scene.hovered = node;
    canvas.classList.toggle('network-over-person', Boolean(node));
    motion.schedule();
  }

  function press(e) {
    if (state.gesture || e.button !== 0) return;
    const p = pointIn(e);
    state.gesture = { pointerId: e.pointerId, node: hitTest(p), start: p, last: p, moved: false };
    scene.held = state.gesture.node;
    canvas.setPointerCapture(e.pointerId);
    canvas.focus({ preventScroll: true });
    e.preventDefault();
  }

  function move(e) {
    const p = pointIn(e);
    const { gesture } = state;
    if (!gesture) { setHovered(hitTest(p)); return; }
    if (e.pointerId !== gesture.pointerId) return;
    if (!gesture.moved) {
      if (Math.hypot(p.x - gesture.start.x, p.y - gesture.start.y) < CLICK_SLOP) return;
      gesture.moved = true;
      canvas.classList.add('network-dragging');
      if (gesture.node && !reducedMotion()) motion.warm(DRAG_ALPHA);
    }
    if (gesture.node) {
      const w = screenToWorld(scene.transform, p);
      gesture.node.fx = w.x;
      gesture.node.fy = w.y;
      gesture.node.x = w.x;
      gesture.node.y = w.y;
      scene.autoFit = false;
      motion.schedule();
    } else {
      motion.moveView(panBy(scene.transform, p.x - gesture.last.x, p.y - gesture.last.y));
    }
    gesture.last = p;
  }

  function end(e, cancelled) {
    const { gesture } = state;
    if (!gesture || e.pointerId !== gesture.pointerId) return;
    const { node, moved } = gesture;
    state.gesture = null;
    scene.held = null;
    canvas.classList.remove('network-dragging');
    if (node && moved) {
      node.fx = null;
      node.fy = null;
      motion.warm(0);
      motion.schedule();
    } else if (!cancelled && !moved && node && !node.me) {
      openPerson(node.id);
    }
  }

  /** The keys that zoom and fit; false for any other key. */
  function zoomKey(key) {
    const action = keyMove(key, PAN_STEP, ZOOM_STEP);
    if (action?.zoom) {
      motion.moveView(zoomAt(scene.transform, action.zoom, centre()));
    } else if (action?.fit) {
      scene.autoFit = true;
      scene.fitPath = false;
      motion.fit();
      motion.schedule();
    } else {
      return false;
    }
    return true;
  }

  canvas.addEventListener('pointerdown', press);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', (e) => end(e, false));
  canvas.addEventListener('pointercancel', (e) => end(e, true));
  canvas.addEventListener('pointerleave', () => { if (!state.gesture) setHovered(null); });
  canvas.addEventListener('wheel', (e) => {
    e.preventDefault();
    motion.moveView(zoomAt(scene.transform, wheelZoom(e.deltaY, e.deltaMode, scene.size.height), pointIn(e)));
  }, { passive: false });
  canvas.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const pan = keyMove(e.key, PAN_STEP, ZOOM_STEP)?.pan;
    if (pan) motion.moveView(panBy(scene.transform, pan[0], pan[1]));
    else if (!zoomKey(e.key)) return;
    e.preventDefault(); // the app's own shortcuts skip keys a view has used
  });

  return { state, zoomKey, setHovered };
}
