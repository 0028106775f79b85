// The Network view's motion: the force layout, the one frame loop that ticks and draws it, and
// the picture at rest, which pan and zoom move about as it is (a CSS transform of the canvas:
// WebKit moves it, no script draws) until the view stops and it is drawn afresh.
//
// The loop only runs while the layout moves or the user pans, zooms or drags; idle, nothing runs.
// A slow drawing (big graph, no GPU) is made less often while the layout moves.

import { fitTransform, linkDistance, nodeRadius, ticksWanted } from '../lib/network-graph.js';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from '../vendor/d3/d3-force.js';
import { LABEL_SCALE, copyTransform, drawScene, readColours } from './network-canvas.js';

const FIT_PADDING = { top: 30, right: 30, bottom: 30, left: 30 };
const FIT_MAX_SCALE = 1.6;
const LABEL_ROOM = 150; // px right of the picture for names, when fitting shows them
export const FRAME_MS = 1000 / 60;
const MAX_TICKS_PER_FRAME = 8;
const TICK_BUDGET_MS = 40;
const SLOW_DRAW_MS = 8; // a drawing slower than this is "slow": the layout then ticks for a time budget
const SLOW_TICK_BUDGET_MS = 24;
export const QUICK_MS = 150; // how long after the last pan or zoom the picture is drawn afresh

/**
 * The motion of `scene` drawn on `canvas`. `label(node)` names a person; `onSettled()` runs when
 * the layout comes to rest. The rest is injected so tests can run it without a browser.
 */
