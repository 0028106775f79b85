import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';

import { ApiError } from '../../ui/lib/api.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { dateText, timeText } from '../../ui/lib/format.js';
import { mountReminders } from '../../ui/views/reminders.js';

// Times are written in this computer's locale (format.test.js pins how); the view says when.
const at = (hhmm) => timeText(`2026-11-27T${hhmm}:00Z`, 'UTC');

const NOW = '2026-11-27T10:00:00Z';

const overview = (extra = {}) => ({
  now: NOW,
  time_zone: 'UTC',
  overdue: [{ subject: 'thank:f1', kind: 'thank_you', title: 'Thank Dana Ng', body: 'For the intro to Marco Rossi', due: '2026-11-26T09:00:00Z', person_id: 'p1' }],
  today: [{ subject: 'reminder:r1', kind: 'one_off', title: 'Call the bank', body: '', due: '2026-11-27T16:00:00Z', reminder_id: 'r1', snoozed: true, repeats: true }],
  upcoming: [],
  done: [{ subject: 'promise:x', kind: 'promise', title: 'Send the deck', done_at: '2026-11-27T08:00:00Z' }],
  held_until: null,
  paused_until: null,
  desktop_problem: null,
  ...extra,
});

const views = [];
async function mount(answers = {}, extraCtx = {}) {
  resetPage();
  const api = fakeApi({ remindersOverview: overview(), listCheckIns: [], ...answers });
  let badge = 0;
  const ctx = fakeContext(api, { refreshBadge: async () => { badge += 1; }, ...extraCtx });
  const view = mountReminders(ctx);
  views.push(view);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, badge: () => badge, $: (sel) => view.el.querySelector(sel) };
}

const lastCall = (api, name) => api.calls.filter(([n]) => n === name).at(-1);
const toast = () => textOf(document.querySelector('#toasts .toast > span'));

/** Clicks the toast's Undo and checks it only asks the app to undo, calling nothing itself. */
async function clickUndo(api, ctx) {
  const button = document.getElementById('toast-undo');
  assert.equal(textOf(button), 'Undo', 'the toast offers Undo');
  api.calls.length = 0;
  button.dispatchEvent(new Event('click'));
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change');
  assert.deepEqual(api.calls, [], 'the view puts nothing back itself');
}

afterEach(() => {
  // The view ticks every minute: stop it so the test process can end.
  while (views.length) views.pop().destroy();
  setPresentingMode('names');
});

test('it reads the overview and the check-ins, draws each list and refreshes the badge', async () => {
  const { api, $, badge } = await mount();
  assert.deepEqual(api.calls.map((c) => c[0]), ['remindersOverview', 'listCheckIns']);
  const thank = $('#reminders-overdue li[data-subject="thank:f1"]');
  assert.equal(thank.className, 'reminder-item overdue');
  assert.equal(textOf(thank.querySelector('.kind')), 'Thank-you');
  assert.equal(thank.querySelector('a.reminder-title').getAttribute('href'), '#/people/p1');
  assert.equal(textOf(thank.querySelector('.reminder-due')), `yesterday ${at('09:00')}`);
  assert.equal(textOf(thank.querySelector('.reminder-done')), 'Thanked');
  assert.ok(thank.querySelector('.reminder-skip'), 'a thank-you can be skipped');
  assert.equal(thank.querySelector('.reminder-delete'), null, 'only written reminders can be deleted');

  const call = $('#reminders-today li');
  assert.equal(textOf(call.querySelector('.reminder-due')), `today ${at('16:00')} · snoozed · repeats`);
  assert.equal(call.querySelector('.reminder-delete').getAttribute('aria-label'), 'Delete the reminder “Call the bank”');
  assert.equal(textOf($('#reminders-upcoming')), 'Nothing in the next two weeks.');
  assert.equal(textOf($('#reminders-done li')), `PromiseSend the deckdone today ${at('08:00')}`);
  assert.equal(textOf($('#check-ins')), 'No check-in plans.');
  assert.ok(badge() >= 1, 'the sidebar count is read again after drawing');
  assert.equal($('#reminder-banners').children.length, 0);
});

