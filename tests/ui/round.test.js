// The round that decides in the UI: the countdown's words, the map's round strip, the rounds
// on the Review page, and the meeting brief's page (print, save as text, presenting mode).
import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { countdownText, driftText, gapLines } from '../../ui/views/round-format.js';
import { createRoundStrip } from '../../ui/views/map-round.js';
import { briefHash, informationWords, mapLine } from '../../ui/views/brief-render.js';
import { mountBrief } from '../../ui/views/brief.js';
import { mountReview } from '../../ui/views/review.js';

afterEach(() => setPresentingMode('names'));

const COUNTDOWN = {
  map_id: 'm1', map_name: 'Promotion to staff', target_date: '2026-03-30', days_left: 28,
  not_heard: [{ person_id: 'p2', name: 'Sam Patel', last_contact: null }],
  against: [{ person_id: 'p2', name: 'Sam Patel' }], stance_unknown: [], far_from_need: [],
  open_asks: null, forums_without_advocate: null, wins_not_shared: null,
};
const DRIFT = {
  since: '2026-01-09T16:00:00Z', since_review: true,
  people: [{ map_id: 'm1', map_name: 'Promotion to staff', person_id: 'p1', name: 'Dana Ng', stance_then: 'supporter', stance_now: 'skeptic', stance_worse: true, distance_then: 0.1, distance_now: 0.1, moved_away: false }],
};

