import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { placeHash } from '../../ui/lib/router.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { moveText } from '../../ui/views/review-render.js';
import { mountReview } from '../../ui/views/review.js';

const NOW = '2026-11-27T16:00:00Z';
const item = (subject, kind, title, offers, extra = {}) => ({
  subject, kind, title, body: `About ${title}`, person_id: 'p1', due: '2026-11-27T09:00:00Z', snoozed: false, repeats: false, reminder_id: null, offers, ...extra,
});

const page = (extra = {}) => ({
  now: NOW,
  time_zone: 'UTC',
  summary: 'Going cold: Dana Ng. 1 open conflict.',
  review_subject: 'weekly_review:',
  going_cold: [item('keep_in_touch:p1', 'keep_in_touch', 'Keep in touch with Dana Ng', ['got_in_touch'])],
  visibility_gap: [{ person_id: 'p2', name: 'Omar Haddad', role: 'VP Sales', power: 0.9, last_contact: null, subject: 'keep_in_touch:p2' }],
  thank_yous: [item('thank_you:f1', 'thank_you', 'Thank Dana Ng', ['done'])],
  promises_mine: [],
  promises_theirs: [item('promise:x', 'promise', 'Check on Omar’s promise', ['kept', 'not_kept', 'ask_again'])],
  conflicts: [item('conflict:c1', 'conflict', 'Resolve the tension with Dana Ng', ['resolve'])],
  check_ins: [],
  groups: [],
  tour_meetings: [item('tour_meeting:s1', 'tour_meeting', 'Meet Lee', ['met'])],
  tour: { tour_id: 't1', title: 'New job at Acme', met: 2, total: 5 },
  maps: [{ map_id: 'm1', name: 'Promotion', moves: [{ person_id: 'p3', name: 'Cal Reyes', from: null, to: { person_id: 'p3', name: 'Cal Reyes', role: '', position: { power: 0.8, interest: 0.2 }, stance: 'supporter' }, distance: 0 }] }],
  ...extra,
});

// linkedom does not track focus: remember what was focused last.
let focused = null;
Object.defineProperty(document, 'activeElement', { configurable: true, get: () => focused ?? document.body });
HTMLElement.prototype.focus = function focus() { focused = this; };

const views = [];
async function mount(answers = {}, focus = null) {
  resetPage();
  const api = fakeApi({ reviewPage: page(), ...answers });
  const view = mountReview(fakeContext(api), focus);
  views.push(view);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, view, $: (sel) => view.el.querySelector(sel) };
}

const lastCall = (api, name) => api.calls.filter(([n]) => n === name).at(-1);
const toast = () => textOf(document.querySelector('#toasts .toast > span'));

afterEach(() => {
  while (views.length) views.pop().destroy();
  setPresentingMode('names');
});

test('the page shows the summary and every section with the answers that close each item', async () => {
  const { $ } = await mount();
  assert.equal(textOf($('#review-summary')), 'Going cold: Dana Ng. 1 open conflict.');
  const cold = $('#review-going_cold');
  assert.deepEqual([...cold.querySelectorAll('.answer-contact')].map(textOf), ['1:1', 'Coffee', 'Meeting', 'Message', 'Email']);
  assert.ok($('#review-visibility_gap').textContent.includes('Omar Haddad'));
  assert.deepEqual([...$('#review-promises_theirs').querySelectorAll('button')].map(textOf), ['Kept', 'Not kept', 'Ask again in a week', 'Not this week']);
  assert.equal($('#review-conflicts .reminder-done'), null, 'no Done on a conflict');
  assert.ok($('#review-conflicts .answer-how'), 'asks how it was resolved');
  assert.equal(textOf($('#review-tour-progress')), 'New job at Acme: met 2 of 5.');
  assert.ok($('#review-tour .answer-met'));
  assert.equal(textOf($('#review-maps li li')), 'Cal Reyes: joined (keep satisfied, supporter)');
  assert.equal(textOf($('#review-done')), 'Review done');
});

test('got in touch sends the kind picked and the note, says so and reads the page again', async () => {
  const { api, $ } = await mount();
  $('#review-going_cold .answer-note').value = 'Talked about the reorg';
  $('#review-going_cold .contact-coffee').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'keep_in_touch:p1', { answer: 'got_in_touch', kind: 'coffee', note: 'Talked about the reorg' }]);
  assert.equal(toast(), 'Logged a coffee: Keep in touch with Dana Ng');
  assert.equal(api.calls.at(-1)[0], 'reviewPage');
});

test('a conflict is resolved with how; a refusal is shown and nothing else happens', async () => {
  const { api, $ } = await mount({ answerReminder: new ApiError({ code: 'conflicts.resolution_required', message: 'Note how it was resolved; it helps the next time.', field: 'resolution' }) });
  $('#review-conflicts .answer-resolved').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'conflict:c1', { answer: 'resolved', how: '' }]);
  assert.equal(toast(), 'Note how it was resolved; it helps the next time.');
  assert.equal(api.calls.filter(([n]) => n === 'reviewPage').length, 1, 'not read again');
});

