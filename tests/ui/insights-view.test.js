import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { Store } from '../../ui/lib/store.js';
import { mountInsights } from '../../ui/views/insights.js';

const cold = (i) => ({
  person_id: `p${i}`, name: `Person ${i}`, role: 'Engineer', overdue_days: i, quadrant: null, stance: null,
  last_contact: null, cadence_days: 14,
});

const insights = (extra = {}) => ({
  going_cold: [cold(1)],
  visibility_gap: [],
  reciprocity: {
    unthanked: [{ favour_id: 'f1', person_id: 'p2', name: 'Dana Ng', role: 'VP', description: 'the intro', done_at: new Date().toISOString() }],
    owed: [{ person_id: 'p3', name: 'Marco Rossi', by_them: 4, by_me: 1 }],
  },
  coverage: {
    allies: 1, people: 3,
    gaps: [{ code: 'no_senior', text: 'No senior allies.' }, { code: 'one_department', text: 'All in one team.' }],
    by_level: [['ic', { label: 'Individual contributors', allies: 1, people: 2 }]],
    by_department: [],
  },
  ...extra,
});

const answers = (extra = {}) => ({
  listGroups: [],
  insights: insights(),
  listMaps: [{ id: 'm1', name: 'Promotion' }, { id: 'm2', name: 'Reorg' }],
  review: { speakers: [{ person_id: 'p2', name: 'Dana Ng', role: 'VP', stance: 'champion', power: 0.8, reach: 'Through Marco Rossi' }], reachable: [], holding_back: [] },
  ...extra,
});

async function mount(extraAnswers, extraCtx) {
  resetPage();
  const api = fakeApi(answers(extraAnswers));
  const ctx = fakeContext(api, extraCtx);
  const view = mountInsights(ctx);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, $: (sel) => view.el.querySelector(sel) };
}

afterEach(() => setPresentingMode('names'));

test('it loads groups, insights and maps in that order, then the review of the first map, then drift', async () => {
  const { api } = await mount();
  // The About me cards load on their own (tests/ui/insights-about-me.test.js).
  const calls = api.calls.filter((c) => !['aboutMeInsights', 'winsGap'].includes(c[0]));
  assert.deepEqual(calls.map((c) => c[0]), ['listGroups', 'insights', 'listMaps', 'review', 'roundDrift']);
  assert.deepEqual(calls[3], ['review', 'm1']);
});

test('each card shows what the answer holds, and its words when empty', async () => {
  const { $ } = await mount();
  const coldItem = $('#cold-list li[data-id="p1"]');
  assert.match(textOf(coldItem), /^Person 1 1 day overdue/);
  assert.equal(coldItem.querySelector('.insight-name').getAttribute('href'), '#/people/p1');
  assert.equal(coldItem.querySelector('.insight-log').getAttribute('aria-label'), 'Log interaction with Person 1');
  assert.equal(textOf($('#unseen-list')), 'Every high-power person on your maps has heard from you in the last 60 days.');
  assert.equal(textOf($('#unthanked-list .ledger-text')), 'Dana Ng helped: the introdone today, not yet thanked');
  assert.equal(textOf($('#owed-list .ledger-text')), 'Marco Rossi did 4 favours for you; you did 1 for them, over the last 6 months.');
  assert.equal(textOf($('#coverage-summary')), '1 of 3 people are allies: champions or supporters on a map, or with an ally role.');
  const gaps = [...$('#coverage-gaps').children];
  assert.deepEqual(gaps.map((g) => g.className), ['insight-gap gap-no_senior', 'insight-gap gap-one_department']);
  assert.ok(gaps[0].querySelector('a.gap-action[href="#/map"]'), 'a gap closed on a map links to it');
  assert.equal(gaps[1].querySelector('a'), null);
  assert.deepEqual([...$('#coverage-levels thead').querySelectorAll('th')].map(textOf), ['Level', 'Allies']);
  assert.equal(textOf($('#coverage-levels tbody tr')), 'Individual contributors 1 of 2');
  assert.equal($('#coverage-levels .coverage-bar').style.getPropertyValue('--share'), '0.5');
  assert.equal(textOf($('#coverage-departments tbody')), 'No one yet.');
});

test('a long list shows eight and a button that shows the rest', async () => {
  const many = Array.from({ length: 10 }, (_, i) => cold(i + 1));
  const { $ } = await mount({ insights: insights({ going_cold: many }) });
  assert.equal($('#cold-list').querySelectorAll('li[data-id]').length, 8);
  const more = $('#cold-list .insight-more');
  assert.equal(textOf(more), 'Show all 10');
  more.dispatchEvent(new Event('click'));
  assert.equal($('#cold-list').querySelectorAll('li[data-id]').length, 10);
  assert.equal($('#cold-list .insight-more'), null, 'the button goes once all are shown');
});

