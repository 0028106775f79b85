// The Network view's motion: the force layout, the slices of time that tick it, the frames that
// draw it, and the picture at rest, which pan and zoom move about as it is (a CSS transform of
// the canvas: WebKit moves it, no script draws) until the view stops and it is drawn afresh.
//
// The core lays the network out at rest (core/src/network/layout.rs, with these same forces), so
// a network opened whole is drawn still at once. From there, the layout here moves it: on to rest
// after a filter or an edit, and about a person being dragged. It ticks in short slices of its
// own between frames, paced to TICKS_PER_SECOND, so a small change settles in under a second and
// a big one as fast as the machine ticks, using the time the page would otherwise wait for its
// compositor; frames only draw. Only while the layout moves or the user pans, zooms or drags
// does anything run; idle, nothing runs. A slow drawing (big graph, no GPU) is made less often
// while the layout moves.

import { fitTransform, linkDistance, nodeRadius, ticksDue } from '../lib/network-graph.js';
import { forceCenter, forceCollide, forceLink, forceManyBody, forceSimulation } from '../vendor/d3/d3-force.js';
import { LABEL_SCALE, copyTransform, drawScene, readColours } from './network-canvas.js';

const FIT_PADDING = { top: 30, right: 30, bottom: 30, left: 30 };
const FIT_MAX_SCALE = 1.6;
const LABEL_ROOM = 150; // px right of the picture for names, when fitting shows them
export const FRAME_MS = 1000 / 60;
export const TICKS_PER_SECOND = 150;
const SLICE_MS = 10; // the longest a slice of ticks holds the page, so input is never kept waiting
// The picture is drawn on the CPU (a canvas WebKit does not accelerate). Where compositing runs on
// a software GL (no GPU), an accelerated canvas made every drawing of 1,000 people several times
// slower: panning's frames took p50 97–104 ms against 28–29 ms, and the layout settled seconds
// later (the README's figures, from the network_view bench). Without compositing it is the same.
const CANVAS_OPTIONS = { willReadFrequently: true };
export const QUICK_MS = 150; // how long after the last pan or zoom the picture is drawn afresh
// The layout cools to rest in this many ticks from a cold start (d3's default is 300). Measured
// on 1,000 people and 3,000 links: the same spread, link lengths and no overlaps as after 300,
// in 40 % of the time.
export const SETTLE_TICKS = 120;

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
    ticking: null, // { since, done, timer }: the slices of ticks under way, since when and how many
    lastDrawAt: 0,
    lastDrawCost: 0, // ms the last full drawing took, or its frame if that was longer
    drewAt: 0, // when the frame that drew began, until the next frame measures it
    rest: null, // { t }: the canvas holds the picture at rest, drawn in view t
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
    clearTimeout(state.ticking?.timer);
    state.ticking = null; // the next layout's ticks are paced from its own start
    forget();
    state.settled = false;
  }

  /**
   * Lays out the scene's people, `from` a 'cold' start, a 'warm' one (cooler, as they mostly
   * have places already) or 'rest': the places they have are the layout at rest (the core lays
   * the network out), so nothing moves until a person is dragged.
   */
  function start(from) {
    // Built stopped: the slices below tick it, so there is never a second timer running.
    state.sim = forceSimulation(scene.nodes)
      .force('link', forceLink(scene.links).id((d) => d.id).distance(linkDistance))
      .force('charge', forceManyBody().strength(-140).distanceMax(600).theta(1.2))
      .force('center', forceCenter(0, 0))
      .force('collide', forceCollide((d) => nodeRadius(d) + 3).iterations(1))
      .stop();
    state.sim.alphaDecay(1 - (state.sim.alphaMin() / state.sim.alpha()) ** (1 / SETTLE_TICKS));
    if (from === 'warm') state.sim.alpha(0.3);
    if (from === 'rest') state.sim.alpha(0);
  }

  /** Ticks the layout to rest at once (no animation) and marks it settled. */
  function finish() {
    const { sim } = state;
    if (!sim) return;
    if (sim.alpha() >= sim.alphaMin()) {
      sim.tick(Math.ceil(Math.log(sim.alphaMin() / sim.alpha()) / Math.log(1 - sim.alphaDecay())));
    }
    settle();
  }

  function settle() {
    if (state.settled) return;
    state.settled = true;
    if (scene.autoFit) fit();
    onSettled();
  }

  /** Asks for a frame, and for ticks while the layout moves. */
  function schedule() {
    if (state.destroyed) return;
    if (!state.frame) state.frame = requestAnimationFrame(step);
    if (moving() && !state.ticking) {
      state.ticking = { since: now(), done: 0, timer: 0 };
      nextSlice(0);
    }
  }

  function nextSlice(wait) {
    state.ticking.timer = setTimeout(slice, wait);
  }

  /** Ticks what is due by now, for SLICE_MS at most, then asks for a frame to show it. */
  function slice() {
    const { ticking } = state;
    if (state.destroyed || !ticking) return;
    const started = now();
    let due = ticksDue(started - ticking.since, ticking.done, TICKS_PER_SECOND);
    while (due > 0 && moving() && now() - started < SLICE_MS) {
      state.sim.tick();
      ticking.done += 1;
      due -= 1;
    }
    if (!moving()) {
      state.ticking = null;
      settle();
    } else {
      // Behind: go on as soon as the page has had its turn (frames, input); ahead: wait for the next tick.
      nextSlice(due > 0 ? 0 : 1000 / TICKS_PER_SECOND);
    }
    if (!state.frame) state.frame = requestAnimationFrame(step);
  }

  function step(at) {
    state.frame = 0;
    if (state.destroyed) return;
    if (!state.settled && reducedMotion()) finish(); // the setting changed while it was moving
    const again = moving();
    // A drawing's cost shows in its frame too: a GPU-less compositor paints after the script.
    if (state.drewAt) state.lastDrawCost = Math.max(state.lastDrawCost, at - state.drewAt - FRAME_MS);
    state.drewAt = 0;
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
  }

  /** Remembers that the canvas holds the picture at rest, to move about while the user pans or zooms. */
  function keepRest() {
    state.rest = canvas.width && canvas.height && !canvas.hidden ? { t: { ...scene.transform } } : null;
  }

  /** Moves the canvas as it is by `css` (a CSS transform; '' puts it back). */
  function shift(css) {
    canvas.style.transform = css;
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
    if (canvas.style.transform) shift(''); // drawn in the view it shows: no longer moved by CSS
    if (pixelRatio() !== scene.size.dpr) resize(); // moved to another screen
    if (!scene.size.width || !scene.size.height || canvas.hidden) return;
    state.colours ??= colourSource();
    drawScene(canvas.getContext('2d', CANVAS_OPTIONS), scene, state.colours, label);
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
      clearTimeout(state.ticking?.timer);
      state.ticking = null;
      if (state.frame) cancelAnimationFrame(state.frame);
      state.frame = 0;
      state.sim?.stop();
      state.sim = null;
    },
  };
}