test('snoozing calls snoozeReminder with the subject and the choice, says until when, and reloads', async () => {
  const { api, $ } = await mount({ snoozeReminder: '2026-11-27T11:00:00Z' });
  const select = $('#reminders-overdue .reminder-snooze');
  select.value = 'hour';
  select.dispatchEvent(new Event('change'));
  await settle();
  assert.deepEqual(lastCall(api, 'snoozeReminder'), ['snoozeReminder', 'thank:f1', { for: 'hour' }]);
  assert.equal(toast(), `Snoozed until today ${at('11:00')}`);
  assert.equal(api.calls.at(-1)[0], 'remindersOverview');
});

test('"until a time I pick" shows a field first and snoozes to the time set', async () => {
  const { api, $ } = await mount({ snoozeReminder: '2026-11-28T09:00:00Z' });
  const item = $('#reminders-today li');
  const select = item.querySelector('.reminder-snooze');
  select.value = 'until';
  select.dispatchEvent(new Event('change'));
  await settle();
  assert.equal(item.querySelector('.snooze-pick').hidden, false);
  assert.equal(lastCall(api, 'snoozeReminder'), undefined, 'nothing is snoozed before a time is set');
  item.querySelector('.snooze-at').value = '2026-11-28T09:00';
  item.querySelector('.snooze-set').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'snoozeReminder'), ['snoozeReminder', 'reminder:r1', { for: 'until', at: '2026-11-28T09:00' }]);
});

test('done completes by subject; a failure is shown and the list read again', async () => {
  const { api, $ } = await mount({ completeReminder: new ApiError({ code: 'x', message: 'Already done elsewhere' }) });
  $('#reminders-overdue .reminder-done').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'completeReminder'), ['completeReminder', 'thank:f1']);
  assert.equal(toast(), 'Already done elsewhere');
  assert.equal(api.calls.at(-1)[0], 'remindersOverview');
});

test('skipping a thank-you dismisses it and offers Undo, which asks the app to undo', async () => {
  let current = overview();
  const { api, ctx, $ } = await mount({
    remindersOverview: () => current,
    dismissReminder: () => { current = overview({ overdue: [] }); return null; },
  });
  assert.ok($('#reminders-overdue li[data-subject="thank:f1"]'));
  $('.reminder-skip').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'dismissReminder'), ['dismissReminder', 'thank:f1']);
  assert.equal(api.calls.at(-1)[0], 'remindersOverview', 'the lists are read again');
  assert.equal($('#reminders-overdue li[data-subject="thank:f1"]'), null, 'the thank-you is gone');
  assert.equal(toast(), 'Skipped “\u2068Thank Dana Ng\u2069”');
  await clickUndo(api, ctx);
});

test('deleting a written reminder takes it off and offers Undo, which asks the app to undo', async () => {
  let current = overview();
  const { api, ctx, $ } = await mount({
    remindersOverview: () => current,
    deleteReminder: () => { current = overview({ today: [] }); return null; },
  });
  assert.ok($('#reminders-today li[data-subject="reminder:r1"]'));
  $('.reminder-delete').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'deleteReminder'), ['deleteReminder', 'r1']);
  assert.equal(api.calls.at(-1)[0], 'remindersOverview', 'the lists are read again');
  assert.equal($('#reminders-today li[data-subject="reminder:r1"]'), null, 'the reminder is gone');
  assert.equal(toast(), 'Deleted the reminder');
  await clickUndo(api, ctx);
});

