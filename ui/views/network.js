// The Network view: everyone and how they connect (reports to, influences, close with…), laid out
// by a force simulation and drawn on a canvas. A list of buttons carries the same people for
// keyboard and screen-reader users. "Find a way in" asks for the best intro paths to someone and
// draws the chosen one on top of the picture, everything else dimmed.
//
// This module loads the graph, applies the filters and ties the parts together: the renderer
// (network-canvas.js), the frame loop (network-motion.js: idle, it does no work; slow drawings
// are made less often; pan and zoom move a copy at rest), the gestures, the way-in panel and the list.

import { h, replaceChildren } from '../lib/dom.js';
import {
  departmentsOf, drawingGroups, filterGraph, hiddenOnPath, keepPositions, levelLabel, levelsOf, linkStyle, pictureLabel,
  resolvePath, statusText,
} from '../lib/network-graph.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { paramFromHash, personHash } from '../lib/router.js';
import { createScene } from './network-canvas.js';
import { attachGestures } from './network-gestures.js';
import { networkLayout } from './network-layout.js';
import { createPeopleList } from './network-list.js';
import { createMotion } from './network-motion.js';
import { createWayIn } from './network-way-in.js';

const openPerson = (id) => { location.hash = personHash(id); };

// What the picture, the list and the paths call someone: their name, or what presenting shows.
const shownAs = (n) => (n.me ? (n.name ?? '') : labelFor(n));