export function createMotion({
  canvas, scene, label, reducedMotion, onSettled = () => {},
  pixelRatio = () => window.devicePixelRatio || 1,
  colourSource = () => readColours(getComputedStyle(document.documentElement)),
  now = () => performance.now(),
}) {
  const state = {
    sim: null,
    settled: false,
    frame: 0,
    lastFrameAt: 0, // when the previous frame of a running animation began
    lastDrawAt: 0,
    lastDrawCost: 0, // ms the last full drawing took, or its frame if that was longer
    drewAt: 0, // when the frame that drew began, until the next frame measures it
    rest: null, // { t }: the canvas holds the picture at rest, drawn in view t
    shifted: false, // the canvas is moved by a CSS transform, not drawn in the view it shows
    quick: false, // while panning or zooming a picture at rest: move it instead of drawing
    quickTimer: 0,
    colours: null,
    destroyed: false,
  };

  const moving = () => state.sim !== null && (state.sim.alpha() >= state.sim.alphaMin() || state.sim.alphaTarget() > 0);

  /** Forgets the picture at rest: the next drawing is made afresh. */
  function forget() {
    state.rest = null;
    state.quick = false;
  }

  /** Stops the layout before the scene's people change. */
  function stop() {
    state.sim?.stop();
    forget();
    state.settled = false;
  }

  /** Lays out the scene's people; `warm` starts it cooler, as they mostly have places already. */
  function start(warm) {
    // Built stopped: the frame loop ticks it, so there is never a second timer running.
    state.sim = forceSimulation(scene.nodes)
      .force('link', forceLink(scene.links).id((d) => d.id).distance(linkDistance))
      .force('charge', forceManyBody().strength(-140).distanceMax(600).theta(1.2))
      .force('center', forceCenter(0, 0))
      .force('collide', forceCollide((d) => nodeRadius(d) + 3).iterations(1))
      .stop();
    if (warm) state.sim.alpha(0.3);
  }

  /** Ticks the layout to rest at once (no animation) and marks it settled. */
  function finish() {
    const { sim } = state;
    if (!sim) return;
    const left = Math.ceil(Math.log(sim.alphaMin() / sim.alpha()) / Math.log(1 - sim.alphaDecay()));
    if (left > 0) sim.tick(left);
    settle();
  }

  function settle() {
    if (state.settled) return;
    state.settled = true;
    if (scene.autoFit) fit();
    onSettled();
  }

  function schedule() {
    if (!state.frame && !state.destroyed) state.frame = requestAnimationFrame(step);
  }

  function step(at) {
    state.frame = 0;
    if (state.destroyed) return;
    if (!state.settled && reducedMotion()) finish(); // the setting changed while it was moving
    let again = false;
    // A drawing's cost shows in its frame too: a GPU-less compositor paints after the script.
    if (state.drewAt) state.lastDrawCost = Math.max(state.lastDrawCost, at - state.drewAt - FRAME_MS);
    state.drewAt = 0;
    if (moving()) {
      const started = now();
      if (state.lastDrawCost < SLOW_DRAW_MS) {
        const wanted = ticksWanted(state.lastFrameAt ? at - state.lastFrameAt : FRAME_MS, FRAME_MS, MAX_TICKS_PER_FRAME);
        for (let i = 0; i < wanted && moving() && now() - started < TICK_BUDGET_MS; i += 1) state.sim.tick();
      } else {
        // Drawing is slow: tick for most of a frame instead, so the layout still settles in seconds.
        do state.sim.tick(); while (moving() && now() - started < SLOW_TICK_BUDGET_MS);
      }
      again = moving();
      if (!again) settle();
    }
    state.lastFrameAt = again ? at : 0;
    if (state.quick && state.rest && !again) {
      shift(copyTransform(state.rest.t, scene.transform));
    } else if (!again || at - state.lastDrawAt >= state.lastDrawCost * 3) {
      // While the layout moves, a slow drawing is made at most a quarter of the time.
      if (scene.autoFit) fit();
      const started = now();
      draw();
      state.lastDrawCost = now() - started;
      state.lastDrawAt = at;
      if (again) state.drewAt = at;
      if (!again && !scene.held) keepRest();
    }
    if (again) schedule();
  }

  /** Remembers that the canvas holds the picture at rest, to move about while the user pans or zooms. */
  function keepRest() {
    state.rest = canvas.width && canvas.height && !canvas.hidden ? { t: { ...scene.transform } } : null;
  }

  /** Moves the canvas as it is by `css` (a CSS transform; '' puts it back). */
  function shift(css) {
    canvas.style.transform = css;
    state.shifted = css !== '';
  }

  function resize() {
    const dpr = pixelRatio();
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    scene.size = { width, height, dpr };
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
  }

  function draw() {
    if (state.shifted) shift(''); // drawn in the view it shows: no longer moved
    if (pixelRatio() !== scene.size.dpr) resize(); // moved to another screen
    if (!scene.size.width || !scene.size.height || canvas.hidden) return;
    state.colours ??= colourSource();
    drawScene(canvas.getContext('2d'), scene, state.colours, label);
  }

  /** Fits the view to everyone, or to the way in when that is what fitting shows. */
  function fit() {
    const { width, height } = scene.size;
    if (!width || !height) return;
    const shown = scene.fitPath && scene.pathView?.nodes.length ? scene.pathView.nodes : scene.nodes;
    scene.transform = fitTransform(shown, width, height, FIT_PADDING, FIT_MAX_SCALE);
    // Names show when close enough, and always on a path: leave room for them on the right.
    if (scene.transform.k >= LABEL_SCALE || shown !== scene.nodes) {
      scene.transform = fitTransform(shown, width, height, { ...FIT_PADDING, right: LABEL_ROOM }, FIT_MAX_SCALE);
    }
  }

  /** The user moved the view: a picture at rest moves as it is until they stop. */
  function moveView(next) {
    scene.transform = next;
    scene.autoFit = false;
    if (state.settled && !moving() && state.rest) {
      state.quick = true;
      clearTimeout(state.quickTimer);
      state.quickTimer = setTimeout(() => { state.quick = false; schedule(); }, QUICK_MS);
    }
    schedule();
  }

  return {
    state,
    moving,
    start,
    stop,
    finish,
    schedule,
    fit,
    moveView,
    /** Keeps the layout warm while a person is dragged (0: let it cool). */
    warm: (alpha) => state.sim?.alphaTarget(alpha),
    /** The canvas changed size: drawn now rather than next frame, as a blank frame would flash. */
    resized() {
      resize();
      forget();
      if (scene.autoFit) fit();
      draw();
    },
    /** Something drawn changed (words, colours): draw afresh, not from the copy. */
    redraw({ colours = false } = {}) {
      if (colours) state.colours = null;
      forget();
      schedule();
    },
    destroy() {
      state.destroyed = true;
      clearTimeout(state.quickTimer);
      if (state.frame) cancelAnimationFrame(state.frame);
      state.frame = 0;
      state.sim?.stop();
      state.sim = null;
    },
  };
}