test('the countdown says days and weeks left, the day itself, and a round gone by', () => {
  assert.match(countdownText(COUNTDOWN), /^Round in 28 days, 4 weeks \(/);
  assert.match(countdownText({ ...COUNTDOWN, days_left: 0 }), /^Round today/);
  assert.match(countdownText({ ...COUNTDOWN, days_left: 1 }), /^Round tomorrow/);
  assert.match(countdownText({ ...COUNTDOWN, days_left: -3 }), /^Round was 3 days ago/);
  assert.match(countdownText({ ...COUNTDOWN, days_left: 10 }), /^Round in 10 days \(/, 'no weeks under two');
});

test('gaps name people through nameOf, and only gaps that hold someone are listed', () => {
  const lines = gapLines(COUNTDOWN, (_, name) => name.toUpperCase());
  assert.deepEqual(lines, ['Not heard from you in 30 days: SAM PATEL', 'Skeptical or blocking: SAM PATEL']);
  const more = gapLines({
    ...COUNTDOWN,
    open_asks: [{ person_id: 'p2', name: 'Sam Patel' }],
    forums_without_advocate: ['Promotion panel'],
    wins_not_shared: ['<b>Shipped</b>'],
  }, (_, name) => name.toUpperCase());
  assert.deepEqual(more.slice(2), [
    'Asks still open: SAM PATEL',
    'No one speaks for you in: Promotion panel',
    'Wins nobody has heard of: <b>Shipped</b>',
  ], 'forums and wins are the user\'s words, as written; people go through nameOf');
  assert.equal(driftText(DRIFT.people[0]), 'supporter → skeptic');
  assert.equal(driftText({ ...DRIFT.people[0], stance_worse: false, moved_away: true }), 'further from where you need them');
});

test('the map strip shows the countdown, its gaps and drift, and hides for a map with neither', async () => {
  resetPage();
  const api = fakeApi({ roundCountdown: COUNTDOWN, roundDrift: DRIFT });
  const strip = createRoundStrip({ api, nameOf: (id) => ({ p1: 'DN', p2: 'SP' })[id] });
  await strip.load('m1');
  assert.equal(strip.el.hidden, false);
  assert.match(textOf(strip.el.querySelector('#round-days')), /Round in 28 days/);
  assert.match(textOf(strip.el.querySelector('#round-gaps')), /Not heard from you in 30 days: SP/);
  assert.match(textOf(strip.el.querySelector('#round-drift')), /DN: supporter → skeptic/);
  assert.ok(!textOf(strip.el).includes('Sam Patel'), 'names go through nameOf (presenting mode)');
  assert.deepEqual(api.calls, [['roundCountdown', 'm1'], ['roundDrift', 'm1']]);

  const none = createRoundStrip({ api: fakeApi({ roundCountdown: null, roundDrift: { ...DRIFT, people: [] } }), nameOf: () => '' });
  await none.load('m2');
  assert.equal(none.el.hidden, true, 'nothing to say, nothing shown');
});

test('the Review page lists the rounds ahead with their gaps, linked to the map', async () => {
  resetPage();
  const page = {
    now: '2026-03-02T10:00:00Z', time_zone: 'UTC', summary: 'All warm.', review_subject: null,
    going_cold: [], visibility_gap: [], thank_yous: [], promises_mine: [], promises_theirs: [],
    conflicts: [], check_ins: [], groups: [], tour_meetings: [], tour: null, maps: [],
  };
  const api = fakeApi({ reviewPage: page, roundCountdowns: [COUNTDOWN] });
  const view = mountReview(fakeContext(api));
  document.getElementById('main').append(view.el);
  await settle();
  const rounds = view.el.querySelector('#review-rounds');
  assert.ok(rounds, 'a section for the rounds ahead');
  assert.match(textOf(rounds), /Promotion to staff: Round in 28 days/);
  assert.match(textOf(rounds), /Not heard from you in 30 days: Sam Patel/);
  assert.equal(rounds.querySelector('a').getAttribute('href'), '#/map/m1');
  view.destroy();
});

const BRIEF = {
  person: { id: 'p1', name: 'Dana Ng', role: 'VP Engineering', department: 'Eng', organisation: 'Acme', last_contact: '2026-01-10T09:00:00Z' },
  made_on: '2026-01-20',
  profile: { motivations: 'Shipping the platform', influences: '', challenges: '', success_30: '', success_60: '', success_90: 'Two teams on the new stack', pitch: 'Your platform, my plan', level: null, how_met: '', channel: null, cadence_days: null, ally_role: null, needs_from_me: 'Early warning of slips', leadership_style: 'Hands-off, asks Dana Ng for options', info_format: 'One slide', info_length: 'short', info_style: 'data' },
  interactions: [{ id: 'i1', occurred_at: '2026-01-10T09:00:00Z', kind: 'one_on_one', people: [{ id: 'p1', name: 'Dana Ng' }], notes: 'Talked about <b>the reorg</b>', follow_up: '' }],
  promises_mine: [{ id: 'pr1', description: 'Send the design', due_on: null }],
  promises_theirs: [],
  favours_by_them: [{ id: 'f1', description: 'Reviewed my doc', status: 'done', thanks_due: true }],
  favours_by_me: [],
  maps: [{ map_id: 'm1', map_name: 'Promotion to staff', target_date: '2026-03-30', stance: 'supporter', quadrant: 'manage_closely', desired_quadrant: 'keep_satisfied' }],
  open_asks: null,
  wins_known: null,
};

async function mountBriefWith(answers = {}) {
  resetPage();
  const api = fakeApi({ meetingBrief: BRIEF, listPeople: [{ id: 'p1', name: 'Dana Ng', role: 'VP Engineering' }], ...answers });
  const printed = [];
  const win = { document, print: () => printed.push(document.body.classList.contains('printing-brief')) };
  const view = mountBrief(fakeContext(api), 'p1', win);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, view, printed, $: (sel) => view.el.querySelector(sel) };
}

test('the brief shows each section, user text as text, and the map line with the round', async () => {
  const { api, view, $ } = await mountBriefWith();
  assert.deepEqual(api.calls[0], ['meetingBrief', 'p1']);
  assert.equal(textOf($('#brief-title')), 'Meeting brief: Dana Ng');
  assert.match(textOf($('#brief-cares')), /Cares about: Shipping the platform/);
  assert.match(textOf($('#brief-success')), /At 90 days: Two teams/);
  assert.match(textOf($('#brief-cares')), /Needs from you: Early warning of slips/, 'what they need from the user is part of what they need');
  assert.match(textOf($('#brief-works')), /Leadership style: Hands-off, asks Dana Ng for options/);
  assert.match(textOf($('#brief-works')), /How they like information: One slide, short, numbers first/);
  assert.match(textOf($('#brief-interactions')), /Talked about <b>the reorg<\/b>/, 'markup typed by the user stays text');
  assert.equal($('#brief-interactions b'), null, 'and never becomes an element');
  assert.match(textOf($('#brief-promises-mine')), /Send the design/);
  assert.match(textOf($('#brief-favours-theirs')), /Reviewed my doc \(not thanked yet\)/);
  assert.match(textOf($('#brief-maps')), /Promotion to staff: Supporter, manage closely \(you need them in keep satisfied\); round on/);
  assert.match(textOf($('#brief-pitch')), /Your platform, my plan/);
  assert.equal($('#brief-asks'), null, 'no asks section until asks exist');
  assert.equal($('#brief-back').getAttribute('href'), '#/people/p1');
  assert.equal(briefHash('a/b'), '#/brief/a%2Fb');
  assert.match(mapLine({ ...BRIEF.maps[0], desired_quadrant: null, target_date: null }), /^Promotion to staff: Supporter, manage closely$/);
  assert.equal(informationWords({ info_format: ' ', info_length: null, info_style: 'story' }), 'the story first', 'only the parts filled in');
  view.destroy();
});

test('a brief whose profile says nothing of how they work leaves that section out', async () => {
  const profile = { ...BRIEF.profile, leadership_style: '', info_format: '', info_length: null, info_style: null, needs_from_me: '' };
  const { view, $ } = await mountBriefWith({ meetingBrief: { ...BRIEF, profile } });
  assert.equal($('#brief-works'), null, 'no empty heading');
  assert.doesNotMatch(textOf($('#brief-cares')), /Needs from you/);
  view.destroy();
});

test('Print prints with the print layout on; Save as text saves through the app and says where', async () => {
  const { api, view, printed, $ } = await mountBriefWith({ exportMeetingBrief: '/home/me/Allies brief - Dana Ng.txt' });
  $('#brief-print').click();
  assert.deepEqual(printed, [true], 'printed once, with the brief-only print layout');
  assert.equal(document.body.classList.contains('printing-brief'), false, 'the layout is back after printing');
  $('#brief-save').click();
  await settle();
  assert.deepEqual(api.calls.at(-1), ['exportMeetingBrief', 'p1']);
  assert.match(textOf(document.body), /Saved \/home\/me\/Allies brief - Dana Ng\.txt/);
  view.destroy();
});

test('while presenting, the brief names the person by initials, in the title and the saved path', async () => {
  setPresentingMode('initials');
  const { view, $ } = await mountBriefWith({ exportMeetingBrief: '/home/me/Allies brief - Dana Ng.txt' });
  assert.equal(textOf($('#brief-title')), 'Meeting brief: DN');
  assert.ok(!textOf(view.el).includes('Dana Ng'), 'the name shows nowhere on the page');
  $('#brief-save').click();
  await settle();
  assert.ok(!textOf(document.body).includes('Dana Ng'), 'nor in the toast with the path');
  view.destroy();
});

test('a brief that cannot be read says why', async () => {
  const { view, $ } = await mountBriefWith({ meetingBrief: new Error('No person with id p1.') });
  assert.match(textOf($('#brief-body')), /No person with id p1/);
  view.destroy();
});
