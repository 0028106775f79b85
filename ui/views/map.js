// The Map view: a power/interest grid per goal. People are dragged (mouse, touch or pen) from
// the roster onto the grid, moved with the keyboard, or sent to a quadrant from the card panel.
// This module holds the view's state, loads maps and wires its parts together.

import { withSupport } from '../lib/ask-format.js';
import { paramFromHash, personHash } from '../lib/router.js';
import { announce, h, isolate, replaceChildren } from '../lib/dom.js';
import { keyLabel, undoHint } from '../lib/shortcuts.js';
import { chooseMap, createMapState, mapGroups } from '../lib/map-model.js';
import { onPresentingChange, presentingMode, setPresentingMode } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';
import { createPlacementChanges } from './map-changes.js';
import { enableDragging } from './map-drag.js';
import { exportMap } from './map-export.js';
import { mapForm as buildMapForm } from './map-form.js';
import { createGrid } from './map-grid.js';
import { createTimeline } from './map-history.js';
import { createRoster } from './map-roster.js';
import { createRoundStrip } from './map-round.js';
import { createSidePanel } from './map-side-panel.js';

const LABEL_MODES = [['names', 'Names'], ['initials', 'Initials'], ['roles', 'Roles']];

/** The header: the map select, New and Edit, and the tools (zoom, labels, history, export). */
function headElements(labelMode) {
  const select = h('select', { id: 'map-select', 'aria-label': 'Map' });
  const title = h('h1', { id: 'map-title', tabindex: '-1' }, 'Map');
  const labelSelect = h('select', { id: 'label-mode', 'aria-label': 'Card labels (presenting mode)', title: `Show names, or only initials or roles when sharing your screen (everywhere in Allies; ${keyLabel('mod+shift+p')})` },
    LABEL_MODES.map(([value, text]) => h('option', { value, selected: value === labelMode }, text)));
  const historyButton = h('button', { type: 'button', id: 'history-toggle', 'aria-pressed': 'false' }, 'History');
  const toolbar = h('div', { class: 'map-tools' },
    h('button', { type: 'button', id: 'zoom-out', 'aria-label': 'Zoom out', title: 'Zoom out (-)' }, '−'),
    h('button', { type: 'button', id: 'zoom-fit', title: 'Zoom to fit (0)' }, 'Fit'),
    h('button', { type: 'button', id: 'zoom-in', 'aria-label': 'Zoom in', title: 'Zoom in (+)' }, '+'),
    labelSelect, historyButton,
    h('button', { type: 'button', id: 'export-svg' }, 'Export SVG'),
    h('button', { type: 'button', id: 'export-png' }, 'Export PNG'));
  const head = h('header', { class: 'view-head' }, title, select,
    h('button', { type: 'button', id: 'new-map' }, 'New map'),
    h('button', { type: 'button', id: 'edit-map' }, 'Edit map'),
    h('div', { class: 'spacer' }), toolbar);
  return { head, title, select, labelSelect, historyButton, toolbar };
}

/**
 * `firstAsked` is the promise of the section's first data if it was asked for while this module
 * loaded (the view loader does so, with lib/map-start.js's `firstMapData`): the list of maps and
 * the cards of the map it chose. Otherwise the view asks for the maps, then the cards, itself.
 */
