import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { dateText } from '../../ui/lib/format.js';
import { ApiError } from '../../ui/lib/api.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { mountTour } from '../../ui/views/tour.js';

const dana = { id: 'p1', name: 'Dana Ng', role: 'VP Sales', department: 'Sales' };

const tour = (extra = {}) => ({
  id: 't1',
  title: 'New job at Acme',
  start_on: '2026-11-02',
  stops: [
    { id: 's1', kind: 'leader', person_id: 'p1', name: 'Dana Ng', role: 'VP Sales', team: 'Sales', week: 1, week_starts: '2026-11-02',
      met_on: '2026-11-03', success: 'Ship the launch', challenges: '', who_else: 'Marco', suggested_by_name: null },
    { id: 's2', kind: 'team', person_id: null, name: 'Payments', team: 'Payments', week: 2, week_starts: '2099-11-09',
      met_on: null, suggested_by_name: 'Dana Ng' },
  ],
  progress: { met: 1, total: 2, next: ['s2'] },
  ...extra,
});

async function mount(answers = {}, extraCtx = {}) {
  resetPage();
  const api = fakeApi({ currentTour: tour(), listPeople: [dana], ...answers });
  const ctx = fakeContext(api, extraCtx);
  const view = mountTour(ctx);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, $: (sel) => view.el.querySelector(sel) };
}

const lastCall = (api, name) => api.calls.filter(([n]) => n === name).at(-1);
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click'));

/** Clicks the toast's Undo and checks it only asks the app to undo, calling nothing itself. */
async function clickUndo(api, ctx) {
  const button = document.getElementById('toast-undo');
  assert.equal(textOf(button), 'Undo', 'the toast offers Undo');
  api.calls.length = 0;
  click(button);
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change (and shows the view again)');
  assert.deepEqual(api.calls, [], 'the view puts nothing back itself');
}

afterEach(() => {
  for (const d of document.querySelectorAll('dialog')) d.remove();
  setPresentingMode('names');
});

test('without a tour it offers to start one, and starting draws the tour', async () => {
  let current = null;
  const { api, $, view } = await mount({ currentTour: () => current, createTour: () => { current = tour({ stops: [], progress: { met: 0, total: 0, next: [] } }); return current; } });
  assert.equal(view.el.dataset.loaded, 'true');
  assert.ok($('#tour-start'));
  assert.equal($('#tour-summary'), null);
  assert.match($('#tour-start_on').value, /^\d{4}-\d\d-\d\d$/, 'the first day defaults to today');
  $('#tour-title').value = 'New job at Acme';
  $('#tour-start_on').value = '2026-11-02';
  submit($('#tour-start'));
  await settle();
  assert.deepEqual(lastCall(api, 'createTour'), ['createTour', { title: 'New job at Acme', start_on: '2026-11-02' }]);
  assert.equal(textOf($('#tour-name')), 'New job at Acme');
  assert.equal(textOf($('#tour-progress')), 'No meetings planned yet.');
  assert.equal(textOf($('#tour-empty')).startsWith('No meetings planned yet.'), true);
});

test('a refused start is shown at its field', async () => {
  const { $ } = await mount({ currentTour: null, createTour: new ApiError({ code: 'invalid', message: 'Say what is starting.', field: 'title' }) });
  submit($('#tour-start'));
  await settle();
  assert.equal(textOf($('#tour-title-error')), 'Say what is starting.');
  assert.equal($('#tour-title-error').hidden, false);
});

test('the tour shows progress, what to book next and the plan week by week', async () => {
  const { api, $ } = await mount();
  assert.deepEqual(api.calls, [['currentTour'], ['listPeople', ''], ['listTours']]);
  assert.equal(textOf($('#tour-progress')), 'Met 1 of 2');
  const bar = $('.progress-track');
  assert.equal(bar.getAttribute('aria-valuenow'), '1');
  assert.equal(bar.getAttribute('aria-valuemax'), '2');
  assert.equal($('.progress-fill').style.width, '50%');
  assert.equal(textOf($('#tour-next')), 'Next to book: Payments');
  assert.deepEqual([...$('.tour-plan').querySelectorAll('h3')].map(textOf), [`Week 1 · from ${dateText('2026-11-02')}`, `Week 2 · from ${dateText('2026-11-09')}`]);

  const met = $('.tour-stop[data-id="s1"]');
  assert.equal(met.className, 'tour-stop status-met');
  assert.equal(met.querySelector('a.tour-stop-name').getAttribute('href'), '#/people/p1');
  assert.equal(textOf(met.querySelector('.tour-status')), `Met ${dateText('2026-11-03')}`);
  assert.equal(textOf(met.querySelector('.stop-record')), 'Answers');
  assert.ok(met.querySelector('.stop-suggest'), 'someone met can suggest others');
  const brief = met.querySelector('a.stop-brief');
  assert.equal(brief.getAttribute('href'), '#/brief/p1', 'the Brief link opens this person\'s meeting brief');
  assert.equal(textOf(brief), 'Brief');
  assert.equal(brief.getAttribute('aria-label'), 'Brief before meeting Dana Ng');
  assert.deepEqual([...met.querySelectorAll('.tour-answers dd')].map(textOf), ['Ship the launch', 'Marco'], 'unanswered questions are left out');

  const team = $('.tour-stop[data-id="s2"]');
  assert.equal(textOf(team.querySelector('strong.tour-stop-name')), 'Payments');
  assert.equal(textOf(team.querySelector('.tour-status')), 'Planned');
  assert.match(textOf(team.querySelector('.tour-stop-who')), /Team meeting.*suggested by Dana Ng/);
  assert.equal(team.querySelector('.stop-suggest'), null);
  assert.equal(team.querySelector('.stop-brief'), null, 'a team meeting has no one person to brief on');
  assert.equal(textOf(team.querySelector('.stop-record')), 'Record meeting');
});

