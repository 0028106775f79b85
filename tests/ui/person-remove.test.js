// Removing a person over a fake api: the dialog's choices, deleting or keeping their history,
// the toast's Undo, bringing a former colleague back, and a refusal from the core.
import { callsTo, click, mountWith, peopleAnswers, person, press, settle } from './support/people.js';
import { resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { removeDialog, removedLabel } from '../../ui/views/person-remove.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);

/** A back end that removes, keeps and brings back people the way the core does. */
function backEnd(everyone, extra = {}) {
  const state = { current: [...everyone], former: [] };
  const answers = peopleAnswers([], {
    peoplePage: (...args) => peopleAnswers([...state.current, ...state.former]).peoplePage(...args),
    listFormerPeople: () => state.former,
    deletePerson: (id) => { state.current = state.current.filter((p) => p.id !== id); return null; },
    markFormer: (id) => {
      const p = state.current.find((x) => x.id === id);
      state.current = state.current.filter((x) => x !== p);
      state.former.push({ ...p, left_at: '2024-05-01T00:00:00Z' });
      return null;
    },
    restorePerson: (id) => {
      const p = [...state.former, ...everyone].find((x) => x.id === id);
      state.former = state.former.filter((x) => x.id !== id);
      const back = { ...p, left_at: null };
      state.current = [...state.current, back].sort((a, b) => a.name.localeCompare(b.name));
      return back;
    },
    ...extra,
  });
  return { answers, state };
}

const TEAM = [person(1, { name: 'Dana Ng' }), person(2, { name: 'Sam Patel' })];

test('Delete asks what to keep; deleting removes them, with Undo that asks the app to undo', async () => {
  const { answers } = backEnd(TEAM);
  const { api, ctx, el } = await mountWith(answers);
  click($('.person-row[data-id="p1"]'));
  await settle();
  click($('#person-delete'));
  const dialog = $('#leave-dialog');
  assert.ok(dialog.hasAttribute('open'), 'a modal dialog asks');
  assert.equal(textOf(dialog.querySelector('#leave-title')), 'Remove Dana Ng?');
  assert.ok(dialog.querySelector('#leave-keep') && dialog.querySelector('#leave-delete') && dialog.querySelector('#leave-cancel'));
  api.calls.length = 0;
  click(dialog.querySelector('#leave-delete strong')); // a click on the words inside the choice counts
  await settle();
  assert.equal($('#leave-dialog'), null, 'the dialog is gone');
  assert.deepEqual(api.calls.slice(0, 2), [['deletePerson', 'p1'], ['peoplePage', { query: '' }, 0, 100]]);
  assert.equal(textOf(el.querySelector('#people-count')), '1 person');
  assert.ok($('#person-panel .panel-hint'), 'their form closed');
  assert.equal(document.activeElement.id, 'add-person');
  assert.equal(ctx.store.get('people'), 1);
  assert.equal(textOf($('#announcer')), 'Deleted Dana Ng. Press Ctrl+Z to undo.');
  assert.equal(textOf($('#toasts .toast > span')), 'Deleted Dana Ng');
  assert.equal(textOf($('#toast-undo')), 'Undo', 'the toast offers Undo');
  api.calls.length = 0;
  click($('#toast-undo'));
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change (and shows the view again)');
  assert.deepEqual(api.calls, [], 'the view restores no one itself');
  assert.equal($('#toast-undo'), null, 'the toast is gone');
});

test('keeping their history moves them to former colleagues, where they can be brought back', async () => {
  const { answers } = backEnd(TEAM);
  const { api, ctx, el, view } = await mountWith(answers);
  $('.person-row[data-id="p1"]').focus();
  const handled = view.handle('delete');
  assert.equal(handled, true, 'Delete on a focused row is the view\'s');
  click($('#leave-keep'));
  await settle();
  assert.deepEqual(callsTo(api, 'markFormer'), [['p1']]);
  assert.equal(textOf($('#toasts .toast > span')), 'Moved Dana Ng to former colleagues');
  click(el.querySelector('#toggle-former'));
  await settle();
  click($('.person-row[data-id="p1"]'));
  await settle();
  assert.match(textOf($('#former-notice')), /^Former colleague since /);
  click($('#person-delete'));
  assert.equal($('#leave-keep'), null, 'a former colleague can only be deleted');
  click($('#leave-cancel'));
  await settle();
  api.calls.length = 0;
  click($('#bring-back'));
  await settle();
  assert.deepEqual(api.calls.slice(0, 2), [['restorePerson', 'p1'], ['peoplePage', { query: '' }, 0, 100, 'p1']]);
  assert.equal(textOf(el.querySelector('#people-count')), '2 people', 'back among current people');
  assert.equal($('#person-name').value, 'Dana Ng', 'and open');
  assert.equal($('#former-notice'), null);
  assert.equal(ctx.store.get('people'), 2);
});

test('cancelling or pressing Esc in the dialog changes nothing', async () => {
  const { answers } = backEnd(TEAM);
  const { api, ctx } = await mountWith(answers);
  click($('.person-row[data-id="p2"]'));
  await settle();
  api.calls.length = 0;
  click($('#person-delete'));
  click($('#leave-cancel'));
  await settle();
  click($('#person-delete'));
  $('#leave-dialog').dispatchEvent(new Event('cancel', { cancelable: true }));
  await settle();
  assert.deepEqual(api.calls, [], 'no api call');
  assert.equal($('#leave-dialog'), null);
  assert.equal($('#person-name').value, 'Sam Patel', 'the person stays open');
  assert.equal(ctx.store.get('people'), 0);
});

test('a refusal from the core is shown in the open form, and the person stays', async () => {
  const { answers } = backEnd(TEAM, { deletePerson: new ApiError({ code: 'db.locked', message: 'The file is locked.' }) });
  const { el, ctx } = await mountWith(answers);
  click($('.person-row[data-id="p1"]'));
  await settle();
  click($('#person-delete'));
  click($('#leave-delete'));
  await settle();
  assert.equal(textOf($('#person-form-error')), 'The file is locked.');
  assert.equal(textOf(el.querySelector('#people-count')), '2 people');
  assert.equal(ctx.store.get('people'), 0);
});

test('Delete on something that is not a loaded row is not the view\'s', async () => {
  const { answers } = backEnd(TEAM);
  const { view } = await mountWith(answers);
  $('#people-search').focus();
  assert.equal(view.handle('delete'), false);
  assert.equal($('#leave-dialog'), null);
  assert.equal(press($('#people-search'), 'Delete'), false);
});

test('the dialog and its words, alone', () => {
  const dialog = removeDialog(person(1, { name: 'Ana <i>B</i>' }));
  assert.equal(dialog.querySelector('#leave-title').textContent, 'Remove Ana <i>B</i>?');
  assert.equal(dialog.querySelector('#leave-title i'), null);
  assert.deepEqual([...dialog.querySelectorAll('button')].map((b) => b.value), ['former', 'delete', '']);
  assert.equal(dialog.getAttribute('aria-labelledby'), 'leave-title');
  assert.equal(removedLabel({ name: 'Ana' }, 'former'), 'Moved Ana to former colleagues');
  assert.equal(removedLabel({ name: 'Ana' }, 'delete'), 'Deleted Ana');
});

test('a former colleague can be deleted permanently: one call, no Undo, and it says so', async () => {
  const former = person(1, { name: 'Dana Ng', left_at: '2024-05-01T00:00:00Z' });
  const { answers, state } = backEnd([person(2, { name: 'Sam Patel' })], {
    deletePersonPermanently: (id) => { state.former = state.former.filter((p) => p.id !== id); return { people: 1, records: 2, history_steps: 3 }; },
  });
  state.former.push(former);
  const dialog = removeDialog(former);
  assert.deepEqual([...dialog.querySelectorAll('button')].map((b) => b.value), ['delete', 'purge', ''],
    'a former colleague is deleted, or deleted permanently');
  assert.match(textOf(dialog.querySelector('#leave-purge')), /cannot be undone/);
  assert.equal(removeDialog(person(3)).querySelector('#leave-purge'), null, 'not offered for current people');
  assert.equal(removedLabel({ name: 'Ana' }, 'purge'), 'Deleted Ana permanently');

  const { api, el } = await mountWith(answers);
  click(el.querySelector('#toggle-former'));
  await settle();
  click($('.person-row[data-id="p1"]'));
  await settle();
  click($('#person-delete'));
  api.calls.length = 0;
  click($('#leave-purge'));
  await settle();
  assert.deepEqual(api.calls[0], ['deletePersonPermanently', 'p1']);
  assert.ok(!api.calls.some(([name]) => name === 'deletePerson'), 'not the undoable delete');
  assert.equal(textOf($('#announcer')), 'Deleted Dana Ng permanently. This cannot be undone.');
  assert.equal($('#toast-undo'), null, 'no Undo is offered for what cannot be undone');
  assert.match(textOf($('#toasts')), /Deleted Dana Ng permanently/);
  assert.equal($('.person-row[data-id="p1"]'), null, 'they are gone from the list');
});
