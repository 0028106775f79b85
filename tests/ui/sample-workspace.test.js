// The sample people over a fake api: "Try it" on the empty People view, the banner while the
// sample is there, removing it (naming who is kept) with Undo, a refusal, and Settings' part.
import { callsTo, click, mountWith, peopleAnswers, person, settle } from './support/people.js';
import { fakeApi, fakeContext, resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { addedMessage, removedMessage, sampleSettings } from '../../ui/views/sample-workspace.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);

const SAMPLE = [person(1, { name: 'Maya Makebelieve', role: 'Engineering Manager' }), person(2, { name: 'Sam Sample', role: 'Staff Engineer' })];

/** A back end with the sample's three commands, adding and removing people as the core does. */
function backEnd({ sample = false, own = [], removed } = {}) {
  const state = { sample, own: [...own] };
  const everyone = () => [...(state.sample ? SAMPLE : []), ...state.own];
  return {
    state,
    answers: peopleAnswers([], {
      peoplePage: (...args) => peopleAnswers(everyone()).peoplePage(...args),
      peopleIds: (...args) => peopleAnswers(everyone()).peopleIds(...args),
      sampleWorkspaceStatus: () => ({ present: state.sample, people: state.sample ? SAMPLE.length : 0 }),
      addSampleWorkspace: () => { state.sample = true; return { people: 2, map_id: 'm1', map_name: 'Promotion to Staff Engineer' }; },
      removeSampleWorkspace: () => { state.sample = false; return removed ?? { people: 2, kept: [], kept_map: false }; },
    }),
  };
}

test('the messages say what was added, who was kept and why, and a kept map', () => {
  assert.equal(addedMessage({ people: 8, map_name: 'Promotion to Staff Engineer' }),
    'Added 8 sample people and the map “Promotion to Staff Engineer”. Remove them any time from the banner on People.');
  assert.equal(removedMessage({ people: 8, kept: [], kept_map: false }), 'Removed the 8 sample people.');
  const kept = [{ id: 'p2', name: 'Sam Sample', role: 'Staff Engineer' }, { id: 'p5', name: 'Tess Testwell', role: '' }];
  assert.equal(removedMessage({ people: 6, kept, kept_map: true }, (p) => p.name),
    'Removed the 6 sample people. Kept Sam Sample and Tess Testwell: your own records mention them all. The sample map stays, with the people you put on it.');
  assert.equal(removedMessage({ people: 7, kept: kept.slice(0, 1), kept_map: false }, (p) => p.role),
    'Removed the 7 sample people. Kept Staff Engineer: your own records mention them.',
    'presenting mode decides how a kept person is named');
});

test('the empty state offers the sample; one click fills the list, shows the banner and offers Undo', async () => {
  const { answers } = backEnd();
  const { api, ctx } = await mountWith(answers);
  assert.equal($('#sample-banner'), null, 'no banner without the sample');
  const button = $('#people-empty #try-sample');
  assert.equal(textOf(button), 'Try it with sample people');
  click(button);
  await settle();
  assert.deepEqual(callsTo(api, 'addSampleWorkspace'), [[]]);
  assert.deepEqual([...document.querySelectorAll('.person-row')].map((b) => b.dataset.id), ['p1', 'p2']);
  assert.ok($('#sample-banner #remove-sample'), 'the banner offers to remove them');
  assert.equal(ctx.store.get('people'), 1, 'other views hear that people changed');
  assert.match(textOf($('#toasts .toast > span')), /^Added 2 sample people and the map “Promotion to Staff Engineer”/);
  assert.equal(document.activeElement.dataset.id, 'p1', 'focus moves to the first person');
  click($('#toast-undo'));
  await settle();
  assert.equal(ctx.undos, 1, 'Undo is the app\'s generic undo of the newest change');
});

test('the banner removes the sample, keeps the user\'s own people and names the sample people kept', async () => {
  const removed = { people: 1, kept: [{ id: 'p2', name: 'Sam Sample', role: 'Staff Engineer' }], kept_map: false };
  const { answers, state } = backEnd({ sample: true, own: [person(9, { name: 'Ivy Own' })], removed });
  const { api } = await mountWith(answers);
  assert.match(textOf($('#sample-banner')), /These are sample people\. .*People you added stay/);
  click($('#remove-sample'));
  await settle();
  assert.deepEqual(callsTo(api, 'removeSampleWorkspace'), [[]]);
  assert.equal(state.sample, false);
  assert.equal($('#sample-banner'), null, 'the banner goes with the sample');
  assert.deepEqual([...document.querySelectorAll('.person-row')].map((b) => b.dataset.id), ['p9']);
  assert.equal(textOf($('#toasts .toast > span')), 'Removed 1 sample person. Kept Sam Sample: your own records mention them.');
  assert.equal(textOf($('#toast-undo')), 'Undo');
  assert.equal(document.activeElement.id, 'add-person');
});

test('a refusal from the core is shown as it is, and the button can be pressed again', async () => {
  const { answers } = backEnd();
  answers.addSampleWorkspace = () => new ApiError({ code: 'sample.already_added', message: 'The sample people are already here. Remove them first to start the sample again.' });
  await mountWith(answers);
  click($('#try-sample'));
  await settle();
  assert.equal(textOf($('#toasts .toast > span')), 'The sample people are already here. Remove them first to start the sample again.');
  assert.equal($('#toast-undo'), null, 'nothing changed, so nothing to undo');
  assert.equal($('#try-sample').disabled, false);
});

test('Settings → Your data shows the sample part only while the sample is there', async () => {
  const { answers, state } = backEnd({ sample: true });
  const api = fakeApi(answers);
  const ctx = fakeContext(api);
  const part = sampleSettings({ api, runUndo: () => ctx.runUndo() });
  document.getElementById('main').append(part);
  await settle();
  assert.equal(part.hidden, false);
  assert.match(textOf(part), /2 sample people are here\./);
  click(part.querySelector('#settings-remove-sample'));
  await settle();
  assert.equal(state.sample, false);
  assert.equal(part.hidden, true, 'gone once the sample is removed');
  assert.equal(textOf($('#toasts .toast > span')), 'Removed the 2 sample people.');
});