test('a new reminder is written in the form and added; a refusal is shown at its field', async () => {
  let refuse = true;
  const { api, $, view } = await mount({
    addReminder: () => (refuse ? new ApiError({ code: 'invalid', message: 'Say what to remind you of.', field: 'title' }) : { id: 'r2' }),
  });
  const form = $('#reminder-form');
  assert.equal(form.hidden, true);
  $('#new-reminder').dispatchEvent(new Event('click'));
  await settle();
  assert.equal(form.hidden, false);
  assert.equal(textOf($('#reminder-form-title')), 'New reminder');
  assert.equal($('#reminder-repeat').value, 'never');
  assert.match($('#reminder-due').value, /^\d{4}-\d\d-\d\dT\d\d:\d\d$/);

  form.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.equal(textOf($('#reminder-title-error')), 'Say what to remind you of.');
  assert.equal($('#reminder-title').getAttribute('aria-invalid'), 'true');
  assert.equal(form.hidden, false, 'the form stays open on a refusal');

  refuse = false;
  $('#reminder-title').value = 'Ask Dana';
  $('#reminder-note').value = 'about the reorg';
  $('#reminder-due').value = '2026-12-01T09:00';
  $('#reminder-repeat').value = 'weekly';
  assert.equal(view.handle('save'), true, 'Ctrl+Enter saves while the form is open');
  await settle();
  assert.deepEqual(lastCall(api, 'addReminder'),
    ['addReminder', { title: 'Ask Dana', note: 'about the reorg', due: '2026-12-01T09:00', repeat: 'weekly' }]);
  assert.equal(form.hidden, true);
  assert.equal(view.handle('save'), false, 'nothing to save once closed');
});

test('editing reads the reminder into the form and saves it under its id', async () => {
  const { api, $ } = await mount({ getReminder: { title: 'Call the bank', note: 'n', due: '2026-11-27T16:00', repeat: 'monthly' } });
  $('.reminder-edit').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'getReminder'), ['getReminder', 'r1']);
  assert.equal(textOf($('#reminder-form-title')), 'Edit reminder');
  assert.equal($('#reminder-title').value, 'Call the bank');
  assert.equal($('#reminder-repeat').value, 'monthly');
  $('#reminder-form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.deepEqual(lastCall(api, 'editReminder'),
    ['editReminder', 'r1', { title: 'Call the bank', note: 'n', due: '2026-11-27T16:00', repeat: 'monthly' }]);
  assert.equal(lastCall(api, 'addReminder'), undefined);
});

test('Esc closes the form without saving', async () => {
  const { api, $, view } = await mount();
  $('#new-reminder').dispatchEvent(new Event('click'));
  await settle();
  assert.equal(view.handle('cancel'), true);
  assert.equal($('#reminder-form').hidden, true);
  assert.equal(view.handle('cancel'), false);
  assert.equal(lastCall(api, 'addReminder'), undefined);
});

test('banners say why pop-ups are missing or held, and a pause can be resumed', async () => {
  const { api, $ } = await mount({
    remindersOverview: overview({ desktop_problem: 'no notification daemon', held_until: '2026-11-27T18:00:00Z', paused_until: '2026-11-27T11:00:00Z' }),
  });
  assert.equal(textOf($('#reminders-desktop-problem')),
    'Desktop pop-ups are not working (no notification daemon), so reminders are shown here instead.');
  assert.equal(textOf($('#reminders-held')), `Quiet time: pop-ups wait until today ${at('18:00')}. Everything due is listed below.`);
  assert.equal(textOf($('#reminders-paused')), `Paused until today ${at('11:00')}. Reminders still collect here.`);
  assert.equal($('#pause-hour'), null);
  $('#pause-resume').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'pauseReminders'), ['pauseReminders', 'resume']);
});

test('pausing for an hour asks the app to hold pop-ups', async () => {
  const { api, $ } = await mount();
  assert.equal($('#pause-resume'), null);
  $('#pause-hour').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'pauseReminders'), ['pauseReminders', 'hour']);
  $('#pause-tomorrow').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'pauseReminders'), ['pauseReminders', 'until_tomorrow']);
});

