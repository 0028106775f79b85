// The Map view's pure logic: which map, who the roster offers, card faces, gaps, arrows, export input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ROSTER_LIMIT, arrowLines, cardFace, chooseMap, clampZoom, createMapState, insideX, insideY, largestGaps, mapGroups, nameOf,
  replacePlacement, rosterChoice, shownCards, svgInput, withoutPerson,
} from '../../ui/lib/map-model.js';
import { firstMapData } from '../../ui/lib/map-start.js';

const maps = [{ id: 'old', archived: true }, { id: 'a', archived: false }, { id: 'b', archived: false }];
const person = (id, name, role = '') => ({ id, name, role, department: '', organisation: '' });
const at = (id, power, interest, extra = {}) => ({ person_id: id, name: id, role: '', stance: 'neutral', position: { power, interest }, desired: null, ...extra });

/** An api answering the map section's first reads, noting each ask. */
function firstReads(list, { support = () => ({ asks: [] }) } = {}) {
  const asked = [];
  return {
    asked,
    listMaps: async (archived) => { asked.push(['listMaps', archived]); return list; },
    mapPlacements: async (id) => { asked.push(['mapPlacements', id]); return [at(`${id}-p`, 80, 20)]; },
    mapSupport: async (id) => { asked.push(['mapSupport', id]); return support(id); },
  };
}

test("the map section's first data: its maps, then the cards of the map it opens on, asked for at once", async () => {
  const api = firstReads(maps);
  const first = await firstMapData(api, null);
  assert.deepEqual(first.maps, maps);
  assert.equal(first.mapId, 'a', 'the first active map, as chooseMap chooses');
  const [placements, support] = await first.cards;
  assert.deepEqual([placements.map((p) => p.person_id), support], [['a-p'], { asks: [] }]);
  assert.deepEqual(api.asked, [['listMaps', true], ['mapPlacements', 'a'], ['mapSupport', 'a']]);

  const named = await firstMapData(firstReads(maps), 'old');
  assert.equal(named.mapId, 'old', 'the map the address names, archived or not');
});

test('without maps there are no cards to ask for, and support that cannot be read is null', async () => {
  const none = firstReads([]);
  assert.deepEqual(await firstMapData(none, 'a'), { maps: [], mapId: null, cards: null });
  assert.deepEqual(none.asked, [['listMaps', true]]);
  const busy = firstReads(maps, { support: () => { throw new Error('busy'); } });
  const [, support] = await (await firstMapData(busy, 'b')).cards;
  assert.equal(support, null, 'the map shows without its support');
});

test('the map shown is the one asked for, else the one shown, else the first active one', () => {
  assert.equal(chooseMap(maps, 'b', 'a').id, 'b');
  assert.equal(chooseMap(maps, 'gone', 'a').id, 'a');
  assert.equal(chooseMap(maps, undefined, 'gone').id, 'a', 'an active map before an archived one');
  assert.equal(chooseMap([{ id: 'old', archived: true }], undefined, null).id, 'old', 'an archived map when there is no other');
  assert.equal(chooseMap([], 'a', 'a'), null);
  assert.deepEqual(mapGroups(maps).map(([label, list]) => [label, list.map((m) => m.id)]), [['Maps', ['a', 'b']], ['Archived', ['old']]]);
  assert.deepEqual(mapGroups([maps[1]]).map(([label]) => label), ['Maps'], 'no empty group');
});

test('the roster keeps its choice while listed and falls back to the first', () => {
  // The core's page as it was read, before Bo was placed: Ann, Bo and Cy of 5 not on the map.
  const roster = { people: [person('1', 'Ann'), person('2', 'Bo'), person('3', 'Cy')], total: 5 };
  const state = { ...createMapState('names'), roster, placements: [at('2', 0.5, 0.5)] };
  assert.deepEqual(rosterChoice(state).shown.map((p) => p.id), ['1', '3'], 'someone placed since the page was read is left out');
  assert.equal(rosterChoice(state).available, 4, 'and not counted');
  assert.equal(rosterChoice(state).selected, '1');
  assert.equal(rosterChoice({ ...state, rosterSelected: '3' }).selected, '3');
  assert.equal(rosterChoice({ ...state, rosterSelected: '2' }).selected, '1', 'someone placed is no longer chosen');
  const capped = rosterChoice(state, 1);
  assert.deepEqual([capped.shown.length, capped.available, capped.limit], [1, 4, 1]);
});

test('the roster says why no one is listed, and nothing while its first page is on its way', () => {
  const none = { people: [], total: 0 };
  const state = { ...createMapState('names'), roster: none, placements: [at('2', 0.5, 0.5)] };
  assert.deepEqual([rosterChoice({ ...state, rosterQuery: 'zz' }).selected, rosterChoice({ ...state, rosterQuery: 'zz' }).empty], [null, 'No one matches.']);
  assert.equal(rosterChoice({ ...state, rosterQuery: '  ' }).empty, 'Everyone is on this map.', 'a blank search is no search');
  assert.equal(rosterChoice({ ...state, placements: [] }).empty, 'Add people in the People section first.');
  assert.equal(rosterChoice({ ...state, roster: { ...none, error: 'The data is locked.' } }).empty, 'The data is locked.');
  assert.deepEqual(rosterChoice({ ...state, roster: null }), { shown: [], available: 0, limit: ROSTER_LIMIT, selected: null, empty: null });
});

