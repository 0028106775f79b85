import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { askInput, gapText, nextMoves, stepsText, withSupport } from '../../ui/lib/ask-format.js';
import { labelForName, setPresentingMode } from '../../ui/lib/presenting.js';
import { mountAsks } from '../../ui/views/asks.js';
import { reviewBody } from '../../ui/views/review-render.js';

const ask = (extra = {}) => ({
  id: 'a1', person_id: 'p1', person_name: 'Dana Ng', kind: 'advocate', map_id: 'm1', map_name: 'Promotion',
  forum_id: 'f1', forum_name: 'Promotion panel', what: '', status: 'asked',
  approached_at: '2026-10-02T09:00:00Z', asked_at: '2026-10-05T09:00:00Z', answered_at: null, answer_due: '2026-10-19T09:00:00Z', ...extra,
});
const forum = (extra = {}) => ({
  id: 'f1', name: 'Promotion panel', decides: 'Levels', map_id: 'm1', map_name: 'Promotion',
  members: [{ person_id: 'p1', name: 'Dana Ng' }], advocates: [], gap: true, ...extra,
});

const views = [];
afterEach(() => {
  while (views.length) views.pop().destroy();
  setPresentingMode('names');
});

async function mount(answers = {}, forumId = null) {
  resetPage();
  const api = fakeApi({ listAsks: [ask()], listForums: [forum()], listPeople: [{ id: 'p1', name: 'Dana Ng', role: 'VP' }], listMaps: [{ id: 'm1', name: 'Promotion', archived: false }], ...answers });
  const ctx = fakeContext(api);
  const view = mountAsks(ctx, forumId);
  views.push(view);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, $: (sel) => view.el.querySelector(sel) };
}

test('each state offers the moves forward first and a way back', () => {
  assert.deepEqual(nextMoves('approached').map(([s]) => s), ['asked', 'agreed', 'declined']);
  assert.deepEqual(nextMoves('asked').map(([s]) => s), ['agreed', 'declined', 'approached']);
  assert.deepEqual(nextMoves('agreed').map(([s]) => s), ['declined', 'asked']);
  assert.deepEqual(nextMoves('nonsense'), [], 'an unknown state offers nothing it could not do');
});

test('an ask says each step it took, dated, and the form sends a forum only for an advocate', () => {
  const day = (d) => d.slice(0, 10);
  assert.equal(stepsText(ask({ status: 'agreed', answered_at: '2026-10-08T09:00:00Z' }), day),
    'approached 2026-10-02 · asked 2026-10-05 · agreed 2026-10-08');
  assert.equal(stepsText(ask({ status: 'approached', asked_at: null }), day), 'approached 2026-10-02');
  assert.deepEqual(askInput({ person_id: 'p1', kind: 'advice', forum_id: 'f1', map_id: '' }),
    { person_id: 'p1', kind: 'advice', map_id: null, forum_id: null, what: '' });
  assert.equal(askInput({ person_id: 'p1', kind: 'advocate', forum_id: 'f1' }).forum_id, 'f1');
});

test('a forum gap names whom to ask, and names follow presenting mode', () => {
  assert.equal(gapText(forum(), labelForName), 'no advocate: ask Dana Ng');
  assert.equal(gapText(forum({ members: [] }), labelForName), 'no advocate: you know no one on it yet');
  assert.equal(gapText(forum({ gap: false, advocates: [{ person_id: 'p1', name: 'Dana Ng' }] }), labelForName), 'Dana Ng will speak for you');
  setPresentingMode('initials');
  assert.equal(gapText(forum(), (n, r) => labelForName(n, r)), 'no advocate: ask DN');
});

test('agreed asks mark their people on the map and nobody else', () => {
  const placements = [{ person_id: 'p1', name: 'Dana Ng' }, { person_id: 'p2', name: 'Sam' }];
  const marked = withSupport(placements, { agreed: [ask({ status: 'agreed' })] });
  assert.equal(marked[0].agreed.length, 1);
  assert.equal(marked[1].agreed, undefined);
  assert.deepEqual(withSupport(placements, null), placements, 'no support loaded: the map as it was');
});

test('the view lists waiting asks and forum gaps, and a move is one call with Undo offered', async () => {
  const { api, ctx, $ } = await mount();
  assert.match(textOf($('#asks-open')), /Dana Ng: Advocate in a forum at Promotion panel, for Promotion/);
  assert.match(textOf($('#forum-list')), /no advocate: ask Dana Ng/);
  assert.match(textOf($('#forums-title')), /1 without an advocate/);
  $('#asks-open .move-agreed').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(api.calls.find(([n]) => n === 'moveAsk'), ['moveAsk', 'a1', 'agreed']);
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Agreed: Dana Ng');
  document.querySelector('#toast-undo').dispatchEvent(new Event('click'));
  assert.equal(ctx.undos, 1, 'the toast undoes the move');
});

