// The pure parts of the Network view moved into ui/lib/network-graph.js: positions kept across
// filters, drawing groups, a path resolved against the picture, and the view's words and keys.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import {
  drawingGroups, keepPositions, keyMove, linkCounts, linkStyle, personMeta, pictureLabel, resolvePath, statusText, ticksDue,
  waysFoundText, wheelZoom,
} from '../../ui/lib/network-graph.js';

const me = { id: 'me', me: true, name: 'You' };

test('people already placed keep their place; new ones are fresh copies', () => {
  const before = [{ id: 'a', x: 5, y: 6 }, { id: 'b', x: NaN, y: 1 }];
  const shown = [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }];
  const kept = keepPositions(shown, before);
  assert.deepEqual(kept, [{ id: 'a', name: 'A', x: 5, y: 6 }, { id: 'b', name: 'B' }, { id: 'c', name: 'C' }]);
  assert.notEqual(kept[2], shown[2], 'the simulation moves its own copies, not the fetched graph');
});

test('links are grouped by look, faintest first; people by stance, without the user', () => {
  const links = [
    { id: 'x', kind: 'close_with', strength: 'strong' },
    { id: 'y', kind: 'met', strength: 'weak' },
    { id: 'z', kind: 'close_with', strength: 'strong' },
  ].map((l) => ({ ...l, style: linkStyle(l) }));
  const nodes = [me, { id: 'a', stance: 'blocker' }, { id: 'b', stance: 'champion' }, { id: 'c', stance: 'champion' }];
  const { linkGroups, nodeGroups } = drawingGroups(nodes, links);
  assert.deepEqual(linkGroups.map((g) => g.links.map((l) => l.id)), [['y'], ['x', 'z']]);
  assert.deepEqual(nodeGroups.map((g) => [g.style.id, g.nodes.map((n) => n.id)]), [['champion', ['b', 'c']], ['blocker', ['a']]]);
});

test('a path resolves to the people and links drawn; steps through hidden people are left out', () => {
  const nodes = [me, { id: 'a' }, { id: 'c' }];
  const links = [{ id: 'l1', from: 'a', to: 'me' }, { id: 'l2', from: 'b', to: 'c' }];
  const view = resolvePath({ steps: [{ person_id: 'a' }, { person_id: 'b' }, { person_id: 'c' }] }, nodes, links);
  assert.deepEqual([...view.ids], ['me', 'a', 'b', 'c']);
  assert.deepEqual(view.nodes.map((n) => n.id), ['me', 'a', 'c']);
  assert.deepEqual(view.segments.map(([x, y]) => `${x.id}-${y.id}`), ['me-a'], 'b is hidden, so a-b and b-c are not drawn');
  assert.deepEqual([...view.links], ['l1', 'l2']);
  assert.equal(resolvePath(undefined, nodes, links), null);
});

test('the list\'s line for a person, and the counts it uses', () => {
  const counts = linkCounts([{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
  assert.deepEqual([...counts], [['a', 1], ['b', 2], ['c', 1]]);
  assert.equal(personMeta({ stance: 'skeptic', role: 'CFO', department: 'Finance', level: 'senior_leader' }, 1), 'Skeptic · CFO · Finance · Senior leader · 1 link');
  assert.equal(personMeta({ stance: null, role: '', department: '', level: '' }, 0), '0 links', 'no stance set is not called "Unknown"');
});

test('the status and the picture\'s accessible name', () => {
  assert.equal(statusText(false, [me], []), 'No people in this view yet.');
  assert.equal(statusText(true, [me], []), 'No one matches these filters.');
  assert.equal(statusText(true, [me, { id: 'a' }], [{}]), '1 person, 1 link');
  const whole = { nodes: [me, { id: 'a' }, { id: 'b' }], people: 12500 };
  const nearest = 'Only the 2 people nearest you of 12,500 are drawn: everyone linked to someone or on a map, '
    + 'then those you met most lately. Choose a map to see its people.';
  assert.equal(statusText(true, whole.nodes, [{}], whole), `2 people, 1 link. ${nearest}`);
  assert.equal(statusText(true, [me], [], whole), `No one matches these filters. ${nearest}`, 'a filter narrows what is drawn');
  assert.equal(statusText(true, whole.nodes, [{}], { ...whole, people: 2 }), '2 people, 1 link', 'the whole network is drawn');
  assert.equal(statusText(true, whole.nodes, [{}], { nodes: whole.nodes }), '2 people, 1 link', 'an answer without the count');
  assert.equal(statusText(true, whole.nodes, [{}], { ...whole, map: 'm1' }),
    '2 people, 1 link. Only the 2 people nearest you of 12,500 on this map are drawn: everyone linked to someone or on a map, '
    + 'then those you met most lately.', 'a map is chosen already');
  assert.equal(pictureLabel('No one matches these filters.', ''), 'Network picture: No one matches these filters. The list “People in this view” has the same people.');
  assert.equal(pictureLabel('2 people, 1 link', 'You → Ana (weak)'),
    'Network picture: 2 people, 1 link. Drawn on top: You → Ana (weak). The list “People in this view” has the same people.');
});

test('what is announced once ways in are found', () => {
  assert.equal(waysFoundText(1, 'Ana'), 'One way in to Ana; the first is drawn');
  assert.equal(waysFoundText(3, 'Ana'), '3 ways in to Ana; the first is drawn');
  assert.equal(waysFoundText(0, 'Ana'), 'No way in to Ana yet');
});

test('keys: arrows pan the other way, + = − _ zoom, 0 fits, others are not used', () => {
  assert.deepEqual(keyMove('ArrowRight', 60, 1.25), { pan: [-60, 0] });
  assert.deepEqual(keyMove('ArrowUp', 60, 1.25), { pan: [0, 60] });
  assert.deepEqual(keyMove('=', 60, 1.25), { zoom: 1.25 });
  assert.deepEqual(keyMove('_', 60, 1.25), { zoom: 0.8 });
  assert.deepEqual(keyMove('0', 60, 1.25), { fit: true });
  assert.equal(keyMove('Enter', 60, 1.25), null);
});

test('the wheel zooms in for a turn up, scaled by its unit', () => {
  assert.ok(wheelZoom(-100, 0, 500) > 1);
  assert.ok(wheelZoom(100, 0, 500) < 1);
  assert.equal(wheelZoom(3, 1, 500), wheelZoom(48, 0, 500), 'a line is 16 px');
  assert.equal(wheelZoom(1, 2, 500), wheelZoom(500, 0, 500), 'a page is the picture\'s height');
});

test('ticks come due with the time since the layout began to move, one at once', () => {
  assert.equal(ticksDue(0, 0, 150), 1, 'one at once');
  assert.equal(ticksDue(0, 1, 150), 0);
  assert.equal(ticksDue(100, 1, 150), 15, 'fifteen more in a tenth of a second');
  assert.equal(ticksDue(1000, 200, 150), 0, 'ahead of time: none');
  assert.equal(ticksDue(-5, 0, 150), 1, 'a clock that went back counts as the start');
});
