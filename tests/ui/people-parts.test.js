// The People view's smaller parts on their own: what stands in place of the list, the selection's
// controls, and the ledger's one row editor.
import { resetPage, textOf } from './support/dom.js';
import { click, type } from './support/people.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { formerToggle, listOrEmpty } from '../../ui/views/people-empty.js';
import { selectionControls, selectionState } from '../../ui/views/people-selection.js';
import { rowEditor } from '../../ui/views/ledger-parts.js';
import { h } from '../../ui/lib/dom.js';
import { emptyFilters } from '../../ui/views/people-filters.js';

beforeEach(() => resetPage());

const NO_FILTERS = emptyFilters();
function stand(extra) {
  const calls = [];
  const scroller = h('div', { class: 'people-scroll' });
  const el = listOrEmpty({
    total: 0, query: '', filters: NO_FILTERS, scroller,
    clearFilters: () => calls.push(['clear']),
    add: (name) => calls.push(['add', name]),
    startImport: () => calls.push(['import']),
    tryButton: () => h('button', { id: 'try-sample' }, 'Try it'),
    ...extra,
  });
  return { el, calls, scroller };
}

test('with rows the list itself shows; with no one at all, where to begin', () => {
  const withRows = stand({ total: 3 });
  assert.equal(withRows.el, withRows.scroller);
  const { el, calls } = stand();
  assert.equal(el.id, 'people-empty');
  assert.ok(el.querySelector('#try-sample'), 'the sample\'s button is offered');
  click(el.querySelector('#add-first-person'));
  click(el.querySelector('#import-first'));
  assert.deepEqual(calls, [['add', undefined], ['import']]);
});

test('a search that found no one offers to add them by that name, as text', () => {
  const { el, calls } = stand({ query: '<b>Dana</b>' });
  assert.equal(el.id, 'people-no-match');
  assert.match(textOf(el), /^No one matches “<b>Dana<\/b>”\. Try fewer words, or add them\.$/);
  assert.equal(el.querySelector('b'), null, 'the query is never markup');
  click(el.querySelector('button'));
  assert.deepEqual(calls, [['add', '<b>Dana</b>']]);
});

test('filters that match no one offer to clear them; no former colleagues says how they come', () => {
  const filtered = stand({ filters: { ...NO_FILTERS, tags: ['mentor'] }, query: 'kim' });
  assert.equal(textOf(filtered.el), 'No one matches “kim” with these filters. Clear filters.');
  click(filtered.el.querySelector('#people-no-match-clear'));
  assert.deepEqual(filtered.calls, [['clear']]);
  const former = stand({ filters: { ...NO_FILTERS, former: true } });
  assert.equal(former.el.id, 'former-empty');
  assert.equal(textOf(formerToggle(true, () => {}).querySelector('#toggle-former')), 'Back to current people');
  assert.equal(textOf(formerToggle(false, () => {}).querySelector('#toggle-former')), 'Former colleagues');
});

test('a range inside the cached rows needs no call; beyond it, the ids are asked for once', async () => {
  const selection = selectionState();
  let asked = 0;
  let renders = 0;
  const cached = ['a', 'b', 'c', 'd'];
  const controls = selectionControls({
    selection,
    cachedId: (i) => cached[i],
    allIds: async () => { asked += 1; return ['a', 'b', 'c', 'd', 'e', 'f', 'g']; },
    render: () => { renders += 1; },
    countText: () => `${selection.ids.size} selected`,
  });
  await controls.check('b', 1, { range: false });
  await controls.check('d', 3, { range: true });
  assert.deepEqual([...selection.ids].sort(), ['b', 'c', 'd']);
  assert.equal(asked, 0, 'the cache held the range');
  await controls.check('g', 6, { range: true });
  assert.deepEqual([...selection.ids].sort(), ['b', 'c', 'd', 'e', 'f', 'g']);
  assert.equal(asked, 1);
  assert.equal(renders, 3);
  assert.equal(controls.unselect(), true);
  assert.equal(controls.unselect(), false, 'nothing left to clear');
  await controls.selectAll();
  assert.equal(selection.ids.size, 7);
});

test('the ledger edits one row at a time: opening a second row cancels the first', () => {
  const editor = rowEditor(() => {});
  const rows = ['one', 'two'].map((id) => {
    const row = h('li', { 'data-id': id }, h('span', {}, id), h('button', { class: 'edit' }, 'Edit'));
    document.body.append(row);
    return row;
  });
  const formFor = (id) => h('form', {}, h('input', { id: `edit-${id}` }), h('button', { type: 'button', class: 'edit-cancel' }, 'Cancel'));
  const first = formFor('one');
  editor.open(rows[0], first, { prefix: 'edit-one', editButton: '.edit', save: async () => 'Saved' });
  type(first.querySelector('input'), 'typed');
  assert.equal(editor.isDirty(), true);
  editor.open(rows[1], formFor('two'), { prefix: 'edit-two', editButton: '.edit', save: async () => 'Saved' });
  assert.equal(first.isConnected, false, 'the first row\'s editor is closed');
  assert.equal(editor.isDirty(), false, 'the open editor holds nothing typed');
});