export function mountMap(ctx, _param, firstAsked) {
  const { api } = ctx;
  // The map's own label select is one more handle on the app-wide presenting mode.
  const state = createMapState(presentingMode());
  const { head, title, select, labelSelect, historyButton, toolbar } = headElements(state.labelMode);
  const tool = (id) => head.querySelector(id);

  const historyBar = h('div', { class: 'history-bar', id: 'history-bar', hidden: true });
  const timeline = createTimeline({
    api,
    bar: historyBar,
    onChange: () => { grid.render(); side.render(); },
    onError: (err) => showToast(err.message),
  });
  const roster = createRoster({ api, state, onAdd: addSelectedAtCentre });
  const grid = createGrid({
    state,
    history: () => timeline.state,
    isDragging: () => Boolean(dragging?.active()),
    onSelect: selectCard,
    onMove: (id, position, options) => changes.move(id, position, options),
    onOpen: openPerson,
    onTakeOff: (id) => changes.takeOff(id),
    onShowStack: (ids) => side.showStack(ids),
    focusAfterTakeOff: () => roster.rosterList,
  });
  const side = createSidePanel({
    state,
    timeline,
    handlers: {
      onSelect: selectCard,
      onStance: (card, stance) => changes.changeStance(card, stance),
      onMove: (id, position) => changes.move(id, position, { via: 'menu' }),
      onDesired: (card, desired) => changes.changeDesired(card, desired),
      onOpen: openPerson,
      onTakeOff: (id) => changes.takeOff(id),
      onClose: () => selectCard(null),
    },
  });
  const changes = createPlacementChanges({
    api, state, render,
    runUndo: () => ctx.runUndo(),
    focusCard: (id) => grid.focusCard(id),
  });

  // The countdown to the map's round and who drifted since the last review (map-round.js).
  const round = createRoundStrip({ api, nameOf: (id) => changes.nameOf(id) });
  const body = h('div', { class: 'map-layout' }, roster.roster,
    h('div', { class: 'grid-column' }, round.el, historyBar, grid.gridWrap,
      h('p', { id: 'grid-help', class: 'muted small' },
        `Tab to a card; arrow keys move it (Shift for bigger steps), Enter opens the person, ${keyLabel('delete')} takes them off the map, ${keyLabel('mod+z')} undoes.`)),
    side.side);
  const empty = h('div', { class: 'empty-state', id: 'map-empty', hidden: true });
  const el = h('section', { class: 'view map-view', 'aria-labelledby': 'map-title' }, head, empty, body);

  // ---------- loading ----------

  // Replies can arrive out of order; only the newest load may change what is shown.
  let loadNo = 0;
  let dataMarked = false;
  // The maps and the first map's cards, asked for while this module loaded (lib/map-start.js).
  let askedEarly = firstAsked;

  async function load(mapId) {
    const mine = ++loadNo;
    let first;
    try {
      const asked = askedEarly ?? api.listMaps(true).then((maps) => ({ maps, mapId: null, cards: null }));
      askedEarly = null; // a later load reads the maps again
      first = await asked;
    } catch (err) {
      if (mine !== loadNo) return;
      replaceChildren(empty, h('p', { class: 'form-error', role: 'alert' }, err.message));
      empty.hidden = false;
      body.hidden = true;
      return;
    }
    if (mine !== loadNo) return;
    state.maps = first.maps;
    const previous = state.map?.id;
    state.map = chooseMap(state.maps, mapId, state.map?.id);
    if (state.map?.id !== previous) {
      state.selected = null;
      state.editingMap = false;
      timeline.close();
      syncHistoryButton();
    }
    renderMapChoice();
    if (!state.map) {
      state.placements = [];
      showEmpty();
      return;
    }
    empty.hidden = true;
    empty.replaceChildren(); // its map form would repeat the ids of the one in the side panel
    body.hidden = false;
    toolbar.hidden = false;
    // The cards asked for early are this map's unless the address named another since.
    await loadPlacements(mine, first.mapId === state.map.id ? first.cards : null);
  }

  async function loadPlacements(mine = loadNo, askedEarlier = null) {
    const mapId = state.map.id;
    let loaded;
    try {
      // Who agreed to support this goal, and its forums; the map still shows without them.
      [loaded, state.support] = await (askedEarlier
        ?? Promise.all([api.mapPlacements(mapId), api.mapSupport(mapId).catch(() => null)]));
      loaded = withSupport(loaded, state.support);
    } catch (err) {
      if (mine !== loadNo) return;
      state.placements = [];
      render();
      showToast(err.message);
      return;
    }
    if (mine !== loadNo || state.map?.id !== mapId) return;
    if (!dataMarked) performance.mark('map: data'); // the first answer, for `make bench`
    dataMarked = true;
    state.placements = loaded;
    render();
    if (timeline.state) await timeline.reload();
  }

  function renderMapChoice() {
    replaceChildren(select, mapGroups(state.maps).map(([label, list]) =>
      h('optgroup', { label }, list.map((m) => h('option', { value: m.id, selected: m.id === state.map?.id }, m.name)))));
    select.hidden = state.maps.length === 0;
    tool('#edit-map').hidden = !state.map;
    title.textContent = state.map ? 'Map' : 'Maps';
  }

  function showEmpty() {
    body.hidden = true;
    toolbar.hidden = true;
    empty.hidden = false;
    replaceChildren(empty,
      h('h2', {}, 'Map the people around a goal'),
      h('p', {}, 'Make one map per goal, such as “Promotion to Staff Engineer” or “Project Atlas launch”. Then drag people onto a grid of power and interest to see whom to manage closely, keep satisfied, keep informed or just monitor.'),
      mapForm(null));
    empty.querySelector('input')?.focus();
  }

  function render() {
    if (!state.map) return;
    round.load(state.map.id);
    roster.render();
    grid.render();
    side.render();
  }

  // ---------- the map form (new / edit), archive, delete ----------

  function openMapForm(existing) {
    state.editingMap = true;
    state.selected = null;
    side.show(mapForm(existing));
  }

  function mapForm(existing) {
    return buildMapForm(existing, {
      api,
      onSaved: (saved) => { state.editingMap = false; return load(saved.id); },
      onCancel: state.map ? () => { state.editingMap = false; render(); tool(existing ? '#edit-map' : '#new-map').focus(); } : null,
      onArchive: archive,
      onDelete: removeMap,
    });
  }

  async function archive(m) {
    state.editingMap = false;
    try {
      const saved = await api.archiveMap(m.id, !m.archived);
      showToast(saved.archived ? `Archived ${saved.name}` : `${saved.name} is active again`);
      await load(saved.id);
    } catch (err) { showToast(err.message); }
  }

  async function removeMap(m) {
    try {
      await api.deleteMap(m.id);
    } catch (err) { showToast(err.message); return; }
    state.editingMap = false;
    state.map = null;
    showChange(`Deleted map ${isolate(m.name)}`, ctx.runUndo);
    announce(`Deleted map ${m.name}. ${undoHint()}`);
    await load();
  }

  // ---------- choosing and placing ----------

  function selectCard(personId) {
    state.selected = personId;
    grid.markSelected(personId);
    side.render();
  }

  function openPerson(personId) {
    location.hash = personHash(personId);
  }

  async function addSelectedAtCentre() {
    if (!state.rosterSelected || timeline.state) return false;
    await changes.move(state.rosterSelected, { power: 0.5, interest: 0.5 }, { via: 'keyboard' });
    return true;
  }

  // Pointer dragging (mouse, touch, pen); the drop decides what the gesture meant.
  const dragging = enableDragging({
    grid: grid.grid, gridWrap: grid.gridWrap, roster: roster.roster, rosterList: roster.rosterList,
    labelOf: changes.nameOf,
    canDrag: () => !timeline.state,
    onTap(kind, personId) {
      if (kind === 'card') selectCard(personId === state.selected ? null : personId);
      if (kind === 'roster') roster.choose(personId);
    },
    async onDrop({ kind, personId, position, over }) {
      if (kind === 'card' && over === 'roster') {
        await changes.takeOff(personId);
      } else if (kind === 'desired' && over !== 'outside') {
        const card = state.placements.find((p) => p.person_id === personId);
        if (card) await changes.changeDesired(card, position);
      } else if (over === 'grid') {
        await changes.move(personId, position);
      } else {
        render(); // dropped outside: put the card back where it was
      }
    },
  });

  // ---------- toolbar ----------

  select.addEventListener('change', () => load(select.value));
  tool('#new-map').addEventListener('click', () => openMapForm(null));
  tool('#edit-map').addEventListener('click', () => { if (state.map) openMapForm(state.map); });
  labelSelect.addEventListener('change', () => setPresentingMode(labelSelect.value));
  const stopPresenting = onPresentingChange((mode) => {
    state.labelMode = mode;
    labelSelect.value = mode;
    render();
  });
  tool('#zoom-in').addEventListener('click', () => grid.setZoom(state.zoom * 1.25));
  tool('#zoom-out').addEventListener('click', () => grid.setZoom(state.zoom / 1.25));
  tool('#zoom-fit').addEventListener('click', () => grid.setZoom(1));
  tool('#export-svg').addEventListener('click', () => exportMap(api, state, 'svg'));
  tool('#export-png').addEventListener('click', () => exportMap(api, state, 'png'));

  // ---------- history ----------

  function syncHistoryButton() {
    historyButton.setAttribute('aria-pressed', timeline.state ? 'true' : 'false');
    historyBar.hidden = !timeline.state;
    roster.roster.classList.toggle('disabled', Boolean(timeline.state));
  }

  historyButton.addEventListener('click', async () => {
    if (timeline.state) {
      timeline.close();
      syncHistoryButton();
      render();
      return;
    }
    state.selected = null;
    historyButton.setAttribute('aria-busy', 'true');
    try {
      if (!(await timeline.open(state.map.id))) { showToast('Nothing has moved on this map yet.'); return; }
    } catch (err) { showToast(err.message); return; } finally { historyButton.removeAttribute('aria-busy'); }
    syncHistoryButton();
  });

  // Cards are placed in percent, but overlap and arrows depend on the grid's pixel size. The
  // observer also reports the size it starts with, which the first drawing used already.
  const resize = new ResizeObserver(() => { if (state.map && grid.resized()) grid.render(); });
  resize.observe(grid.grid);

  // `make bench` times start-up to this mark: the grid (or the first-map form) is drawn and answers.
  // "#/map/<id>" (a link from a person's page) opens that map.
  const ready = load(paramFromHash(globalThis.location?.hash)).then(() => { el.dataset.ready = 'true'; performance.mark('map: ready'); });

  return {
    el,
    /** Settles once the first load has drawn. */
    ready,
    focusTitle: () => title.focus(),
    open: (mapId) => load(mapId),
    handle(action) {
      if (action === 'cancel' && state.selected) { selectCard(null); return true; }
      return false;
    },
    keydown(e) {
      if (e.key === 'a' || e.key === 'A') { addSelectedAtCentre(); return true; }
      if (e.key === '+' || e.key === '=') { grid.setZoom(state.zoom * 1.25); return true; }
      if (e.key === '-') { grid.setZoom(state.zoom / 1.25); return true; }
      if (e.key === '0') { grid.setZoom(1); return true; }
      return false;
    },
    destroy() { resize.disconnect(); stopPresenting(); },
  };
}
