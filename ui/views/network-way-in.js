// "Find a way in": choose someone, ask the app for the best intro paths to them, and pick which
// one the picture draws on top. The panel's state, what it renders, and the asking.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { pathText } from '../lib/link-words.js';
import { peopleInOrder, waysFoundText } from '../lib/network-graph.js';
import { labelFor } from '../lib/presenting.js';

const NO_WAY = 'No way in yet: link someone you know to them, or log an interaction with someone close to them.';

/** The panel's state: whom to reach, their paths (best first) and which is drawn (-1: none). */
export function wayInState() {
  return {
    target: '',
    ways: [],
    chosen: -1,
    findNo: 0, // only the newest answer about ways in may change what is shown
    listedWays: null, // the `ways` the list's buttons were made for
    names: new Map(), // person id -> person, for the paths' words
    destroyed: false,
  };
}

/** What the list of paths holds for `state`: nothing, a "no way in" line, or a button per path. */
export function waysItems(state, nameOf, choose) {
  if (!state.target) return [];
  if (!state.ways.length) return [h('li', { class: 'muted network-no-way' }, NO_WAY)];
  return state.ways.map((p, i) => h('li', {}, h('button', {
    type: 'button', class: 'network-path', 'aria-pressed': String(i === state.chosen), onclick: () => choose(i),
  }, pathText(p, nameOf))));
}

/** The choices of whom to reach: the people of the map (whatever the filters), in name order. */
export function targetOptions(people, shownAs) {
  return [h('option', { value: '' }, 'Choose someone…'), people.map((p) => h('option', { value: p.id }, shownAs(p)))];
}

const errorItem = (text) => h('li', { class: 'form-error', role: 'alert' }, text);

/**
 * The panel. `onChoose(path)` runs whenever the path drawn changes (undefined: none), so the
 * view can draw it; `shownAs(person)` is what the list calls someone.
 */
export function createWayIn({ api, shownAs, onChoose }) {
  const state = wayInState();
  const nameOf = (id) => (state.names.has(id) ? labelFor(state.names.get(id)) : 'someone');

  const targetSelect = h('select', { id: 'network-target' }, h('option', { value: '' }, 'Choose someone…'));
  const findButton = h('button', { type: 'button', id: 'network-find-go' }, 'Find a way in');
  const pathList = h('ol', { id: 'network-paths', class: 'network-paths', 'aria-label': 'Ways in, best first' });
  const pathHidden = h('p', { id: 'network-path-hidden', class: 'muted small', hidden: true },
    'Some people on this path are hidden by the filters.');
  const clearButton = h('button', { type: 'button', id: 'network-path-clear', hidden: true }, 'Clear');
  const el = h('section', { id: 'network-find', class: 'network-find', 'aria-labelledby': 'network-find-title' },
    h('h2', { id: 'network-find-title' }, 'Find a way in'),
    h('label', { for: 'network-target' }, 'Who to reach'),
    h('div', { class: 'network-find-row' }, targetSelect, findButton),
    pathList, pathHidden, clearButton);

  function renderWays() {
    if (!state.target || !state.ways.length) state.listedWays = null;
    if (state.target && state.ways.length && state.listedWays === state.ways) {
      // The same paths: only which is pressed changes, so focus stays on the button just pressed.
      pathList.querySelectorAll('.network-path').forEach((b, i) => b.setAttribute('aria-pressed', String(i === state.chosen)));
      return;
    }
    if (state.target && state.ways.length) state.listedWays = state.ways;
    replaceChildren(pathList, waysItems(state, nameOf, choose));
  }

  /** Draws path `i` (-1: none). */
  function choose(i) {
    state.chosen = state.ways[i] ? i : -1;
    renderWays();
    onChoose(state.ways[state.chosen]);
  }

  function forget() {
    state.findNo += 1;
    state.target = '';
    state.ways = [];
    state.chosen = -1;
  }

  /**
   * Offers the people of `nodes` to choose from. A target no longer among them is dropped (true
   * is returned): a path to someone the picture cannot choose would only confuse.
   */
  function fillTargets(nodes) {
    const people = peopleInOrder(nodes);
    replaceChildren(targetSelect, targetOptions(people, shownAs));
    el.hidden = people.length === 0;
    let dropped = false;
    if (state.target && !people.some((p) => p.id === state.target)) {
      forget();
      renderWays();
      dropped = true;
    }
    targetSelect.value = state.target;
    return dropped;
  }

  /** Finds the ways in to whoever is chosen in the select. */
  async function find() {
    const id = targetSelect.value;
    const mine = ++state.findNo;
    state.target = id;
    if (!id) {
      state.ways = [];
      choose(-1);
      return;
    }
    let found;
    try {
      found = (await api.introPaths(id)) ?? [];
      // Someone on a path can be off the chosen map; their name still has to read right.
      if (found.some((p) => p.steps.some((st) => !state.names.has(st.person_id)))) {
        const people = await api.listPeople('').catch(() => []);
        for (const p of people) state.names.set(p.id, p);
      }
    } catch (err) {
      if (mine !== state.findNo || state.destroyed) return;
      state.ways = [];
      choose(-1);
      replaceChildren(pathList, errorItem(err.message ?? String(err)));
      return;
    }
    if (mine !== state.findNo || state.destroyed) return;
    state.ways = found;
    choose(state.ways.length ? 0 : -1);
    announce(waysFoundText(state.ways.length, nameOf(id)));
  }

  function clear() {
    choose(-1);
    // The Clear button hides itself; focus goes back to the paths so one can be drawn again.
    (pathList.querySelector('.network-path') ?? targetSelect).focus();
  }

  targetSelect.addEventListener('change', () => find());
  findButton.addEventListener('click', () => find());
  clearButton.addEventListener('click', () => clear());

  return {
    el,
    state,
    nameOf,
    fillTargets,
    renderWays,
    choose,
    /** Learns the names of the people of a graph, for the paths' words. */
    learn(nodes) {
      for (const n of nodes) if (!n.me) state.names.set(n.id, n);
    },
    /** Chooses `id` and finds the ways in to them. */
    findTo(id) {
      targetSelect.value = id;
      return find();
    },
    /** Asked for someone not in the network at all. */
    notFound() {
      forget();
      targetSelect.value = '';
      choose(-1);
      replaceChildren(pathList, errorItem('That person is not in the network.'));
    },
    /** The path drawn, or undefined. */
    path: () => state.ways[state.chosen],
    /** The drawn path in words, or ''. */
    pathWords: () => (state.ways[state.chosen] ? pathText(state.ways[state.chosen], nameOf) : ''),
    /** Shows the Clear button with a path, and the note when some of its people are filtered out. */
    showPath(shown, hidden) {
      clearButton.hidden = !shown;
      pathHidden.hidden = !shown || hidden === 0;
    },
    /** The words of every path change (presenting): list them afresh. */
    reword() {
      state.listedWays = null;
      renderWays();
    },
    destroy() {
      state.destroyed = true;
    },
  };
}