test('presenting mode hides names in the view', async () => {
  setPresentingMode('initials');
  const { $ } = await mount();
  assert.ok(!$('#asks-body').textContent.includes('Dana Ng'), 'no full name while presenting');
  assert.match(textOf($('#asks-open')), /DN:/);
});

test('the Review page names who agreed and the forums with no advocate', () => {
  const view = { now: '2026-10-20T09:00:00Z', time_zone: 'UTC', going_cold: [], visibility_gap: [], tour: null, tour_meetings: [], maps: [], review_subject: null,
    thank_yous: [], promises_mine: [], promises_theirs: [], conflicts: [], check_ins: [], groups: [],
    agreed_asks: [ask({ status: 'agreed', kind: 'sponsorship', forum_id: null, forum_name: null })], forum_gaps: [forum()] };
  const box = document.createElement('div');
  box.append(...reviewBody(view, (t) => t, {}));
  assert.equal(textOf(box.querySelector('#review-agreed')), 'Dana Ng: Sponsorship, for Promotion');
  assert.equal(textOf(box.querySelector('#review-forum-gaps')), 'Promotion panel: no advocate: ask Dana Ng');
});

test('from a person\'s page, an advocate ask names its forum and a refusal shows at its field', async () => {
  const { personAsks } = await import('../../ui/views/person-asks.js');
  const { ApiError } = await import('../../ui/lib/api.js');
  resetPage();
  let refuse = true;
  const api = fakeApi({
    personAsks: [],
    listMaps: [{ id: 'm1', name: 'Promotion', archived: false }],
    listForums: [forum()],
    addAsk: () => (refuse ? new ApiError({ code: 'asks.forum_not_advocate', field: 'forum_id', message: 'A forum goes with an advocate.' }) : ask({ status: 'approached' })),
  });
  const section = personAsks({ id: 'p1', name: 'Dana Ng', role: 'VP' }, { api, runUndo() {} });
  document.body.append(section.el);
  await settle();
  assert.match(textOf(section.el.querySelector('#person-asks-list')), /Nothing asked of them yet/);
  section.el.querySelector('#person-ask-add').dispatchEvent(new Event('click'));
  await settle();
  const dialog = document.querySelector('#ask-dialog');
  assert.ok(dialog, 'the dialog opens');
  assert.equal(dialog.querySelector('#ask-person_id'), null, 'the person is the page\'s own');
  assert.equal(dialog.querySelector('#ask-forum_id').closest('.field').hidden, true, 'a forum only for an advocate');
  const kind = dialog.querySelector('#ask-kind');
  for (const o of kind.options) o.toggleAttribute('selected', o.value === 'advocate'); // linkedom: no select.value setter
  kind.dispatchEvent(new Event('change'));
  assert.equal(dialog.querySelector('#ask-forum_id').closest('.field').hidden, false);
  const forumSelect = dialog.querySelector('#ask-forum_id');
  for (const o of forumSelect.options) o.toggleAttribute('selected', o.value === 'f1');
  dialog.querySelector('#ask-what').value = 'Speak for me';
  dialog.querySelector('form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  const [, input] = api.calls.find(([n]) => n === 'addAsk');
  assert.deepEqual(input, { person_id: 'p1', kind: 'advocate', map_id: null, forum_id: 'f1', what: 'Speak for me' });
  assert.equal(textOf(document.querySelector('#ask-forum_id-error')), 'A forum goes with an advocate.', 'the refusal shows at its field');
  refuse = false;
  document.querySelector('#ask-dialog form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.equal(document.querySelector('#ask-dialog'), null, 'saved: the dialog closes');
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Asked Dana Ng: noted as approached');
});

test('opened at a forum (from search or Insights), the view marks it and makes it focusable', async () => {
  const staff = forum({ id: 'f2', name: 'Staff meeting', map_id: null, map_name: null });
  const { $, view } = await mount({ listForums: [forum(), staff] }, 'f2');
  const item = $('#forum-list [data-id="f2"]');
  assert.ok(item.classList.contains('forum-opened'), 'the forum asked for is marked');
  assert.ok(!$('#forum-list [data-id="f1"]').classList.contains('forum-opened'));
  view.open('f1');
  const panel = $('#forum-list [data-id="f1"]');
  assert.ok(panel.classList.contains('forum-opened'), 'opened again at another forum, it follows');
  assert.equal(panel.getAttribute('tabindex'), '-1', 'focusable, to be focused');
  view.open('gone');
  assert.equal($('#forum-list .forum-opened'), null, 'a forum that is not there marks nothing');
});
