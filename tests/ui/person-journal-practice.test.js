// The journal's parts from the practice: a first meeting asks "how can we help each other?",
// giving public credit and endorsing are kinds to log, and the profile holds what they need
// from you, how they lead, how they like information, and a regular 1:1 rhythm.
import { peopleAnswers, person, settle, type } from './support/people.js';
import { fakeApi, resetPage, textOf } from './support/dom.js';
import './support/view-shims.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { FIRST_MEETING_PROMPT, KINDS, personJournal } from '../../ui/views/person-journal.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const DANA = person(1, { name: 'Dana Ng' });
const COFFEE = { id: 'i1', occurred_at: '2026-03-02T10:00:00Z', kind: 'coffee', notes: '', follow_up: '', people: [{ id: 'p1', name: 'Dana Ng' }] };

async function mount(extra = {}) {
  const api = fakeApi(peopleAnswers([DANA], extra));
  const journal = personJournal(DANA, { api, runUndo() {}, onChange() {} });
  document.body.append(journal.el);
  await settle();
  return { api, journal };
}

test('with nothing logged yet, the log form asks how you can help each other', async () => {
  await mount();
  assert.equal($('#first-meeting-prompt').hidden, false);
  assert.equal(textOf($('#first-meeting-prompt')), FIRST_MEETING_PROMPT);
  assert.match($('#interaction-notes').getAttribute('placeholder'), /^How can we help each other\?/);
});

test('once someone has an interaction, the first-meeting question is gone', async () => {
  await mount({ personTimelinePage: { interactions: [COFFEE], older: null } });
  assert.equal($('#first-meeting-prompt').hidden, true);
  assert.doesNotMatch($('#interaction-notes').getAttribute('placeholder'), /help each other/);
});

test('public credit and endorsements can be logged and read as such in the timeline', async () => {
  await mount({ personTimelinePage: { interactions: [{ ...COFFEE, kind: 'gave_credit' }], older: null } });
  const offered = [...$('#interaction-kind').querySelectorAll('option')].map((o) => o.getAttribute('value'));
  assert.ok(offered.includes('gave_credit') && offered.includes('endorsed'), `offered: ${offered}`);
  assert.deepEqual(KINDS.at(-1), ['endorsed', 'Endorsed them']);
  assert.equal(textOf($('.interaction-head strong')), 'Gave public credit');
});

test('the profile sends what they need, how they lead, how they like information and a 1:1 rhythm', async () => {
  const { api } = await mount({ saveProfile: (_, p) => p });
  type($('#profile-needs_from_me'), 'Early warning on slips');
  type($('#profile-leadership_style'), 'Coaching');
  type($('#profile-info_format'), 'One slide');
  $('#profile-info_length').value = 'short';
  $('#profile-info_style').value = 'story';
  type($('#profile-one_on_one_weeks'), '2.5');
  submit($('#profile-form'));
  await settle();
  assert.equal(textOf($('#profile-one_on_one_weeks-error')), 'Write a whole number of weeks, such as 2.');
  assert.equal(api.calls.filter(([n]) => n === 'saveProfile').length, 0, 'nothing sent');
  type($('#profile-one_on_one_weeks'), '2');
  submit($('#profile-form'));
  await settle();
  const [, , profile] = api.calls.find(([n]) => n === 'saveProfile');
  assert.equal(profile.needs_from_me, 'Early warning on slips');
  assert.equal(profile.leadership_style, 'Coaching');
  assert.equal(profile.info_format, 'One slide');
  assert.equal(profile.info_length, 'short');
  assert.equal(profile.info_style, 'story');
  assert.equal(profile.one_on_one_weeks, 2);
});
