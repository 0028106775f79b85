// Editing a journal record in its row: the creation form pre-filled, Save / Cancel / Escape,
// field errors at the field, a toast saying what changed; and the timeline's "Show older".
import { click, peopleAnswers, person, press, settle, type } from './support/people.js';
import { fakeApi, resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { personJournal } from '../../ui/views/person-journal.js';
import { doneAtOf } from '../../ui/views/person-ledger.js';
import { changedFields, editMessage, listOfChanges } from '../../ui/lib/row-edit.js';

globalThis.CSS ??= { escape: (s) => String(s).replace(/["\\]/g, '\\$&') };

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const DANA = person(1, { name: 'Dana Ng' });
const SAM = person(2, { name: 'Sam Patel' });
const noUndo = { push: () => ({}) };
const toast = () => textOf($('#toasts .toast span'));
const fieldError = (message, field) => Object.assign(new Error(message), { code: 'x', field });
const choose = (select, value) => {
  for (const o of select.querySelectorAll('option')) {
    if (o.value === value) o.setAttribute('selected', ''); else o.removeAttribute('selected');
  }
};

const COFFEE = {
  id: 'i1', occurred_at: '2026-11-03T10:00:00.000Z', kind: 'coffee',
  people: [{ id: 'p1', name: 'Dana Ng' }], notes: 'Old notes', follow_up: 'Send the deck',
};

async function mount(extra) {
  const api = fakeApi(peopleAnswers([DANA, SAM], extra));
  const journal = personJournal(DANA, { api, undo: noUndo, runUndo() {}, onChange() {} });
  document.body.append(journal.el);
  await settle();
  return { api, journal };
}

test('an interaction opens in its row as the log form, pre-filled, and saves only what changed', async () => {
  const saved = { ...COFFEE, notes: 'New notes', people: [{ id: 'p1', name: 'Dana Ng' }, { id: 'p2', name: 'Sam Patel' }] };
  const { api, journal } = await mount({
    personTimelinePage: { interactions: [COFFEE], older: null },
    editInteraction: saved,
  });
  click($('#timeline [data-id="i1"] .interaction-edit'));
  await settle();
  const form = $('#timeline [data-id="i1"] #edit-interaction-form');
  assert.ok(form, 'the row holds the edit form');
  assert.equal($('#edit-interaction-notes').value, 'Old notes');
  assert.equal($('#edit-interaction-follow_up').value, 'Send the deck');
  assert.equal($('#edit-interaction-kind').value, 'coffee');
  assert.deepEqual([...$('#edit-interaction-people').querySelectorAll('option')].filter((o) => o.selected).map((o) => o.value), ['p1'],
    'who it was with is chosen; everyone can be');
  assert.equal(journal.isDirty(), false, 'nothing typed yet');
  type($('#edit-interaction-notes'), 'New notes');
  $('#edit-interaction-people option[value="p2"]').setAttribute('selected', '');
  assert.equal(journal.isDirty(), true, 'an open edit with typed text is unsaved work');
  submit(form);
  await settle();
  const [, id, input] = api.calls.find(([name]) => name === 'editInteraction');
  assert.equal(id, 'i1');
  assert.deepEqual(input, { occurred_at: null, kind: 'coffee', people: ['p1', 'p2'], notes: 'New notes', follow_up: 'Send the deck' },
    'an untouched time is sent as none, so it keeps its seconds');
  assert.equal($('#edit-interaction-form'), null, 'the form closes');
  assert.match(textOf($('#timeline [data-id="i1"]')), /New notes/);
  assert.match(textOf($('#timeline [data-id="i1"]')), /with Sam Patel/);
  assert.match(toast(), /^Changed the Coffee: the people and the notes/);
  assert.equal(document.activeElement, $('#timeline [data-id="i1"] .interaction-edit'), 'focus comes back to the row');
});

test('Escape or Cancel puts the row back as it was, and nothing is sent', async () => {
  const { api } = await mount({ personTimelinePage: { interactions: [COFFEE], older: null } });
  const before = textOf($('#timeline [data-id="i1"]'));
  click($('#timeline .interaction-edit'));
  await settle();
  type($('#edit-interaction-notes'), 'Never mind');
  assert.equal(press($('#edit-interaction-notes'), 'Escape'), true, 'Escape is the form\'s');
  assert.equal($('#edit-interaction-form'), null);
  assert.equal(textOf($('#timeline [data-id="i1"]')), before);
  assert.equal(document.activeElement, $('#timeline .interaction-edit'));
  click($('#timeline .interaction-edit'));
  click($('#edit-interaction-cancel'));
  assert.equal($('#edit-interaction-form'), null);
  assert.equal(api.calls.some(([name]) => name === 'editInteraction'), false);
});

test('an error from the core shows at its field, as when logging, and the form stays open', async () => {
  const { api } = await mount({
    personTimelinePage: { interactions: [COFFEE], older: null },
    editInteraction: fieldError('2026-12-01 09:00 UTC is in the future.', 'occurred_at'),
  });
  click($('#timeline .interaction-edit'));
  await settle();
  type($('#edit-interaction-occurred_at'), '2026-12-01T10:00');
  submit($('#edit-interaction-form'));
  await settle();
  const [, , input] = api.calls.find(([name]) => name === 'editInteraction');
  assert.equal(input.occurred_at, new Date('2026-12-01T10:00').toISOString(), 'a changed time is sent');
  assert.equal(textOf($('#edit-interaction-occurred_at-error')), '2026-12-01 09:00 UTC is in the future.');
  assert.equal($('#edit-interaction-occurred_at').getAttribute('aria-invalid'), 'true');
  assert.ok($('#edit-interaction-form'), 'still open to correct');
});

test('Show older asks for the next page by its cursor and adds it below', async () => {
  const cursor = { occurred_at: COFFEE.occurred_at, id: 'i1' };
  const old = { ...COFFEE, id: 'i0', occurred_at: '2025-01-01T10:00:00.000Z', notes: 'Long ago' };
  const { api } = await mount({
    personTimelinePage: (personId, before) => (before ? { interactions: [old], older: null } : { interactions: [COFFEE], older: cursor }),
  });
  const button = $('#timeline-older');
  assert.equal(button.hidden, false, 'there is more to show');
  click(button);
  await settle();
  assert.deepEqual(api.calls.filter(([name]) => name === 'personTimelinePage').map(([, ...args]) => args),
    [['p1', null], ['p1', cursor]]);
  assert.deepEqual([...document.querySelectorAll('#timeline .interaction')].map((li) => li.dataset.id), ['i1', 'i0']);
  assert.equal(button.hidden, true, 'nothing older left');
});

const FAVOUR = {
  id: 'f1', person_id: 'p1', direction: 'by_them', description: 'Reviewed my doc', status: 'open',
  done_at: null, thanked_at: null, thanked_how: '', created_at: '2026-11-01T09:00:00.000Z', thanks_due: false,
};

test('a favour edits in its row: text, direction, status and the day it was done', async () => {
  const saved = { ...FAVOUR, status: 'done', done_at: '2026-10-20T10:00:00.000Z', description: 'Reviewed my design doc' };
  const { api } = await mount({
    listFavours: { favours: [FAVOUR], balance: { by_them: 0, by_me: 0 }, balance_days: 182 },
    editFavour: saved,
  });
  click($('#favours .favour-edit'));
  assert.equal($('#edit-favour-description').value, 'Reviewed my doc');
  assert.equal($('#edit-favour-direction').value, 'by_them');
  assert.equal($('#edit-favour-status').value, 'open');
  type($('#edit-favour-description'), 'Reviewed my design doc');
  choose($('#edit-favour-status'), 'done');
  $('#edit-favour-status').dispatchEvent(new Event('change'));
  assert.equal($('#edit-favour-done_at').hidden, false, 'a done favour has a day');
  type($('#edit-favour-done_at'), '2026-10-20');
  submit($('#edit-favour-form'));
  await settle();
  const [, id, input] = api.calls.find(([name]) => name === 'editFavour');
  assert.equal(id, 'f1');
  assert.deepEqual(input, { direction: 'by_them', description: 'Reviewed my design doc', status: 'done', done_at: doneAtOf('2026-10-20') });
  assert.equal(toast(), 'Changed the favour: the text, the status and the day it was done');
});

test('a favour\'s field error shows next to the field, as when adding one', async () => {
  await mount({
    listFavours: { favours: [FAVOUR], balance: { by_them: 0, by_me: 0 }, balance_days: 182 },
    editFavour: fieldError('Say what the favour is, in a few words.', 'description'),
  });
  click($('#favours .favour-edit'));
  type($('#edit-favour-description'), '  ');
  submit($('#edit-favour-form'));
  await settle();
  assert.equal(textOf($('#edit-favour-description-error')), 'Say what the favour is, in a few words.');
  assert.equal(document.activeElement, $('#edit-favour-description'));
});

const PROMISE = {
  id: 'r1', person_id: 'p1', owner: 'mine', description: 'The deck', due_on: '2026-11-30', status: 'open',
  closed_at: null, created_at: '2026-11-01T09:00:00.000Z', overdue: false,
};

test('a promise edits in its row: its due date can be cleared, its status changed', async () => {
  const { api } = await mount({
    listPromises: [PROMISE],
    editPromise: { ...PROMISE, due_on: null, status: 'kept' },
  });
  click($('#promises .promise-edit'));
  assert.equal($('#edit-promise-due_on').value, '2026-11-30');
  assert.equal($('#edit-promise-owner').value, 'mine');
  type($('#edit-promise-due_on'), '');
  choose($('#edit-promise-status'), 'kept');
  submit($('#edit-promise-form'));
  await settle();
  const [, id, input] = api.calls.find(([name]) => name === 'editPromise');
  assert.equal(id, 'r1');
  assert.deepEqual(input, { owner: 'mine', description: 'The deck', due_on: '', status: 'kept' });
  assert.equal(toast(), 'Changed the promise: the due date and the status');
});

test('a promise\'s bad due date is shown at the date', async () => {
  await mount({ listPromises: [PROMISE], editPromise: fieldError('“2026-02-30” is not a date.', 'due_on') });
  click($('#promises .promise-edit'));
  submit($('#edit-promise-form'));
  await settle();
  assert.equal(textOf($('#edit-promise-due_on-error')), '“2026-02-30” is not a date.');
});

test('a conflict edits in its row and Escape cancels it', async () => {
  const conflict = { id: 'c1', person_id: 'p1', description: 'The plan', resolve_by: null, status: 'open', resolution: '', resolved_at: null, created_at: '2026-11-01T09:00:00.000Z', overdue: false };
  const { api } = await mount({ listConflicts: [conflict], editConflict: { ...conflict, resolve_by: '2026-12-01' } });
  click($('#conflicts .conflict-edit'));
  assert.equal($('#edit-conflict-description').value, 'The plan');
  press($('#edit-conflict-description'), 'Escape');
  assert.equal($('#edit-conflict-form'), null);
  click($('#conflicts .conflict-edit'));
  type($('#edit-conflict-resolve_by'), '2026-12-01');
  submit($('#edit-conflict-form'));
  await settle();
  assert.deepEqual(api.calls.find(([name]) => name === 'editConflict').slice(1),
    ['c1', { description: 'The plan', resolve_by: '2026-12-01' }]);
  assert.equal(toast(), 'Changed the conflict: the resolve-by date');
});

test('one row is edited at a time', async () => {
  const conflict = { id: 'c1', person_id: 'p1', description: 'The plan', resolve_by: null, status: 'open', resolution: '', resolved_at: null, created_at: '2026-11-01T09:00:00.000Z', overdue: false };
  await mount({ listPromises: [PROMISE], listConflicts: [conflict] });
  click($('#promises .promise-edit'));
  click($('#conflicts .conflict-edit'));
  assert.equal($('#edit-promise-form'), null, 'the first editor closed');
  assert.ok($('#edit-conflict-form'));
});

test('the words of an edit\'s toast', () => {
  assert.equal(listOfChanges(['the date']), 'the date');
  assert.equal(listOfChanges(['the date', 'the notes']), 'the date and the notes');
  assert.equal(listOfChanges(['a', 'b', 'c']), 'a, b and c');
  const fields = { 'the people': (x) => x.people, 'the notes': (x) => x.notes };
  assert.deepEqual(changedFields({ people: ['a'], notes: 'x' }, { people: ['a'], notes: 'y' }, fields), ['the notes']);
  assert.equal(editMessage('the favour', []), 'Nothing changed in the favour');
  const now = new Date(2026, 10, 5, 15, 30);
  assert.equal(doneAtOf('2026-11-05', now), now.toISOString(), 'today is now, not a midday still to come');
  assert.equal(doneAtOf('2026-11-01', now), new Date(2026, 10, 1, 12, 0).toISOString());
});