test('their promise: Kept, Not kept and Ask again each answer it', async () => {
  const { api, $ } = await mount();
  for (const [cls, answer] of [['answer-kept', 'kept'], ['answer-not-kept', 'not_kept'], ['answer-ask-again', 'ask_again']]) {
    $(`#review-promises_theirs .${cls}`).dispatchEvent(new Event('click'));
    await settle();
    assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'promise:x', { answer }]);
  }
  assert.equal(toast(), 'Will ask again in a week: Check on Omar’s promise');
});

test('"Review done" answers the weekly review; without one the page says how to turn it on', async () => {
  const { api, $ } = await mount();
  $('#review-done').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'answerReminder'), ['answerReminder', 'weekly_review:', { answer: 'done' }]);
  assert.equal(toast(), 'Weekly review done');
  const off = await mount({ reviewPage: page({ review_subject: null }) });
  assert.equal(off.$('#review-done'), null);
  assert.match(textOf(off.$('.review-done-box')), /turn it on in Settings/);
});

test('opened at a conflict, its "how" field has the focus', async () => {
  const { $ } = await mount({}, 'conflict:c1');
  assert.equal(document.activeElement, $('#review-conflicts .answer-how'));
});

test('while presenting, names are hidden in the summary, the items and the gap', async () => {
  setPresentingMode('initials');
  const people = [{ id: 'p1', name: 'Dana Ng', role: '' }, { id: 'p2', name: 'Omar Haddad', role: 'VP Sales' }];
  const { $, view } = await mount({ listPeople: people, listFormerPeople: [] });
  const text = view.el.textContent;
  assert.ok(!text.includes('Dana Ng') && !text.includes('Omar Haddad'), text.slice(0, 300));
  assert.match(textOf($('#review-summary')), /Going cold: DN\./);
});

test('a pop-up opens a person, the review (at a conflict) or the reminders', () => {
  assert.equal(placeHash({ view: 'person', person_id: 'a b' }), '#/people/a%20b');
  assert.equal(placeHash({ view: 'review', subject: 'conflict:c1' }), '#/review/conflict%3Ac1');
  assert.equal(placeHash({ view: 'review', subject: null }), '#/review');
  assert.equal(placeHash({ view: 'reminders' }), '#/reminders');
  assert.equal(placeHash(null), '#/reminders');
});

test('moves read as joined, left, across quadrants or a new stance', () => {
  const at = (power, interest, stance) => ({ position: { power, interest }, stance, role: '' });
  assert.equal(moveText({ from: at(0.2, 0.2, 'neutral'), to: at(0.8, 0.8, 'champion'), distance: 0.8 }), 'moved from monitor to manage closely, neutral → champion');
  assert.equal(moveText({ from: at(0.2, 0.2, 'neutral'), to: null, distance: 0 }), 'left the map');
  assert.equal(moveText({ from: at(0.6, 0.6, 'neutral'), to: at(0.7, 0.6, 'neutral'), distance: 0.1 }), 'moved within manage closely');
});

test('the Review page names goals whose powerful people heard of no recent win, with the win to tell', async () => {
  const gap = { map_id: 'm1', map_name: 'Promotion', people: [{ person_id: 'p2', name: 'Omar Haddad', role: 'VP Sales', power: 0.9 }], suggested: { win_id: 'w1', title: 'Shipped search', won_on: '2026-11-01' } };
  const { $ } = await mount({ reviewPage: page({ wins_gap: [gap] }) });
  assert.equal(textOf($('#review-wins_gap-title')), 'Who has not heard of your work (1)');
  assert.equal($('#review-wins-gap-list .gap-suggested a').getAttribute('href'), '#/wins/w1');
  setPresentingMode('initials');
  await settle();
  assert.equal(textOf($('#review-wins-gap-list .gap-people a')), 'OH', 'names follow presenting mode');

  const none = await mount();
  assert.match(textOf(none.$('#review-wins_gap')), /Everyone with power on your goals has heard of a recent win/);
});

test('dates that matter this week are listed with "Wish sent", which marks the reminder done', async () => {
  const birthday = item('important_date:p1:birthday', 'important_date', 'Dana Ng’s birthday', ['done']);
  const { api, $ } = await mount({ reviewPage: page({ important_dates: [birthday] }) });
  const section = $('#review-important_dates');
  assert.equal(textOf(section.querySelector('h2')), 'Birthdays and work anniversaries this week (1)');
  assert.equal(textOf(section.querySelector('.reminder-title')), 'Dana Ng’s birthday');
  const done = section.querySelector('.reminder-done');
  assert.equal(textOf(done), 'Wish sent');
  done.dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(lastCall(api, 'completeReminder'), ['completeReminder', 'important_date:p1:birthday']);
  assert.equal(toast(), 'Done: Dana Ng’s birthday');
});

test('without dates this week the section says so', async () => {
  const { $ } = await mount();
  assert.equal(textOf($('#review-important_dates .empty')), 'No birthday, work anniversary or start date to mark this week.');
});