test('a card face says stance and quadrant, and shows the role only beside names', () => {
  const c = at('1', 0.9, 0.3, { name: 'Dana Ng', role: 'VP', stance: 'skeptic' });
  const face = cardFace(c, 'names', '1');
  assert.deepEqual([face.className, face.ariaLabel, face.label, face.role, face.selected],
    ['map-card stance-skeptic selected', 'Dana Ng, VP, Skeptic, Keep satisfied', 'Dana Ng', 'VP', true]);
  const initials = cardFace({ ...c, past: true }, 'initials', null);
  assert.deepEqual([initials.className, initials.ariaLabel, initials.role], ['map-card stance-skeptic past', 'DN, Skeptic, Keep satisfied', null]);
  assert.equal(cardFace({ ...c, stance: 'sideways' }, 'names', null).stance.id, 'unknown');
});

test('history shows snapshots read-only; otherwise the placements', () => {
  const placements = [at('1', 0.5, 0.5)];
  assert.equal(shownCards(placements, null), placements);
  const snapshots = [at('2', 0.1, 0.1, { desired: { power: 1, interest: 1 } }), at('3', 0.2, 0.2, { desired: undefined })];
  assert.deepEqual(shownCards(placements, { snapshots }).map((c) => [c.person_id, c.desired, c.past]),
    [['2', { power: 1, interest: 1 }, true], ['3', null, true]], 'each past card keeps where it was needed then');
});

test('gaps are the furthest from where they are needed, at most ten', () => {
  const many = Array.from({ length: 12 }, (_, i) => at(String(i), 0, 0, { desired: { power: i / 12, interest: 0 } }));
  const gaps = largestGaps([...many, at('x', 0.5, 0.5)]);
  assert.equal(gaps.length, 10);
  assert.deepEqual(gaps.slice(0, 2).map(({ p }) => p.person_id), ['11', '10']);
  assert.equal(largestGaps([at('x', 0.5, 0.5)]).length, 0, 'nobody without a desired position');
});

test('arrows go to desired positions, and along moves while history is open, never too short to see', () => {
  const size = { width: 1000, height: 800 };
  const cards = [at('1', 0.9, 0.3, { desired: { power: 0.9, interest: 0.8 } }), at('2', 0.5, 0.5, { desired: { power: 0.5, interest: 0.5 } })];
  const lines = arrowLines(cards, null, size);
  assert.deepEqual(lines.map((l) => l.class), ['desired-arrow']);
  assert.ok(lines[0].x1 > 300 && lines[0].x2 < 800, 'from edge to edge, not centre to centre');
  const moves = [{ from: { position: { power: 0.1, interest: 0.1 } }, to: { position: { power: 0.9, interest: 0.9 } } }, { from: null, to: { position: { power: 0.5, interest: 0.5 } } }];
  assert.deepEqual(arrowLines(cards, moves, size).map((l) => l.class), ['move-arrow', 'desired-arrow'],
    'in the past, the moves and where each was needed then');
  assert.deepEqual(arrowLines([at('1', 0.9, 0.3)], moves, size).map((l) => l.class), ['move-arrow']);
});

test('placements are replaced, added and removed without changing the list given', () => {
  const list = [at('1', 0.1, 0.1), at('2', 0.2, 0.2)];
  const moved = replacePlacement(list, at('2', 0.9, 0.9));
  assert.deepEqual(moved.map((p) => [p.person_id, p.position.power]), [['1', 0.1], ['2', 0.9]]);
  assert.deepEqual(replacePlacement(list, at('3', 0.5, 0.5)).map((p) => p.person_id), ['1', '2', '3']);
  assert.deepEqual(withoutPerson(list, '1').map((p) => p.person_id), ['2']);
  assert.equal(list[1].position.power, 0.2);
  assert.equal(nameOf(list, [], '1'), '1');
  assert.equal(nameOf([], [person('9', 'Nia Vo')], '9'), 'Nia Vo');
  assert.equal(nameOf([], [], '?'), 'Someone');
});

test('the export gets the map\'s name, the day and each placement flattened', () => {
  const input = svgInput({ name: 'Goal' }, [at('1', 0.9, 0.3, { name: 'Dana', role: 'VP', desired: { power: 1, interest: 1 } })], 'initials', new Date('2026-11-05T23:00:00Z'));
  assert.deepEqual(input, {
    title: 'Goal', labelMode: 'initials', generatedOn: '2026-11-05',
    placements: [{ personId: '1', name: 'Dana', role: 'VP', stance: 'neutral', power: 0.9, interest: 0.3, desired: { power: 1, interest: 1 } }],
  });
});

test('zoom stays between 1 and 4; cards stay inside the grid', () => {
  assert.deepEqual([clampZoom(0.5), clampZoom(2), clampZoom(9)], [1, 2, 4]);
  assert.equal(insideX(0.5, 1000), '50.00%');
  assert.deepEqual([insideX(0, 1000), insideX(1, 1000), insideY(0.01, 800), insideY(1, 800)], ['7.00%', '93.00%', '2.75%', '97.25%'],
    'a card\'s centre is half a card from the edges');
  assert.equal(insideX(0.2, 100), '20.00%', 'a grid narrower than a card: not held in');
});
