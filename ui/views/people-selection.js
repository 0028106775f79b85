// Selecting several people in the People list and acting on all of them: which ids are
// selected (a Set, so it holds people scrolled out of the page too), ranges from an anchor, the
// bar with the count and the actions, and the dialogs that ask what an action needs. Each
// action is one call to the core (one transaction); a toast says what it did.

import { h, announce } from '../lib/dom.js';
import { countPeople } from '../lib/format.js';
import { formField, openFormDialog } from '../lib/form-dialog.js';
import { QUADRANTS } from '../lib/grid-geometry.js';
import { showChange, showToast } from '../lib/toast.js';

/** What is selected: ids, and the list position a Shift-click range starts from. */
export function selectionState() {
  return { ids: new Set(), anchor: null };
}

/** Selects or unselects one person, who becomes the anchor of the next range. */
export function toggleOne(sel, id, index) {
  if (sel.ids.has(id)) sel.ids.delete(id); else sel.ids.add(id);
  sel.anchor = index;
}

/**
 * Selects positions from the anchor to `index` (both included) out of `ids` (the listed ids in
 * order, or those of that stretch starting at `from`); with no anchor, just `index`.
 */
export function selectRange(sel, index, ids, from = 0) {
  const start = Math.min(sel.anchor ?? index, index);
  const end = Math.max(sel.anchor ?? index, index);
  for (let i = start; i <= end; i += 1) {
    const id = ids[i - from];
    if (id) sel.ids.add(id);
  }
  sel.anchor = index;
}

export function clearSelection(sel) {
  sel.ids.clear();
  sel.anchor = null;
}

/**
 * What the list's checkboxes do to `selection`: one person, a range from the anchor (with the
 * ids the list has cached, `cachedId(i)`, or all of them from `allIds()` beyond the cache), all,
 * none. `render` shows the selection; `countText` is what the bar says of it.
 */
export function selectionControls({ selection, cachedId, allIds, render, countText }) {
  async function check(id, index, range) {
    if (!range) {
      toggleOne(selection, id, index);
    } else {
      const start = Math.min(selection.anchor ?? index, index);
      const end = Math.max(selection.anchor ?? index, index);
      const cached = [];
      for (let i = start; i <= end; i += 1) cached.push(cachedId(i));
      if (cached.every(Boolean)) selectRange(selection, index, cached, start);
      else selectRange(selection, index, await allIds());
    }
    render();
  }

  async function selectAll() {
    try {
      selection.ids = new Set(await allIds());
      render();
      announce(countText());
    } catch (err) { showToast(err.message); }
  }

  /** Clears the selection; says whether there was one. */
  function unselect() {
    if (selection.ids.size === 0) return false;
    clearSelection(selection);
    render();
    announce('Selection cleared');
    return true;
  }

  return { check, selectAll, unselect };
}

/** The toast after an action: "Tagged 12 people “mentor”", with the unchanged mentioned. */
export function bulkMessage(action, { selected, changed }, { mapName = '' } = {}) {
  const who = countPeople(changed);
  let text;
  switch (action.kind) {
    case 'add_tag': text = `Tagged ${who} “${action.tag.trim()}”`; break;
    case 'remove_tag': text = `Removed “${action.tag.trim()}” from ${who}`; break;
    case 'place': text = `Placed ${who} on “${mapName}” in ${QUADRANTS.find((q) => q.id === action.quadrant)?.label ?? action.quadrant}`; break;
    case 'set_cadence': text = action.days ? `Set every ${action.days} days for ${who}` : `Cleared the cadence of ${who}`; break;
    case 'mark_former': text = `Marked ${who} as former colleagues`; break;
    case 'delete': text = `Deleted ${who}`; break;
    default: text = `Changed ${who}`;
  }
  const same = selected - changed;
  return same > 0 ? `${text} (${countPeople(same)} already so)` : text;
}

/** The actions on the bar: id, button words, and what to ask before doing it. */
export const BULK_ACTIONS = [
  { id: 'add_tag', label: 'Add tag…' },
  { id: 'remove_tag', label: 'Remove tag…' },
  { id: 'place', label: 'Place on map…' },
  { id: 'set_cadence', label: 'Set cadence…' },
  { id: 'mark_former', label: 'Mark as former' },
  { id: 'delete', label: 'Delete…' },
];

