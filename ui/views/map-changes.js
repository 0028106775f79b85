// Changes to who is where on a map: each saved through the api, announced, and undoable on the
// map it was made on (the person may have switched maps before pressing Ctrl+Z).

import { announce, isolate } from '../lib/dom.js';
import { undoHint } from '../lib/shortcuts.js';
import { quadrantOf, stanceById } from '../lib/grid-geometry.js';
import { nameOf, replacePlacement, withoutPerson } from '../lib/map-model.js';
import { labelFor as shownAs } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';

/**
 * The changes over the view's `state`. `render()` redraws the map, `focusCard(personId)` puts
 * the focus on a card; `runUndo` is the app's (ctx.runUndo).
 */
export function createPlacementChanges({ api, runUndo, state, render, focusCard }) {
  const nameFor = (personId) => nameOf(state.placements, state.roster?.people ?? [], personId);

  /** Applies a change's result if its map is still the one shown (the user may have switched). */
  function onSameMap(mapId, apply) {
    if (state.map?.id !== mapId) return false;
    apply();
    render();
    return true;
  }

  const keep = (saved) => () => { state.placements = replacePlacement(state.placements, saved); };

  /** Places or moves a person; `via` 'drag' leaves the focus where it is. Resolves to the placement. */
  async function move(personId, position, { via = 'drag' } = {}) {
    const mapId = state.map.id;
    const before = state.placements.find((p) => p.person_id === personId);
    const name = nameFor(personId);
    let saved;
    try {
      saved = await api.placePerson(mapId, personId, position, null);
    } catch (err) {
      showToast(err.message);
      render();
      return null;
    }
    const where = quadrantOf(saved.position).label;
    if (!onSameMap(mapId, keep(saved))) return saved;
    announce(before ? `${name} moved to ${where}` : `${name} added to ${where}`);
    if (via !== 'drag') focusCard(personId);
    return saved;
  }

  async function changeStance(card, stance) {
    const mapId = state.map.id;
    try {
      const saved = await api.setStance(mapId, card.person_id, stance);
      onSameMap(mapId, keep(saved));
      announce(`${shownAs(card)} is now ${stanceById(stance).label}`);
    } catch (err) { showToast(err.message); }
  }

  async function changeDesired(card, desired) {
    const mapId = state.map.id;
    try {
      const saved = await api.setDesired(mapId, card.person_id, desired);
      onSameMap(mapId, keep(saved));
      announce(desired ? `You need ${shownAs(card)} in ${quadrantOf(desired).label}` : `Cleared where you need ${shownAs(card)}`);
    } catch (err) { showToast(err.message); }
  }

  async function takeOff(personId) {
    const mapId = state.map.id;
    const name = nameFor(personId);
    let removed;
    try {
      removed = await api.unplacePerson(mapId, personId);
    } catch (err) { showToast(err.message); return; }
    onSameMap(mapId, () => {
      state.placements = withoutPerson(state.placements, personId);
      if (state.selected === personId) state.selected = null;
    });
    announce(`${name} taken off the map. ${undoHint()}`);
    showChange(`Took ${isolate(name)} off the map`, runUndo);
  }

  return { move, changeStance, changeDesired, takeOff, nameOf: nameFor };
}