export function mountNetwork({ api }) {
  const motionQuery = matchMedia('(prefers-reduced-motion: reduce)');
  const schemeQuery = matchMedia('(prefers-color-scheme: dark)');
  const reducedMotion = () => motionQuery.matches;

  let graph = { nodes: [], links: [], people: 0 }; // as fetched, before department/level filters
  let pending = paramFromHash(location.hash); // a person to find a way to once the graph is in
  let loading = false;
  let loadNo = 0; // replies can arrive out of order; only the newest may change what is shown
  let destroyed = false;

  const scene = createScene();
  const wayIn = createWayIn({ api, shownAs, onChoose: (path) => showPath(path) });
  const list = createPeopleList({ shownAs, openPerson });
  const {
    el, title, mapSelect, departmentSelect, levelSelect, fitButton, canvas, empty, status,
  } = networkLayout({ finder: wayIn.el, list: list.el });
  const motion = createMotion({
    canvas, scene, label: shownAs, reducedMotion, onSettled: () => { el.dataset.settled = 'true'; },
  });
  const gestures = attachGestures({ canvas, scene, motion, reducedMotion, openPerson });

  // ---------- loading ----------

  async function loadMaps() {
    try {
      const maps = await api.listMaps();
      if (destroyed) return;
      const chosen = mapSelect.value;
      replaceChildren(mapSelect, h('option', { value: '' }, 'All people'),
        maps.map((m) => h('option', { value: m.id }, m.name)));
      mapSelect.value = maps.some((m) => m.id === chosen) ? chosen : '';
    } catch {
      // Without the maps, "All people" still works; the graph's own load reports errors.
    }
  }

  /** Reads the graph again; `focus`, a person to find a way to, is drawn whoever else is. */
  async function loadGraph(focus = null) {
    const mine = ++loadNo;
    el.dataset.settled = 'false';
    loading = true;
    let loaded;
    try {
      loaded = await api.networkGraph(mapSelect.value || null, focus);
    } catch (err) {
      if (mine !== loadNo || destroyed) return;
      loading = false;
      status.textContent = err.message ?? String(err);
      status.classList.add('form-error');
      return;
    }
    if (mine !== loadNo || destroyed) return;
    loading = false;
    status.classList.remove('form-error');
    graph = { nodes: loaded?.nodes ?? [], links: loaded?.links ?? [], people: loaded?.people ?? 0, focus, map: mapSelect.value };
    wayIn.learn(graph.nodes);
    fillSelect(departmentSelect, 'Any department', departmentsOf(graph), (d) => d);
    fillSelect(levelSelect, 'Any level', levelsOf(graph), levelLabel);
    fillTargets();
    rebuild();
    if (pending) {
      const id = pending;
      pending = null;
      openTarget(id);
    }
  }

  function fillSelect(select, anyText, values, labelOf) {
    const chosen = select.value;
    replaceChildren(select, h('option', { value: '' }, anyText), values.map((v) => h('option', { value: v }, labelOf(v))));
    select.value = values.includes(chosen) ? chosen : '';
  }

  function fillTargets() {
    if (wayIn.fillTargets(graph.nodes)) scene.fitPath = false;
  }

  // ---------- what is shown ----------

  /** Shows the graph through the filters, starting the layout again. */
  function rebuild() {
    motion.stop();
    const shown = filterGraph(graph, { department: departmentSelect.value, level: levelSelect.value });
    const before = new Set(scene.nodes.map((n) => n.id));
    scene.nodes = keepPositions(shown.nodes, scene.nodes);
    scene.links = shown.links.map((l) => ({ ...l, source: l.from, target: l.to, style: linkStyle(l) }));
    scene.me = scene.nodes.find((n) => n.me) ?? null;
    Object.assign(scene, drawingGroups(scene.nodes, scene.links));
    scene.hovered = null;
    scene.autoFit = true;
    el.dataset.settled = 'false';

    const hasPeople = graph.nodes.some((n) => !n.me);
    empty.hidden = hasPeople;
    canvas.hidden = !hasPeople;
    fitButton.disabled = !hasPeople;
    el.dataset.nodes = String(hasPeople ? scene.nodes.length : 0);
    applyPath();
    list.render(scene.nodes, scene.links);
    status.textContent = statusText(hasPeople, scene.nodes, scene.links, graph);
    describeCanvas();

    // The core lays the whole graph out at rest: shown whole, with no one where an earlier
    // picture had them, it is drawn still; from where people were, or through a filter, it
    // moves on to rest from there.
    const placed = scene.nodes.every((n) => Number.isFinite(n.x) && Number.isFinite(n.y));
    const fresh = !scene.nodes.some((n) => before.has(n.id));
    const whole = shown.nodes.length === graph.nodes.length;
    const from = !placed ? 'cold' : fresh && whole ? 'rest' : 'warm';
    motion.start(from);
    if (from === 'rest' || !hasPeople || scene.nodes.length <= 1 || reducedMotion()) motion.finish();
    motion.fit();
    motion.schedule();
  }

  /** Shows the way in to `id`, as asked by the address (#/network/<id>); waits for the graph. */
  function openTarget(id) {
    if (loading) { pending = id; return; }
    if (!graph.nodes.some((n) => n.id === id && !n.me)) {
      if (mapSelect.value) {
        // Not on the chosen map: show everyone, then find them.
        pending = id;
        mapSelect.value = '';
        loadGraph(id);
        return;
      }
      if (graph.focus !== id && graph.people > graph.nodes.filter((n) => !n.me).length) {
        // Not among the nearest of a network too large to draw whole: drawn with the ways in.
        pending = id;
        loadGraph(id);
        return;
      }
      wayIn.notFound();
      return;
    }
    wayIn.findTo(id);
  }

  /** A path was chosen in the panel (undefined: none): draw it, fitting the view unless the user moved it. */
  function showPath(path) {
    scene.fitPath = Boolean(path);
    applyPath();
    if (scene.autoFit) motion.fit();
    motion.schedule();
  }

  /** Resolves the chosen path against the current picture; after a new path, or new nodes. */
  function applyPath() {
    const path = wayIn.path();
    scene.pathView = resolvePath(path, scene.nodes, scene.links);
    wayIn.showPath(Boolean(path), path ? hiddenOnPath(path, scene.nodes).length : 0);
    if (path) el.dataset.path = path.steps.map((st) => st.person_id).join(',');
    else delete el.dataset.path;
    describeCanvas();
  }

  function describeCanvas() {
    canvas.setAttribute('aria-label', pictureLabel(status.textContent, wayIn.pathWords()));
  }

  // ---------- events ----------

  fitButton.addEventListener('click', () => gestures.zoomKey('0'));
  mapSelect.addEventListener('change', () => loadGraph());
  departmentSelect.addEventListener('change', () => rebuild());
  levelSelect.addEventListener('change', () => rebuild());

  // The canvas, not the stage: it also resizes from nothing when the empty state gives way to it.
  const resize = new ResizeObserver(() => motion.resized());
  resize.observe(canvas);

  const onScheme = () => motion.redraw({ colours: true });
  schemeQuery.addEventListener('change', onScheme);
  const stopPresenting = onPresentingChange(() => {
    if (loading) return; // drawn with the current mode once the graph is in
    fillTargets();
    list.render(scene.nodes, scene.links);
    wayIn.reword(); // the paths' words change
    describeCanvas();
    motion.redraw();
  });

  loadMaps();
  loadGraph(pending); // the address's person, if any, is drawn whoever else is

  return {
    el,
    focusTitle: () => title.focus(),
    handle: () => false,
    /** #/network/<person id> while the view is open: show the way in to them. */
    open(param) {
      if (param) openTarget(param);
    },
    keydown(e) {
      if (document.activeElement?.tagName === 'SELECT') return false; // a select's own typing
      return gestures.zoomKey(e.key);
    },
    destroy() {
      destroyed = true;
      loadNo += 1;
      wayIn.destroy();
      motion.destroy();
      resize.disconnect();
      schemeQuery.removeEventListener('change', onScheme);
      stopPresenting();
    },
  };
}