/** Asks what action `id` needs (a tag, a map and quadrant, a cadence, a confirmation); null if cancelled. */
function askFor(id, count, choices, run) {
  const who = countPeople(count);
  const dialog = (title, submitLabel, fields, toAction) => openFormDialog({
    id: 'bulk-dialog', prefix: 'bulk', title, submitLabel, fields,
    save: (form) => run(toAction(form)),
  });
  switch (id) {
    case 'add_tag':
    case 'remove_tag': {
      const input = h('input', { id: 'bulk-tag', name: 'tag', autocomplete: 'off', list: 'bulk-tag-choices' });
      const known = h('datalist', { id: 'bulk-tag-choices' }, choices.tags.map((t) => h('option', { value: t })));
      return dialog(id === 'add_tag' ? `Add a tag to ${who}` : `Remove a tag from ${who}`,
        id === 'add_tag' ? 'Add tag' : 'Remove tag',
        [formField('bulk', 'tag', 'Tag', input), known],
        () => ({ kind: id, tag: input.value }));
    }
    case 'place': {
      const map = h('select', { id: 'bulk-map_id', name: 'map_id' }, choices.maps.map((m) => h('option', { value: m.id }, m.name)));
      const quadrant = h('select', { id: 'bulk-quadrant', name: 'quadrant' }, QUADRANTS.map((q) => h('option', { value: q.id }, q.label)));
      return dialog(`Place ${who} on a map`, 'Place',
        [formField('bulk', 'map_id', 'Map', map), formField('bulk', 'quadrant', 'Quadrant', quadrant,
          'Those already on the map in another quadrant move to this one.')],
        () => ({ kind: 'place', map_id: map.value, quadrant: quadrant.value }));
    }
    case 'set_cadence': {
      const days = h('input', { id: 'bulk-cadence_days', name: 'cadence_days', type: 'number', min: '1', max: '365', inputmode: 'numeric' });
      return dialog(`Keep in touch with ${who}`, 'Set cadence',
        [formField('bulk', 'cadence_days', 'Every how many days', days, 'Leave empty to go back to what their maps suggest.')],
        () => ({ kind: 'set_cadence', days: days.value.trim() === '' ? null : Number(days.value) }));
    }
    case 'mark_former':
      return run({ kind: 'mark_former' });
    case 'delete':
      return dialog(`Delete ${who}?`, `Delete ${who}`,
        [h('p', {}, 'They go with everything recorded only about them. Undo brings them back.')],
        () => ({ kind: 'delete' }));
    default:
      return Promise.resolve(null);
  }
}

/**
 * The bar shown while people are selected. `selection` is the state; `getChoices()` gives the
 * maps and tags; `done()` runs after an action changed something (reload, clear).
 */
export function selectionBar({ api, selection, getChoices, done, onClear, runUndo }) {
  const count = h('span', { id: 'selection-count', class: 'selection-count', 'aria-live': 'polite' });
  const buttons = BULK_ACTIONS.map((a) => h('button', {
    type: 'button', class: a.id === 'delete' ? 'danger' : '', id: `bulk-${a.id}`,
    onclick: () => act(a.id),
  }, a.label));
  const clear = h('button', { type: 'button', id: 'bulk-clear', class: 'link', onclick: () => onClear() }, 'Clear selection');
  const el = h('div', { id: 'selection-bar', class: 'selection-bar', role: 'region', 'aria-label': 'Selected people' },
    count, ...buttons, clear);

  async function act(id) {
    const ids = [...selection.ids];
    if (ids.length === 0) return;
    const choices = getChoices();
    if (id === 'place' && choices.maps.length === 0) {
      showToast('There is no map yet: create one under Map first.');
      return;
    }
    const run = async (action) => {
      const outcome = await api.bulkChangePeople(ids, action);
      const mapName = choices.maps.find((m) => m.id === action.map_id)?.name ?? '';
      return { action, outcome, message: bulkMessage(action, outcome, { mapName }) };
    };
    try {
      const result = await askFor(id, ids.length, choices, run);
      if (!result) return;
      showChange(result.message, runUndo);
      announce(result.message);
      await done(result);
    } catch (err) {
      showToast(err.message);
    }
  }

  function render() {
    const n = selection.ids.size;
    el.hidden = n === 0;
    count.textContent = n === 0 ? '' : `${countPeople(n)} selected`;
  }

  return { el, render };
}