test('while presenting, a person\'s stop and who suggested it appear as initials', async () => {
  setPresentingMode('initials');
  const { $ } = await mount();
  assert.equal(textOf($('.tour-stop[data-id="s1"] .tour-stop-name')), 'DN');
  assert.match(textOf($('.tour-stop[data-id="s2"] .tour-stop-who')), /suggested by DN$/);
  assert.equal($('.tour-stop[data-id="s1"] .stop-delete').getAttribute('aria-label'), 'Remove DN from the tour');
  assert.equal($('.tour-stop[data-id="s1"] .stop-brief').getAttribute('aria-label'), 'Brief before meeting DN');
});

test('the "Who" field says whether the name is known, and a team asks for the team instead', async () => {
  const { $ } = await mount();
  const who = $('#stop-person');
  const hint = $('#stop-person-hint');
  who.value = ' dana ng ';
  who.dispatchEvent(new Event('input'));
  assert.equal(textOf(hint), 'VP Sales · Sales');
  assert.equal($('.stop-new').hidden, true);
  who.value = 'Marco Rossi';
  who.dispatchEvent(new Event('input'));
  assert.equal(textOf(hint), 'Someone new: they will be added to your people.');
  assert.equal($('.stop-new').hidden, false, 'someone new needs a role and team');
  $('#stop-kind').value = 'team';
  $('#stop-kind').dispatchEvent(new Event('change'));
  assert.equal(textOf(hint), '');
  assert.equal($('#stop-team').closest('.field').hidden, false);
  assert.equal(who.closest('.field').hidden, true);
});

test('adding one of the user\'s people sends their id', async () => {
  const { api, $ } = await mount({ addTourStop: tour() });
  $('#stop-person').value = 'Dana Ng';
  $('#stop-week').value = '3';
  submit($('#stop-form'));
  await settle();
  assert.deepEqual(lastCall(api, 'addTourStop'), ['addTourStop', 't1', { kind: 'person', week: 3, team: '', person_id: 'p1' }]);
  assert.equal(api.calls.filter(([n]) => n === 'listPeople').length, 1, 'no one new, so the people are not read again');
});

test('adding someone new sends their name, role and team, then reads the people again', async () => {
  const { api, $ } = await mount({ addTourStop: tour() });
  $('#stop-person').value = 'Marco Rossi';
  $('#stop-role').value = 'Staff engineer';
  $('#stop-department').value = 'Payments';
  submit($('#stop-form'));
  await settle();
  assert.deepEqual(lastCall(api, 'addTourStop'), ['addTourStop', 't1',
    { kind: 'person', week: 1, team: '', new_person: { name: 'Marco Rossi', role: 'Staff engineer', department: 'Payments' } }]);
  assert.deepEqual(api.calls.at(-1), ['listPeople', '']);
});

test('a refused new person\'s name is shown at "Who"', async () => {
  const { $ } = await mount({ addTourStop: new ApiError({ code: 'invalid', message: 'Give their name.', field: 'name' }) });
  $('#stop-person').value = 'x';
  submit($('#stop-form'));
  await settle();
  assert.equal(textOf($('#stop-person-error')), 'Give their name.');
  assert.equal($('#stop-person-error').hidden, false);
});

test('recording a meeting checks the cadence, then saves the answers', async () => {
  const { api, $ } = await mount({ recordTourMeeting: tour() });
  click($('.tour-stop[data-id="s1"] .stop-record'));
  const dialog = document.getElementById('meeting-dialog');
  assert.ok(dialog.hasAttribute('open'));
  assert.equal(textOf(dialog.querySelector('h2')), 'Meeting Dana Ng');
  assert.equal(dialog.querySelector('#meeting-met_on').value, '2026-11-03');
  assert.equal(dialog.querySelector('#meeting-success').value, 'Ship the launch');
  dialog.querySelector('#meeting-cadence_days').value = '400';
  submit(dialog.querySelector('form'));
  await settle();
  assert.equal(textOf(dialog.querySelector('#meeting-cadence_days-error')), 'Keep in touch every 1 to 365 days.');
  assert.equal(lastCall(api, 'recordTourMeeting'), undefined, 'nothing is sent with a wrong cadence');

  dialog.querySelector('#meeting-cadence_days').value = '30';
  dialog.querySelector('#meeting-channel').value = 'coffee';
  submit(dialog.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'recordTourMeeting'), ['recordTourMeeting', 's1', {
    met_on: '2026-11-03', success: 'Ship the launch', challenges: '', who_else: 'Marco', channel: 'coffee', cadence_days: 30,
  }]);
  assert.equal(document.getElementById('meeting-dialog'), null, 'the dialog closes once saved');
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Saved what Dana Ng said');
});