test('an error loading insights is shown in the first list', async () => {
  const { $ } = await mount({ insights: new ApiError({ code: 'db', message: 'Disk full' }) });
  const alert = $('#cold-list [role=alert]');
  assert.equal(textOf(alert), 'Disk full');
});

test('the review lists who would speak up, and follows the chosen map', async () => {
  const { api, $ } = await mount();
  assert.deepEqual([...$('#review-map').options].map((o) => o.value), ['m1', 'm2']);
  assert.equal($('#review-export').disabled, false);
  const speaker = $('#review-speakers li[data-id="p2"]');
  assert.equal(textOf(speaker), 'Dana Ng, VP ★ Champion · power 80% · Through Marco Rossi');
  assert.equal(textOf($('#review-holding-back')), 'May hold you backNo skeptics or blockers on this map.');

  $('#review-map').value = 'm2';
  $('#review-map').dispatchEvent(new Event('change'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['review', 'm2']);

  $('#review-export').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['exportReview', 'm2']);
});

test('exporting the review says where it was saved', async () => {
  const { $ } = await mount({ exportReview: '/home/me/review.txt' });
  $('#review-export').dispatchEvent(new Event('click'));
  await settle();
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Saved the review page to /home/me/review.txt');
});

test('without maps the review asks for one and cannot be exported', async () => {
  const { api, $ } = await mount({ listMaps: [] });
  assert.equal(textOf($('#review-map')), 'No maps yet');
  assert.equal($('#review-export').disabled, true);
  assert.equal($('#review-print').disabled, true);
  assert.match(textOf($('#review-body')), /^Make a map for a goal/);
  assert.ok(!api.calls.some(([name]) => name === 'review'), 'no review is asked for without a map');
});

test('while presenting, names become initials, in the review reach too', async () => {
  setPresentingMode('initials');
  const { api, $ } = await mount({ listPeople: [{ id: 'p3', name: 'Marco Rossi' }] });
  assert.ok(api.calls.some(([name, q]) => name === 'listPeople' && q === ''));
  assert.equal(textOf($('#cold-list .insight-name')), 'P1');
  assert.equal(textOf($('#review-speakers li')), 'DN, VP ★ Champion · power 80% · Through MR');
});

test('forums with no advocate are named gaps, with who to ask, and the names follow presenting mode', async () => {
  const panel = {
    id: 'f1', name: 'Promotion panel', decides: 'Levels', map_id: 'm1', map_name: 'Promotion',
    members: [{ person_id: 'p2', name: 'Dana Ng' }], advocates: [], gap: true,
  };
  const staff = { id: 'f2', name: 'Staff meeting', decides: '', map_id: null, map_name: null, members: [], advocates: [], gap: true };
  const { $ } = await mount({ insights: insights({ forum_gaps: [panel, staff] }) });
  const items = [...$('#forum-gap-list').querySelectorAll('li[data-id]')];
  assert.deepEqual(items.map((li) => li.dataset.id), ['f1', 'f2']);
  assert.equal(textOf(items[0].querySelector('.ledger-text')), 'Promotion panel · for Promotionno advocate: ask Dana Ng');
  assert.equal(textOf(items[1].querySelector('.ledger-text')), 'Staff meeting · every goalno advocate: you know no one on it yet');
  assert.equal(items[0].querySelector('a.forum-gap-ask').getAttribute('href'), '#/asks/f1', 'the way to close it opens the forum');

  setPresentingMode('initials');
  const again = await mount({ insights: insights({ forum_gaps: [panel] }) });
  assert.match(textOf(again.$('#forum-gap-list .insight-details')), /ask DN$/, 'a member\'s name is hidden while presenting');
});

test('without forum gaps the card says every forum is covered', async () => {
  const { $ } = await mount();
  assert.equal(textOf($('#forum-gap-list')), 'Every forum you named has someone who agreed to speak for you.');
});

test('a reach that cannot be redacted is left out while presenting', async () => {
  setPresentingMode('initials');
  const { $ } = await mount({ listPeople: new Error('offline') });
  assert.equal(textOf($('#review-speakers li')), 'DN, VP ★ Champion · power 80%');
});