test('while presenting, names in the app\'s words become initials, former people included', async () => {
  setPresentingMode('initials');
  const { api, $ } = await mount({ listPeople: [{ id: 'p1', name: 'Dana Ng' }], listFormerPeople: [{ id: 'p2', name: 'Marco Rossi' }] });
  assert.deepEqual(api.calls.slice(0, 3).map((c) => c[0]), ['remindersOverview', 'listPeople', 'listCheckIns']);
  assert.ok(api.calls.some(([n]) => n === 'listFormerPeople'));
  const item = $('#reminders-overdue li');
  assert.equal(textOf(item.querySelector('.reminder-title')), 'Thank DN');
  assert.equal(textOf(item.querySelector('.reminder-body')), 'For the intro to MR');
});

test('while presenting without the people list, reminder text is hidden', async () => {
  setPresentingMode('initials');
  const { $ } = await mount({ listPeople: new Error('locked') });
  assert.equal(textOf($('#reminders-overdue .reminder-title')), 'Hidden while presenting');
});

test('an overview that cannot load says why above the lists', async () => {
  const { $ } = await mount({ remindersOverview: new ApiError({ code: 'db', message: 'The database is busy' }) });
  assert.equal(textOf($('#reminder-banners [role=alert]')), 'The database is busy');
});

test('check-ins are listed, added from the form and deleted with an Undo that asks the app to undo', async () => {
  let checkIns = [{ id: 'c1', label: 'New job', start_on: '2026-11-02' }];
  const { api, ctx, $ } = await mount({
    listCheckIns: () => checkIns,
    deleteCheckIn: (id) => { checkIns = checkIns.filter((c) => c.id !== id); return null; },
  });
  assert.equal(textOf($('#check-ins .ledger-text')), `New job · started ${dateText('2026-11-02')}`);

  $('#check-in-label').value = 'New manager';
  $('#check-in-start_on').value = '2026-12-01';
  $('#check-in-form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.deepEqual(lastCall(api, 'addCheckIn'), ['addCheckIn', { label: 'New manager', start_on: '2026-12-01' }]);
  assert.equal($('#check-in-label').value, '', 'the form is emptied once added');

  api.calls.length = 0;
  $('#check-ins button[aria-label="Delete the check-ins for “New job”"]').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(api.calls[0], ['deleteCheckIn', 'c1']);
  assert.deepEqual(api.calls.slice(1).map(([name]) => name).sort(), ['listCheckIns', 'remindersOverview'], 'check-ins and lists are read again');
  assert.equal($('#check-ins .ledger-text'), null, 'the check-ins are gone');
  assert.equal(toast(), 'Deleted the check-ins');
  await clickUndo(api, ctx);
});

test('a refused check-in is shown at its field', async () => {
  const { $ } = await mount({ addCheckIn: new ApiError({ code: 'invalid', message: 'Pick the start date.', field: 'start_on' }) });
  $('#check-in-form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.equal(textOf($('#check-in-start_on-error')), 'Pick the start date.');
  assert.equal($('#check-in-start_on-error').hidden, false);
});

test('each reminder shows the answers it offers: kinds for keeping in touch, Resolve with how, their promise', async () => {
  const overdue = [
    { subject: 'keep_in_touch:p1', kind: 'keep_in_touch', title: 'Keep in touch with Dana Ng', body: '', due: '2026-11-26T09:00:00Z', person_id: 'p1', offers: ['got_in_touch'] },
    { subject: 'conflict:c1', kind: 'conflict', title: 'Resolve the tension with Dana Ng', body: '', due: '2026-11-26T09:00:00Z', person_id: 'p1', offers: ['resolve'] },
    { subject: 'promise:x', kind: 'promise', title: 'Check on Omar’s promise', body: '', due: '2026-11-26T09:00:00Z', person_id: 'p2', offers: ['kept', 'not_kept', 'ask_again'] },
  ];
  const { api, $ } = await mount({ remindersOverview: overview({ overdue }) });
  const row = (s) => $(`#reminders-overdue [data-subject="${s}"]`);
  assert.equal(row('conflict:c1').querySelector('.reminder-done'), null, 'a conflict has no Done');
  assert.equal(row('promise:x').querySelector('.reminder-done'), null, 'their promise has no Done');
  row('conflict:c1').querySelector('.answer-how').value = 'Agreed on a pilot';
  row('conflict:c1').querySelector('.answer-resolved').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'conflict:c1', { answer: 'resolved', how: 'Agreed on a pilot' }]);
  assert.equal(toast(), 'Resolved: Resolve the tension with Dana Ng');
  row('keep_in_touch:p1').querySelector('.contact-one_on_one').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'keep_in_touch:p1', { answer: 'got_in_touch', kind: 'one_on_one', note: '' }]);
  row('promise:x').querySelector('.answer-not-kept').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'promise:x', { answer: 'not_kept' }]);
  assert.equal(api.calls.at(-1)[0], 'remindersOverview', 'read again after an answer');
});