test('a team meeting asks no channel and sends none', async () => {
  const { api, $ } = await mount({ recordTourMeeting: tour() });
  click($('.tour-stop[data-id="s2"] .stop-record'));
  const dialog = document.getElementById('meeting-dialog');
  assert.equal(dialog.querySelector('#meeting-channel'), null);
  submit(dialog.querySelector('form'));
  await settle();
  const [, id, input] = lastCall(api, 'recordTourMeeting');
  assert.equal(id, 's2');
  assert.equal(input.channel, null);
  assert.equal(input.cadence_days, null);
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Met Payments: logged in their journal');
});

test('who they suggested is added to the tour and the people read again', async () => {
  const { api, $ } = await mount({ addTourSuggestion: tour() });
  click($('.stop-suggest'));
  const dialog = document.getElementById('suggest-dialog');
  dialog.querySelector('#suggest-name').value = 'Marco Rossi';
  dialog.querySelector('#suggest-role').value = 'Staff engineer';
  dialog.querySelector('#suggest-department').value = 'Payments';
  submit(dialog.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'addTourSuggestion'), ['addTourSuggestion', 's1', { name: 'Marco Rossi', role: 'Staff engineer', department: 'Payments' }]);
  assert.deepEqual(api.calls.at(-1), ['listPeople', '']);
});

test('"Not met yet" clears the meeting', async () => {
  const { api, $ } = await mount({ clearTourMeeting: tour() });
  click($('.stop-reopen'));
  await settle();
  assert.deepEqual(lastCall(api, 'clearTourMeeting'), ['clearTourMeeting', 's1']);
});

test('a stop taken off the tour is gone, and the toast\'s Undo asks the app to undo', async () => {
  const shorter = tour({ stops: [tour().stops[1]], progress: { met: 0, total: 1, next: ['s2'] } });
  const { api, ctx, $ } = await mount({ deleteTourStop: shorter });
  click($('.tour-stop[data-id="s1"] .stop-delete'));
  await settle();
  assert.deepEqual(lastCall(api, 'deleteTourStop'), ['deleteTourStop', 's1']);
  assert.equal($('.tour-stop[data-id="s1"]'), null);
  assert.ok($('.tour-stop[data-id="s2"]'), 'the other stop stays');
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Took \u2068Dana Ng\u2069 off the tour');
  await clickUndo(api, ctx);
});

test('deleting the tour goes back to the start form, with an Undo that asks the app to undo', async () => {
  let current = tour();
  const { api, ctx, $ } = await mount({ currentTour: () => current, deleteTour: () => { current = null; return null; } });
  click($('#tour-delete'));
  await settle();
  assert.deepEqual(lastCall(api, 'deleteTour'), ['deleteTour', 't1']);
  assert.deepEqual(api.calls.slice(-2).map(([name]) => name), ['currentTour', 'listTours'], 'the tour and the list of tours are read again');
  assert.ok($('#tour-start'));
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Deleted the tour and its check-ins');
  await clickUndo(api, ctx);
});

test('a tour that cannot load says why', async () => {
  const { $, view } = await mount({ currentTour: new ApiError({ code: 'db', message: 'Locked' }) });
  assert.equal(textOf($('#tour-body [role=alert]')), 'Locked');
  assert.equal(view.el.dataset.loaded, undefined);
});

test('the tour is exported as text where the user chooses, and printed alone', async () => {
  const { api, $ } = await mount({ exportTour: '/home/me/Allies newbie tour - 2026-12-05.txt' });
  click($('#tour-export'));
  await settle();
  assert.deepEqual(lastCall(api, 'exportTour'), ['exportTour', 't1']);
  assert.match(textOf(document.getElementById('toasts')), /Saved the tour to \/home\/me\/Allies newbie tour - 2026-12-05\.txt/);
  let printedWith = null;
  const print = globalThis.window.print;
  globalThis.window.print = () => { printedWith = document.body.className; };
  try {
    click($('#tour-print'));
  } finally {
    globalThis.window.print = print;
  }
  assert.match(printedWith, /printing-tour/, 'the page prints with only the tour showing');
  assert.doesNotMatch(document.body.className, /printing-tour/, 'and goes back after');
});

test('a cancelled export says nothing', async () => {
  const { api, $ } = await mount({ exportTour: null });
  click($('#tour-export'));
  await settle();
  assert.equal(api.calls.filter(([n]) => n === 'exportTour').length, 1);
  assert.equal(textOf(document.getElementById('toasts')), '');
});