test('a group is added, and a refusal is shown at its field', async () => {
  let refuse = true;
  const { api, $ } = await mount({
    addGroup: () => (refuse ? new ApiError({ code: 'invalid', message: 'Give the group a name.', field: 'name' }) : { id: 'g1' }),
  });
  const form = $('#group-form');
  form.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.equal(textOf($('#group-name-error')), 'Give the group a name.');
  assert.equal($('#group-name-error').hidden, false);
  assert.equal($('#group-name').getAttribute('aria-invalid'), 'true');

  refuse = false;
  $('#group-name').value = 'Rust Berlin';
  form.dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.deepEqual(api.calls.filter(([name]) => name === 'addGroup').at(-1), ['addGroup', { name: 'Rust Berlin' }]);
  assert.equal(api.calls.at(-1)[0], 'listGroups', 'the list is read again');
  assert.equal($('#group-name-error').hidden, true);
  assert.equal($('#group-name').value, '');
});

test('groups show when the user last went, and "I went" records the day with an Undo', async () => {
  let groups = [
    { id: 'g1', name: 'Rust Berlin', last_attended: null, times_attended: 0 },
    { id: 'g2', name: 'Staff guild', last_attended: '2000-01-01', times_attended: 1 },
  ];
  const attendGroup = (id, on) => {
    groups = groups.map((g) => (g.id === id ? { ...g, last_attended: on, times_attended: g.times_attended + 1 } : g));
    return { id: 'a1' };
  };
  const { api, ctx, $ } = await mount({ listGroups: () => groups, attendGroup });
  const items = [...$('#groups').children];
  assert.equal(items[0].className, 'ledger-item due');
  assert.equal(textOf(items[0].querySelector('.ledger-text')), 'Rust Berlin · not been yet');
  assert.match(textOf(items[1].querySelector('.ledger-text')), /^Staff guild · last went .* \(1 time\)$/);

  const date = items[0].querySelector('.attend-on');
  date.value = '2026-01-15';
  api.calls.length = 0;
  items[0].querySelector('.group-attend').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(api.calls, [['attendGroup', 'g1', '2026-01-15'], ['listGroups']], 'saved, then the list is read again');
  assert.match(textOf($('#groups').children[0].querySelector('.ledger-text')), /^Rust Berlin · last went .* \(1 time\)$/);
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Noted: you went to \u2068Rust Berlin\u2069');
  const undo = document.getElementById('toast-undo');
  assert.equal(textOf(undo), 'Undo', 'the toast offers an undo');
  api.calls.length = 0;
  undo.dispatchEvent(new Event('click'));
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change');
  assert.deepEqual(api.calls, [], 'the view deletes nothing itself');
});

test('deleting a group takes it off the list and offers Undo, which asks the app to undo', async () => {
  let groups = [{ id: 'g1', name: 'Guild', last_attended: null, times_attended: 0 }];
  const { api, ctx, $ } = await mount({
    listGroups: () => groups,
    deleteGroup: (id) => { groups = groups.filter((g) => g.id !== id); return null; },
  });
  api.calls.length = 0;
  $('#groups button[aria-label="Delete the group “Guild”"]').dispatchEvent(new Event('click'));
  await settle();
  assert.deepEqual(api.calls, [['deleteGroup', 'g1'], ['listGroups']]);
  assert.equal($('#groups li[data-id="g1"]'), null, 'the group is gone');
  assert.equal(textOf($('#groups')), 'No groups yet.');
  assert.equal(textOf(document.querySelector('#toasts .toast > span')), 'Deleted the group');
  api.calls.length = 0;
  document.getElementById('toast-undo').dispatchEvent(new Event('click'));
  await settle();
  assert.equal(ctx.undos, 1, 'the app undoes the newest change');
  assert.deepEqual(api.calls, [], 'the view restores nothing itself');
});

test('a group list that cannot load says why', async () => {
  const { $ } = await mount({ listGroups: new Error('locked') });
  assert.equal(textOf($('#groups [role=alert]')), 'locked');
});

test('"I went" offers today in the time zone chosen in Settings, the day the core checks against', async () => {
  // Kiritimati (UTC+14) and Pago Pago (UTC-11) are always a calendar day apart.
  const day = (zone) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  const groups = [{ id: 'g1', name: 'Guild', last_attended: null, times_attended: 0 }];
  for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    const { $ } = await mount({ listGroups: groups }, { store: new Store({ time_zone: zone }) });
    const date = $('.attend-on');
    assert.equal(date.value, day(zone), `the default day in ${zone}`);
    assert.equal(date.getAttribute('max'), day(zone), 'no later day can be picked');
  }
});
