// The Map view: a power/interest grid per goal. People are dragged (mouse, touch or pen) from
// the roster onto the grid, moved with the keyboard, or sent to a quadrant from the card panel.

import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import {
  QUADRANTS, STANCES, arrowBetweenBoxes, labelFor, layoutCards, pointFromPosition, positionFromPoint, quadrantOf,
  stanceById, stepPosition,
} from '../lib/grid-geometry.js';
import { mapToSvg } from '../lib/map-svg.js';
import { labelFor as shownAs, onPresentingChange, presentingMode, setPresentingMode } from '../lib/presenting.js';
import { enableDragging } from './map-drag.js';
import { mapForm as buildMapForm } from './map-form.js';
import { createTimeline } from './map-history.js';
import { showToast } from '../lib/toast.js';

const CARD = { width: 132, height: 40 };
const CARD_HALF = { x: 70, y: 22 };
const LABEL_MODES = [['names', 'Names'], ['initials', 'Initials'], ['roles', 'Roles']];

/** The most people the roster lists at once; the search finds anyone. */
const ROSTER_LIMIT = 200;
const percent = (n) => `${Math.round(n * 100)}%`;
// Card centres stay far enough from the grid's edges for the whole card to show.
const insideX = (n) => `clamp(${CARD_HALF.x}px, ${(n * 100).toFixed(2)}%, calc(100% - ${CARD_HALF.x}px))`;
const insideY = (n) => `clamp(${CARD_HALF.y}px, ${(n * 100).toFixed(2)}%, calc(100% - ${CARD_HALF.y}px))`;