test('a regular 1:1 offers "Log the 1:1", which logs it through the answer, beside Done', async () => {
  const overdue = [
    { subject: 'regular_one_on_one:p1', kind: 'regular_one_on_one', title: '1:1 with Dana Ng', body: '', due: '2026-11-26T09:00:00Z', person_id: 'p1', offers: ['log_one_on_one', 'done'] },
  ];
  const { api, $ } = await mount({ remindersOverview: overview({ overdue }) });
  const row = $('#reminders-overdue [data-subject="regular_one_on_one:p1"]');
  const log = row.querySelector('.answer-log-one-on-one');
  assert.equal(textOf(log), 'Log the 1:1');
  assert.equal(log.getAttribute('aria-label'), 'Log the 1:1: 1:1 with Dana Ng');
  assert.equal(textOf(row.querySelector('.reminder-done')), 'Done');
  log.dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'regular_one_on_one:p1', { answer: 'logged_one_on_one', note: '' }]);
  assert.equal(toast(), 'Logged the 1:1: 1:1 with Dana Ng');
});

test('reminders changed in the shell (a pop-up answered, one fired) are read again while the page is open, until it is left', async () => {
  let current = overview();
  const { api, ctx, view } = await mount({ remindersOverview: () => current });
  assert.match(textOf(view.el), /Thank Dana Ng/);
  current = overview({ overdue: [] });
  const before = api.calls.filter(([n]) => n === 'remindersOverview').length;
  ctx.emit('reminders-changed');
  await settle();
  assert.equal(api.calls.filter(([n]) => n === 'remindersOverview').length, before + 1, 'read once more');
  assert.doesNotMatch(textOf(view.el), /Thank Dana Ng/, 'the answered pop-up is gone from the page');
  view.destroy();
  ctx.emit('reminders-changed');
  await settle();
  assert.equal(api.calls.filter(([n]) => n === 'remindersOverview').length, before + 1, 'a page no longer shown stops listening');
});

test('a note half typed in a reminder stays when the lists are read again', async () => {
  let current = overview({ overdue: [{ subject: 'keep_in_touch:p1', kind: 'keep_in_touch', title: 'Keep in touch with Dana Ng', body: '', due: '2026-11-20T09:00:00Z', person_id: 'p1', offers: ['got_in_touch'] }] });
  const { ctx, $ } = await mount({ remindersOverview: () => current });
  const note = $("[data-subject='keep_in_touch:p1'] .answer-note");
  assert.ok(note, 'the row offers a note');
  note.value = 'Talked about the reorg';
  ctx.emit('reminders-changed');
  await settle();
  assert.equal($("[data-subject='keep_in_touch:p1'] .answer-note").value, 'Talked about the reorg', 'read again, the same');
  current = overview({ overdue: [{ ...current.overdue[0], body: 'Last talked 3 weeks ago' }] });
  ctx.emit('reminders-changed');
  await settle();
  assert.match(textOf($("[data-subject='keep_in_touch:p1']")), /Last talked 3 weeks ago/, 'the row changed');
  assert.equal($("[data-subject='keep_in_touch:p1'] .answer-note").value, 'Talked about the reorg', 'and the note went with it');
});