export function mountMap(ctx) {
  const { api, undo } = ctx;
  let maps = [];
  let map = null; // the map shown
  let placements = [];
  let people = []; // everyone, for the roster
  let rosterQuery = '';
  let rosterSelected = null;
  let selected = null; // person id of the selected card
  // The map's own label select is one more handle on the app-wide presenting mode.
  let labelMode = presentingMode();
  let zoom = 1;
  const cardEls = new Map();

  const select = h('select', { id: 'map-select', 'aria-label': 'Map' });
  const title = h('h1', { id: 'map-title', tabindex: '-1' }, 'Map');
  const labelSelect = h('select', { id: 'label-mode', 'aria-label': 'Card labels (presenting mode)', title: 'Show names, or only initials or roles when sharing your screen (everywhere in Allies; Ctrl+Shift+P)' },
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

  const rosterSearch = h('input', { type: 'search', id: 'roster-search', class: 'search', placeholder: 'Find a person', 'aria-label': 'Find a person to add', autocomplete: 'off' });
  const rosterList = h('ul', { id: 'roster-list', class: 'roster-list', role: 'listbox', 'aria-label': 'People not on this map', tabindex: '0' });
  const rosterMore = h('p', { id: 'roster-more', class: 'muted roster-more', hidden: true });
  const roster = h('aside', { class: 'roster', id: 'roster', 'aria-label': 'People to add' },
    h('h2', {}, 'People'), rosterSearch, rosterList, rosterMore,
    h('p', { class: 'muted small' }, 'Drag someone onto the grid, or select them and press A to place them in the middle.'));

  const arrows = svgEl('svg', { class: 'grid-arrows', id: 'grid-arrows', 'aria-hidden': 'true' });
  const cardsLayer = h('div', { class: 'cards-layer' });
  const grid = h('div', { class: 'grid', id: 'grid', role: 'group', 'aria-label': 'Power and interest grid', 'aria-describedby': 'grid-help' },
    QUADRANTS.map((q) => h('div', { class: `quadrant q-${q.id}`, 'data-quadrant': q.id },
      h('span', { class: 'quadrant-label' }, q.label), h('span', { class: 'quadrant-hint' }, q.hint))),
    h('span', { class: 'axis axis-x', 'aria-hidden': 'true' }, 'Interest →'),
    h('span', { class: 'axis axis-y', 'aria-hidden': 'true' }, 'Power →'),
    arrows, cardsLayer);
  const gridWrap = h('div', { class: 'grid-wrap', id: 'grid-wrap' }, grid);
  const side = h('aside', { class: 'map-side panel', id: 'map-side', 'aria-label': 'Selected person' });
  const historyBar = h('div', { class: 'history-bar', id: 'history-bar', hidden: true });
  const body = h('div', { class: 'map-layout' }, roster,
    h('div', { class: 'grid-column' }, historyBar, gridWrap,
      h('p', { id: 'grid-help', class: 'muted small' },
        'Tab to a card; arrow keys move it (Shift for bigger steps), Enter opens the person, Delete takes them off the map, Ctrl+Z undoes.')),
    side);
  const empty = h('div', { class: 'empty-state', id: 'map-empty', hidden: true });
  const el = h('section', { class: 'view map-view', 'aria-labelledby': 'map-title' }, head, empty, body);

  // ---------- loading ----------

  // Replies can arrive out of order; only the newest load may change what is shown.
  let loadNo = 0;

  async function load(mapId) {
    const mine = ++loadNo;
    let lists;
    try {
      lists = await Promise.all([api.listMaps(true), api.listPeople('')]);
    } catch (err) {
      if (mine !== loadNo) return;
      replaceChildren(empty, h('p', { class: 'form-error', role: 'alert' }, err.message));
      empty.hidden = false;
      body.hidden = true;
      return;
    }
    if (mine !== loadNo) return;
    [maps, people] = lists;
    const active = maps.filter((m) => !m.archived);
    const previous = map?.id;
    map = maps.find((m) => m.id === mapId) ?? maps.find((m) => m.id === map?.id) ?? active[0] ?? maps[0] ?? null;
    if (map?.id !== previous) {
      selected = null;
      editingMap = false;
      timeline.close();
      syncHistoryButton();
    }
    renderMapChoice();
    if (!map) {
      placements = [];
      showEmpty();
      return;
    }
    empty.hidden = true;
    empty.replaceChildren(); // its map form would repeat the ids of the one in the side panel
    body.hidden = false;
    toolbar.hidden = false;
    await loadPlacements(mine);
  }

  async function loadPlacements(mine = loadNo) {
    const mapId = map.id;
    let loaded;
    try {
      loaded = await api.mapPlacements(mapId);
    } catch (err) {
      if (mine !== loadNo) return;
      placements = [];
      render();
      showToast(err.message);
      return;
    }
    if (mine !== loadNo || map?.id !== mapId) return;
    placements = loaded;
    render();
    if (timeline.state) await timeline.reload();
  }

  function renderMapChoice() {
    const groups = [['Maps', maps.filter((m) => !m.archived)], ['Archived', maps.filter((m) => m.archived)]];
    replaceChildren(select, groups.filter(([, list]) => list.length).map(([label, list]) =>
      h('optgroup', { label }, list.map((m) => h('option', { value: m.id, selected: m.id === map?.id }, m.name)))));
    select.hidden = maps.length === 0;
    head.querySelector('#edit-map').hidden = !map;
    title.textContent = map ? 'Map' : 'Maps';
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

  // ---------- the map form (new / edit) ----------

  // While the map form is open in the side panel, nothing else replaces it (typed text would be lost).
  let editingMap = false;

  function openMapForm(existing) {
    editingMap = true;
    selected = null;
    replaceChildren(side, mapForm(existing));
    side.querySelector('input')?.focus();
  }

  function mapForm(existing) {
    return buildMapForm(existing, {
      api,
      onSaved: (saved) => { editingMap = false; return load(saved.id); },
      onCancel: map ? () => { editingMap = false; render(); head.querySelector(existing ? '#edit-map' : '#new-map').focus(); } : null,
      onArchive: archive,
      onDelete: removeMap,
    });
  }

  async function archive(m) {
    editingMap = false;
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
    editingMap = false;
    map = null;
    const entry = undo.push(`Deleted map ${m.name}`, async () => { await api.restoreMap(m.id); await load(m.id); });
    showToast(`Deleted map ${isolate(m.name)}`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => ctx.runUndo(entry) });
    announce(`Deleted map ${m.name}. Press Ctrl+Z to undo.`);
    await load();
  }

  // ---------- rendering ----------

  function render() {
    if (!map) return;
    renderRoster();
    renderCards();
    renderSide();
  }

  function onMap() {
    return new Set(placements.map((p) => p.person_id));
  }

  function renderRoster() {
    const placed = onMap();
    const q = rosterQuery.trim().toLocaleLowerCase();
    const available = people.filter((p) => !placed.has(p.id)
      && (!q || `${p.name}\n${p.role}\n${p.department}\n${p.organisation}`.toLocaleLowerCase().includes(q)));
    // A long address book shows its first names; typing finds the rest.
    const shown = available.slice(0, ROSTER_LIMIT);
    rosterMore.hidden = available.length <= ROSTER_LIMIT;
    rosterMore.textContent = `Showing ${ROSTER_LIMIT} of ${available.length.toLocaleString('en-US')}. Type to find the others.`;
    if (rosterSelected && !shown.some((p) => p.id === rosterSelected)) rosterSelected = null;
    rosterSelected ??= shown[0]?.id ?? null;
    replaceChildren(rosterList, shown.length
      ? shown.map((p) => h('li', {
        role: 'option', class: 'roster-item', 'data-person-id': p.id, 'aria-selected': String(p.id === rosterSelected), id: `roster-${p.id}`,
      }, h('span', { class: 'roster-name' }, shownAs(p)), labelMode === 'roles' ? null : h('span', { class: 'roster-role muted' }, p.role)))
      : h('li', { class: 'muted roster-empty' }, people.length === 0 ? 'Add people in the People section first.'
        : placed.size === people.length ? 'Everyone is on this map.' : 'No one matches.'));
    if (rosterSelected) rosterList.setAttribute('aria-activedescendant', `roster-${rosterSelected}`);
    else rosterList.removeAttribute('aria-activedescendant');
  }

  function shownCards() {
    // While history is shown the grid shows the past, read-only.
    if (timeline.state) return timeline.state.snapshots.map((s) => ({ ...s, desired: null, past: true }));
    return placements;
  }

  function renderCards() {
    // The drop re-renders anyway; doing it mid-drag would detach the card under the pointer.
    if (dragging?.active()) return;
    const started = performance.now();
    const cards = shownCards();
    const size = { width: grid.clientWidth, height: grid.clientHeight };
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
      updateCard(card, c, byId.get(c.person_id));
      keep.set(c.person_id, card);
      fragment.append(card);
      if (c.desired) fragment.append(ghostElement(c));
    }
    for (const stack of layout.stacks) fragment.append(stackElement(stack, size));
    cardsLayer.replaceChildren(fragment);
    if (focused && cardsLayer.contains(focused) && document.activeElement !== focused) focused.focus();
    cardEls.clear();
    for (const [id, card] of keep) cardEls.set(id, card);
    drawArrows(cards, size);
    // Read by `make bench`; costs nothing when nobody asks.
    performance.measure('map: render cards', { start: started });
  }

  function updateCard(card, c, slot) {
    const stance = stanceById(c.stance);
    const quadrant = quadrantOf(c.position);
    const label = labelFor(c, labelMode);
    card.className = `map-card stance-${stance.id}${c.past ? ' past' : ''}${c.person_id === selected ? ' selected' : ''}`;
    // The name a screen reader hears starts with what the card shows (name and role).
    const shown = labelMode === 'names' ? [c.name, c.role].filter(Boolean).join(', ') : label;
    card.setAttribute('aria-label', `${shown}, ${stance.label}, ${quadrant.label}`);
    card.setAttribute('aria-pressed', c.person_id === selected ? 'true' : 'false');
    card.tabIndex = slot?.hidden ? -1 : 0;
    card.hidden = Boolean(slot?.hidden);
    replaceChildren(card,
      h('span', { class: 'stance-icon', 'aria-hidden': 'true', title: stance.label }, stance.symbol),
      h('span', { class: 'card-text' },
        h('span', { class: 'card-name' }, label),
        // A space between the lines (the grid does not show it) keeps "Dana Ng VP…" two words.
        labelMode === 'names' && c.role ? [' ', h('span', { class: 'card-role' }, c.role)] : null));
    placeCard(card, c.position, slot);
  }

  function placeCard(card, position, slot) {
    card.style.left = insideX(position.interest);
    card.style.top = insideY(1 - position.power);
    card.style.transform = slot && (slot.dx || slot.dy)
      ? `translate(calc(-50% + ${slot.dx}px), calc(-50% + ${slot.dy}px))` : '';
  }

  function ghostElement(c) {
    const ghost = h('div', {
      class: 'ghost', 'data-person-id': c.person_id, 'aria-hidden': 'true',
      title: `Where you need ${shownAs(c)} to be (drag to change)`,
    }, labelFor(c, labelMode));
    ghost.style.left = insideX(c.desired.interest);
    ghost.style.top = insideY(1 - c.desired.power);
    return ghost;
  }

  function stackElement(stack, size) {
    const pos = positionFromPoint(stack.x, stack.y, { left: 0, top: 0, width: size.width, height: size.height });
    const names = stack.ids.map((id) => { const c = shownCards().find((s) => s.person_id === id); return c ? shownAs(c) : ''; });
    const button = h('button', {
      type: 'button', class: 'stack', 'data-ids': stack.ids.join(' '),
      'aria-label': `${stack.count} people here: ${names.join(', ')}. Press to list them.`,
    }, `${stack.count} people`);
    button.style.left = insideX(pos.interest);
    button.style.top = insideY(1 - pos.power);
    button.addEventListener('click', () => showStack(stack.ids));
    return button;
  }

  function svgEl(tag, attrs = {}) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  function drawArrows(cards, size) {
    arrows.setAttribute('viewBox', `0 0 ${size.width} ${size.height}`);
    const defs = svgEl('defs');
    const marker = svgEl('marker', { id: 'arrowhead', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
    marker.append(svgEl('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }));
    defs.append(marker);
    const lines = [];
    const line = (from, to, cls) => {
      const ends = arrowBetweenBoxes(pointFromPosition(from, size), pointFromPosition(to, size), CARD);
      if (Math.hypot(ends.x2 - ends.x1, ends.y2 - ends.y1) < 6) return;
      lines.push(svgEl('line', { ...ends, class: cls, 'marker-end': 'url(#arrowhead)' }));
    };
    if (timeline.state) {
      for (const m of timeline.state.moves) if (m.from && m.to) line(m.from.position, m.to.position, 'move-arrow');
    } else {
      for (const c of cards) if (c.desired) line(c.position, c.desired, 'desired-arrow');
    }
    arrows.replaceChildren(defs, ...lines);
  }

  // ---------- the side panel ----------

  function renderSide() {
    if (editingMap) return;
    const card = placements.find((p) => p.person_id === selected);
    // A keyboard user keeps their place: refocus the same control in the new panel.
    const focused = side.contains(document.activeElement) ? document.activeElement : null;
    const again = focused?.id ? `#${CSS.escape(focused.id)}`
      : focused?.name ? `[name="${CSS.escape(focused.name)}"][value="${CSS.escape(focused.value)}"]` : null;
    if (timeline.state) {
      replaceChildren(side, timeline.summary());
    } else if (card) {
      replaceChildren(side, cardPanel(card));
    } else {
      replaceChildren(side, overview());
    }
    if (focused) (again && side.querySelector(again) || side.querySelector('button, input'))?.focus();
  }

  function overview() {
    const gaps = placements.filter((p) => p.desired)
      .map((p) => ({ p, d: Math.hypot(p.position.power - p.desired.power, p.position.interest - p.desired.interest) }))
      .sort((a, b) => b.d - a.d).slice(0, 10);
    return h('div', { class: 'overview' },
      h('h2', {}, map.name),
      map.description ? h('p', { class: 'map-description' }, map.description) : null,
      map.target_date ? h('p', { class: 'muted' }, `Target date: ${map.target_date}`) : null,
      h('p', { class: 'muted' }, placements.length === 1 ? '1 person on this map' : `${placements.length} people on this map`),
      h('h3', {}, 'Largest gaps'),
      gaps.length
        ? h('ol', { class: 'gaps', id: 'gaps' }, gaps.map(({ p, d }) => h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => selectCard(p.person_id) }, shownAs(p)),
          ` ${quadrantOf(p.position).label} → ${quadrantOf(p.desired).label} (${Math.round(d * 100)})`)))
        : h('p', { class: 'muted' }, 'Select a card and choose where you need that person to be; the biggest gaps show here.'),
      h('h3', {}, 'Stances'),
      h('ul', { class: 'legend' }, STANCES.map((s) => h('li', { class: `stance-${s.id}` },
        h('span', { class: 'stance-icon', 'aria-hidden': 'true' }, s.symbol), ` ${s.label}`))));
  }

  function cardPanel(card) {
    const quadrantButtons = (id, action) => h('div', { class: 'quadrant-buttons', role: 'group', 'aria-label': id === 'move' ? 'Move to' : 'Where I need them' },
      QUADRANTS.map((q) => h('button', { type: 'button', 'data-quadrant': q.id, id: `${id}-${q.id}`, onclick: () => action(q) }, q.label)));
    return h('div', { class: 'card-panel', id: 'card-panel' },
      h('h2', {}, shownAs(card)),
      card.role && labelMode !== 'roles' ? h('p', { class: 'muted' }, card.role) : null,
      h('p', {}, `${quadrantOf(card.position).label} · power ${percent(card.position.power)}, interest ${percent(card.position.interest)}`),
      h('fieldset', { class: 'stances' },
        h('legend', {}, 'Stance'),
        STANCES.map((s) => h('label', { class: `stance-choice stance-${s.id}` },
          h('input', { type: 'radio', name: 'stance', value: s.id, checked: card.stance === s.id, onchange: () => changeStance(card, s.id) }),
          h('span', { class: 'stance-icon', 'aria-hidden': 'true' }, s.symbol), ` ${s.label}`))),
      h('h3', {}, 'Move to'),
      quadrantButtons('move', (q) => move(card.person_id, q.centre, { via: 'menu' })),
      h('h3', {}, 'Where I need them'),
      quadrantButtons('desired', (q) => changeDesired(card, q.centre)),
      card.desired ? h('button', { type: 'button', id: 'desired-clear', class: 'link', onclick: () => changeDesired(card, null) }, 'Clear where I need them') : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'open-person', onclick: () => openPerson(card.person_id) }, 'Open person'),
        h('button', { type: 'button', class: 'danger', id: 'take-off', onclick: () => takeOff(card.person_id) }, 'Take off map')),
      h('button', { type: 'button', class: 'link', onclick: () => selectCard(null) }, 'Close'));
  }

  function showStack(ids) {
    const cards = ids.map((id) => placements.find((p) => p.person_id === id)).filter(Boolean);
    replaceChildren(side, h('div', { class: 'stack-list' },
      h('h2', {}, `${cards.length} people in one spot`),
      h('ul', {}, cards.map((c) => h('li', {}, h('button', { type: 'button', class: 'link', onclick: () => selectCard(c.person_id) }, shownAs(c))))),
      h('p', { class: 'muted' }, 'Choose one to move them, or drag a nearby card away to spread them out.')));
    side.querySelector('button')?.focus();
  }

  function selectCard(personId) {
    selected = personId;
    for (const [id, card] of cardEls) {
      card.classList.toggle('selected', id === personId);
      card.setAttribute('aria-pressed', id === personId ? 'true' : 'false');
    }
    renderSide();
  }

  // ---------- changes ----------

  function nameOf(personId) {
    const person = placements.find((p) => p.person_id === personId) ?? people.find((p) => p.id === personId);
    return person ? shownAs(person) : 'Someone';
  }

  function replacePlacement(saved) {
    const i = placements.findIndex((p) => p.person_id === saved.person_id);
    if (i >= 0) placements[i] = saved; else placements.push(saved);
  }

  /** Applies a change's result if its map is still the one shown (the user may have switched). */
  function onSameMap(mapId, apply) {
    if (map?.id !== mapId) return false;
    apply();
    render();
    return true;
  }

  async function move(personId, position, { via = 'drag' } = {}) {
    const mapId = map.id;
    const before = placements.find((p) => p.person_id === personId);
    const name = nameOf(personId);
    let saved;
    try {
      saved = await api.placePerson(mapId, personId, position, null);
    } catch (err) {
      showToast(err.message);
      render();
      return null;
    }
    const where = quadrantOf(saved.position).label;
    undo.push(before ? `Move of ${name}` : `Adding ${name}`, async () => {
      // A move never changes the stance, so undoing it leaves a later stance change alone.
      const back = before
        ? await api.placePerson(mapId, personId, before.position, null)
        : (await api.unplacePerson(mapId, personId), null);
      onSameMap(mapId, () => {
        if (back) replacePlacement(back); else placements = placements.filter((p) => p.person_id !== personId);
      });
      announce(before ? `${name} moved back to ${quadrantOf(before.position).label}` : `${name} taken off the map`);
    });
    if (!onSameMap(mapId, () => replacePlacement(saved))) return saved;
    announce(before ? `${name} moved to ${where}` : `${name} added to ${where}`);
    if (via !== 'drag') cardEls.get(personId)?.focus();
    return saved;
  }

  async function changeStance(card, stance) {
    const mapId = map.id;
    try {
      const saved = await api.setStance(mapId, card.person_id, stance);
      onSameMap(mapId, () => replacePlacement(saved));
      announce(`${shownAs(card)} is now ${stanceById(stance).label}`);
    } catch (err) { showToast(err.message); }
  }

  async function changeDesired(card, desired) {
    const mapId = map.id;
    try {
      const saved = await api.setDesired(mapId, card.person_id, desired);
      onSameMap(mapId, () => replacePlacement(saved));
      announce(desired ? `You need ${shownAs(card)} in ${quadrantOf(desired).label}` : `Cleared where you need ${shownAs(card)}`);
    } catch (err) { showToast(err.message); }
  }

  async function takeOff(personId) {
    const mapId = map.id;
    const name = nameOf(personId);
    let removed;
    try {
      removed = await api.unplacePerson(mapId, personId);
    } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Taking ${name} off the map`, async () => {
      await api.placePerson(mapId, personId, removed.position, removed.stance);
      const back = await api.setDesired(mapId, personId, removed.desired);
      onSameMap(mapId, () => replacePlacement(back));
      announce(`${name} is back on the map`);
    });
    onSameMap(mapId, () => {
      placements = placements.filter((p) => p.person_id !== personId);
      if (selected === personId) selected = null;
    });
    announce(`${name} taken off the map. Press Ctrl+Z to undo.`);
    showToast(`Took ${isolate(name)} off the map`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => ctx.runUndo(entry) });
  }

  function openPerson(personId) {
    location.hash = `#/people/${encodeURIComponent(personId)}`;
  }

  async function addSelectedAtCentre() {
    if (!rosterSelected || timeline.state) return false;
    const id = rosterSelected;
    await move(id, { power: 0.5, interest: 0.5 }, { via: 'keyboard' });
    return true;
  }

  // ---------- pointer dragging (mouse, touch, pen) ----------

  const dragging = enableDragging({
    grid, gridWrap, roster, rosterList,
    labelOf: nameOf,
    canDrag: () => !timeline.state,
    onTap(kind, personId) {
      if (kind === 'card') selectCard(personId === selected ? null : personId);
      if (kind === 'roster') chooseRoster(personId);
    },
    async onDrop({ kind, personId, position, over }) {
      if (kind === 'card' && over === 'roster') {
        await takeOff(personId);
      } else if (kind === 'desired' && over !== 'outside') {
        const card = placements.find((p) => p.person_id === personId);
        if (card) await changeDesired(card, position);
      } else if (over === 'grid') {
        await move(personId, position);
      } else {
        render(); // dropped outside: put the card back where it was
      }
    },
  });

  // Cards are buttons: a finished drag must not also count as a click (keyboard clicks do).
  grid.addEventListener('click', (e) => {
    const card = e.target.closest('.map-card');
    if (card && e.detail === 0) selectCard(card.dataset.personId);
  });

  // ---------- keyboard ----------

  grid.addEventListener('keydown', async (e) => {
    const card = e.target.closest('.map-card');
    if (!card || card.classList.contains('past')) return;
    const id = card.dataset.personId;
    const current = placements.find((p) => p.person_id === id);
    if (!current) return;
    const next = stepPosition(current.position, e.key, { big: e.shiftKey });
    if (next) {
      e.preventDefault();
      // A held key repeats faster than saves finish; skip repeats while one is on its way.
      if (keyMoveBusy) return;
      keyMoveBusy = true;
      try { await move(id, next, { via: 'keyboard' }); } finally { keyMoveBusy = false; }
    } else if (e.key === 'Enter') {
      e.preventDefault();
      openPerson(id);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      e.stopPropagation();
      await takeOff(id);
      (cardsLayer.querySelector('.map-card') ?? rosterList).focus();
    }
  });
  let keyMoveBusy = false;

  function chooseRoster(personId) {
    rosterSelected = personId;
    renderRoster();
    rosterList.focus();
  }

  rosterList.addEventListener('keydown', async (e) => {
    const items = [...rosterList.querySelectorAll('.roster-item')];
    const i = items.findIndex((item) => item.dataset.personId === rosterSelected);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = items[Math.max(0, Math.min(items.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
      if (next) { rosterSelected = next.dataset.personId; renderRoster(); next.scrollIntoView({ block: 'nearest' }); }
    } else if (e.key === 'Enter' || e.key === 'a' || e.key === 'A') {
      e.preventDefault();
      await addSelectedAtCentre();
    }
  });

  rosterSearch.addEventListener('input', () => { rosterQuery = rosterSearch.value; renderRoster(); });
  rosterSearch.addEventListener('keydown', async (e) => {
    if (e.key === 'Enter') { e.preventDefault(); await addSelectedAtCentre(); }
    if (e.key === 'ArrowDown') { e.preventDefault(); rosterList.focus(); }
  });

  // ---------- toolbar ----------

  select.addEventListener('change', () => load(select.value));
  head.querySelector('#new-map').addEventListener('click', () => openMapForm(null));
  head.querySelector('#edit-map').addEventListener('click', () => { if (map) openMapForm(map); });
  labelSelect.addEventListener('change', () => setPresentingMode(labelSelect.value));
  const stopPresenting = onPresentingChange((mode) => {
    labelMode = mode;
    labelSelect.value = mode;
    render();
  });

  function setZoom(z) {
    zoom = Math.min(4, Math.max(1, z));
    grid.style.width = `${zoom * 100}%`;
    grid.style.height = `${zoom * 100}%`;
    if (zoom === 1) gridWrap.scrollTo(0, 0);
    renderCards();
  }
  toolbar.querySelector('#zoom-in').addEventListener('click', () => setZoom(zoom * 1.25));
  toolbar.querySelector('#zoom-out').addEventListener('click', () => setZoom(zoom / 1.25));
  toolbar.querySelector('#zoom-fit').addEventListener('click', () => setZoom(1));
  gridWrap.addEventListener('wheel', (e) => {
    if (!e.ctrlKey) return;
    e.preventDefault();
    setZoom(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });

  toolbar.querySelector('#export-svg').addEventListener('click', () => exportAs('svg'));
  toolbar.querySelector('#export-png').addEventListener('click', () => exportAs('png'));

  function exportSvg() {
    return mapToSvg({
      title: map.name,
      labelMode,
      generatedOn: new Date().toISOString().slice(0, 10),
      placements: placements.map((p) => ({
        personId: p.person_id, name: p.name, role: p.role, stance: p.stance,
        power: p.position.power, interest: p.position.interest, desired: p.desired,
      })),
    });
  }

  async function exportAs(format) {
    if (!map) return;
    try {
      const svg = exportSvg();
      const content = format === 'svg' ? svg : await rasterise(svg);
      const path = await api.exportMap(map.name, format, content);
      showToast(`Saved ${path}`, { timeoutMs: 10000 });
      announce(`Map exported as ${format.toUpperCase()}`);
    } catch (err) {
      showToast(err.message ?? String(err));
    }
  }

  function rasterise(svg) {
    return new Promise((resolve, reject) => {
      const img = new Image();
      img.onload = () => {
        const scale = 2; // sharp when pasted into slides on high-density screens
        const canvas = document.createElement('canvas');
        canvas.width = img.naturalWidth * scale;
        canvas.height = img.naturalHeight * scale;
        const g = canvas.getContext('2d');
        g.scale(scale, scale);
        g.drawImage(img, 0, 0);
        resolve(canvas.toDataURL('image/png'));
      };
      img.onerror = () => reject(new Error('The map could not be drawn as a picture.'));
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    });
  }

  // ---------- history ----------

  const timeline = createTimeline({
    api,
    bar: historyBar,
    onChange: () => { renderCards(); renderSide(); },
    onError: (err) => showToast(err.message),
  });

  function syncHistoryButton() {
    historyButton.setAttribute('aria-pressed', timeline.state ? 'true' : 'false');
    historyBar.hidden = !timeline.state;
    roster.classList.toggle('disabled', Boolean(timeline.state));
  }

  historyButton.addEventListener('click', async () => {
    if (timeline.state) {
      timeline.close();
      syncHistoryButton();
      render();
      return;
    }
    selected = null;
    historyButton.setAttribute('aria-busy', 'true');
    try {
      if (!(await timeline.open(map.id))) { showToast('Nothing has moved on this map yet.'); return; }
    } catch (err) { showToast(err.message); return; } finally { historyButton.removeAttribute('aria-busy'); }
    syncHistoryButton();
  });

  // Cards are placed in percent, but overlap and arrows depend on the grid's pixel size.
  const resize = new ResizeObserver(() => { if (map) renderCards(); });
  resize.observe(grid);

  // `make bench` times start-up to this mark: the grid (or the first-map form) is drawn and answers.
  load().then(() => { el.dataset.ready = 'true'; performance.mark('map: ready'); });

  return {
    el,
    focusTitle: () => title.focus(),
    handle(action) {
      if (action === 'cancel' && selected) { selectCard(null); return true; }
      return false;
    },
    keydown(e) {
      if (e.key === 'a' || e.key === 'A') { addSelectedAtCentre(); return true; }
      if (e.key === '+' || e.key === '=') { setZoom(zoom * 1.25); return true; }
      if (e.key === '-') { setZoom(zoom / 1.25); return true; }
      if (e.key === '0') { setZoom(1); return true; }
      return false;
    },
    destroy() { resize.disconnect(); stopPresenting(); },
  };
}
