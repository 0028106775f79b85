// Correcting network records from the UI: a link on a person's page, a check-in plan in
// Reminders, a group and its visits in Insights, several tours and a meeting's week on the Tour
// page; and a person put on a map from their page, with the cadence the core decided.
import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { dateText } from '../../ui/lib/format.js';
import { cadenceParts, everyText } from '../../ui/lib/cadence-format.js';
import { typedWeek } from '../../ui/lib/tour-format.js';
import { mountInsights } from '../../ui/views/insights.js';
import { personMaps } from '../../ui/views/person-maps.js';
import { personNetwork } from '../../ui/views/person-network.js';
import { mountReminders } from '../../ui/views/reminders.js';
import { mountTour } from '../../ui/views/tour.js';

const views = [];
beforeEach(() => resetPage());
afterEach(() => {
  while (views.length) views.pop().destroy?.();
  for (const d of document.querySelectorAll('dialog')) d.remove();
});

const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click'));
const lastCall = (api, name) => api.calls.filter(([n]) => n === name).at(-1);
const toast = () => textOf(document.querySelector('#toasts .toast > span'));
const dialog = (id) => document.getElementById(id);

function mountView(mount, answers) {
  const api = fakeApi(answers);
  const view = mount(fakeContext(api));
  views.push(view);
  document.getElementById('main').append(view.el);
  return { api, view, $: (sel) => view.el.querySelector(sel) };
}

// ---------- links ----------

test('a link is edited in a dialog holding its kind, strength and note, and the list is read again', async () => {
  const dana = { id: 'p1', name: 'Dana Ng' };
  const link = { id: 'l1', from_id: 'p1', to_id: 'p2', kind: 'influences', strength: 'weak', note: 'old', to_name: 'Sam Patel' };
  let links = [link];
  const api = fakeApi({
    listPeople: [dana, { id: 'p2', name: 'Sam Patel' }],
    personLinks: () => links,
    introPaths: [],
    editLink: (id, input) => { links = [{ ...link, ...input }]; return links[0]; },
  });
  const network = personNetwork(dana, { api, undo: { push: () => ({}) }, runUndo() {} });
  document.body.append(network.el);
  await settle();
  click(network.el.querySelector('#links .link-edit'));
  const d = dialog('link-edit-dialog');
  assert.ok(d.hasAttribute('open'));
  assert.equal(d.querySelector('#link-edit-kind').value, 'influences', 'the dialog opens on the link as it is');
  assert.equal(d.querySelector('#link-edit-strength').value, 'weak');
  assert.equal(d.querySelector('#link-edit-note').value, 'old');
  d.querySelector('#link-edit-kind').value = 'reports_to';
  d.querySelector('#link-edit-strength').value = 'strong';
  d.querySelector('#link-edit-note').value = 'since the reorg';
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'editLink'), ['editLink', 'l1', { kind: 'reports_to', strength: 'strong', note: 'since the reorg' }]);
  assert.equal(textOf(network.el.querySelector('#links .ledger-text')), 'Dana Ng reports to Sam Patel · strong · since the reorg');
  assert.equal(toast(), 'Saved the link');
  assert.equal(dialog('link-edit-dialog'), null, 'the dialog closes once saved');
});

test('a refused link edit is shown at its field and the dialog stays open', async () => {
  const dana = { id: 'p1', name: 'Dana Ng' };
  const api = fakeApi({
    listPeople: [dana],
    personLinks: [{ id: 'l1', from_id: null, to_id: 'p1', kind: 'close_with', strength: 'medium', note: '' }],
    introPaths: [],
    editLink: new ApiError({ code: 'input.too_long', message: 'Note is too long.', field: 'note' }),
  });
  const network = personNetwork(dana, { api, undo: { push: () => ({}) }, runUndo() {} });
  document.body.append(network.el);
  await settle();
  click(network.el.querySelector('#links .link-edit'));
  submit(dialog('link-edit-dialog').querySelector('form'));
  await settle();
  const error = dialog('link-edit-dialog').querySelector('#link-edit-note-error');
  assert.equal(textOf(error), 'Note is too long.');
  assert.equal(error.hidden, false);
});

// ---------- check-ins ----------

const NOW = '2026-11-27T10:00:00Z';
const overview = { now: NOW, time_zone: 'UTC', overdue: [], today: [], upcoming: [], done: [], held_until: null, paused_until: null, desktop_problem: null };

test('a check-in plan is edited: label, start and who it is about; the list and reminders are read again', async () => {
  let plans = [{ id: 'c1', label: 'New job', start_on: '2026-11-02', person_id: null, person_name: null }];
  const { api, $ } = mountView(mountReminders, {
    remindersOverview: overview,
    listCheckIns: () => plans,
    listPeople: [{ id: 'p1', name: 'Dana Ng' }],
    editCheckIn: (id, input) => { plans = [{ id, ...input, person_name: 'Dana Ng' }]; return plans[0]; },
  });
  await settle();
  click($('#check-ins .check-in-edit'));
  await settle();
  const d = dialog('check-in-edit-dialog');
  assert.equal(d.querySelector('#check-in-edit-label').value, 'New job');
  assert.equal(d.querySelector('#check-in-edit-start_on').value, '2026-11-02');
  assert.equal(d.querySelector('#check-in-edit-person_id').value, '', 'no one yet');
  d.querySelector('#check-in-edit-label').value = 'New manager: Dana';
  d.querySelector('#check-in-edit-start_on').value = '2026-12-01';
  d.querySelector('#check-in-edit-person_id').value = 'p1';
  const overviewsBefore = api.calls.filter(([n]) => n === 'remindersOverview').length;
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'editCheckIn'), ['editCheckIn', 'c1', { label: 'New manager: Dana', start_on: '2026-12-01', person_id: 'p1' }]);
  assert.equal(textOf($('#check-ins .ledger-text')), `New manager: Dana · started ${dateText('2026-12-01')} · with Dana Ng`);
  assert.ok(api.calls.filter(([n]) => n === 'remindersOverview').length > overviewsBefore, 'the reminders follow the new start at once');
  assert.equal(toast(), 'Saved the check-ins for “\u2068New manager: Dana\u2069”');
});

test('a refused check-in edit is shown at its field', async () => {
  const { $ } = mountView(mountReminders, {
    remindersOverview: overview,
    listCheckIns: [{ id: 'c1', label: 'New job', start_on: '2026-11-02', person_id: null }],
    listPeople: [],
    editCheckIn: new ApiError({ code: 'check_ins.date_required', message: 'Pick the day it started.', field: 'start_on' }),
  });
  await settle();
  click($('#check-ins .check-in-edit'));
  await settle();
  submit(dialog('check-in-edit-dialog').querySelector('form'));
  await settle();
  assert.equal(textOf(dialog('check-in-edit-dialog').querySelector('#check-in-edit-start_on-error')), 'Pick the day it started.');
});

// ---------- groups ----------

test('a group\'s visits open under it, and one is corrected or deleted', async () => {
  let visits = [{ id: 'a1', group_id: 'g1', attended_on: '2026-11-10', note: '' }, { id: 'a2', group_id: 'g1', attended_on: '2026-10-01', note: 'talk' }];
  const { api, $ } = mountView(mountInsights, {
    listGroups: [{ id: 'g1', name: 'Guild', note: '', last_attended: '2026-11-10', times_attended: 2 }],
    groupAttendance: () => visits,
    editAttendance: (id, on, note) => { visits = [{ ...visits[0], attended_on: on, note }, visits[1]]; return visits[0]; },
    deleteAttendance: () => { visits = visits.slice(0, 1); return null; },
    listMaps: [],
    insights: new ApiError({ code: 'test.skipped', message: 'Not part of this test' }),
  });
  await settle();
  const toggle = $('#groups .group-history');
  assert.equal(toggle.getAttribute('aria-expanded'), 'false');
  click(toggle);
  await settle();
  assert.deepEqual(lastCall(api, 'groupAttendance'), ['groupAttendance', 'g1']);
  assert.equal($('#groups .group-history').getAttribute('aria-expanded'), 'true');
  assert.deepEqual([...$('#visits-g1').querySelectorAll('.visit-day')].map(textOf), [dateText('2026-11-10'), dateText('2026-10-01')]);

  click($('#visits-g1 [data-id="a1"] .visit-edit'));
  const d = dialog('visit-dialog');
  assert.equal(d.querySelector('#visit-attended_on').value, '2026-11-10');
  d.querySelector('#visit-attended_on').value = '2026-11-12';
  d.querySelector('#visit-note').value = 'Rust 2027 talk';
  submit(d.querySelector('form'));
  await settle(5);
  assert.deepEqual(lastCall(api, 'editAttendance'), ['editAttendance', 'a1', '2026-11-12', 'Rust 2027 talk']);
  assert.equal(textOf($('#visits-g1 [data-id="a1"]').querySelector('.ledger-text')), `${dateText('2026-11-12')} · Rust 2027 talk`, 'the history stays open, read again');

  click($('#visits-g1 [data-id="a2"] .visit-delete'));
  await settle(5);
  assert.deepEqual(lastCall(api, 'deleteAttendance'), ['deleteAttendance', 'a2']);
  assert.equal($('#visits-g1 [data-id="a2"]'), null);
  assert.equal(toast(), `Deleted your visit to \u2068Guild\u2069 on ${dateText('2026-10-01')}`);
});

test('a group\'s name and note are edited, and a refusal is shown at its field', async () => {
  let refuse = true;
  const { api, $ } = mountView(mountInsights, {
    listGroups: [{ id: 'g1', name: 'Guild', note: '', last_attended: null, times_attended: 0 }],
    updateGroup: (id, input) => (refuse ? new ApiError({ code: 'groups.name_required', message: 'Name the group.', field: 'name' }) : { id, ...input }),
    listMaps: [],
    insights: new ApiError({ code: 'test.skipped', message: 'Not part of this test' }),
  });
  await settle();
  click($('#groups .group-edit'));
  const d = dialog('group-edit-dialog');
  assert.equal(d.querySelector('#group-edit-name').value, 'Guild');
  d.querySelector('#group-edit-name').value = '';
  submit(d.querySelector('form'));
  await settle();
  assert.equal(textOf(d.querySelector('#group-edit-name-error')), 'Name the group.');
  refuse = false;
  d.querySelector('#group-edit-name').value = 'Rust Guild';
  d.querySelector('#group-edit-note').value = 'First Tuesday';
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'updateGroup'), ['updateGroup', 'g1', { name: 'Rust Guild', note: 'First Tuesday', category: null }]);
  assert.equal(toast(), 'Saved the group \u2068Rust Guild\u2069');
});

test('groups are shortlisted, one is the focus, and a category is chosen, each one step with Undo', async () => {
  const guild = { id: 'g1', name: 'Guild', note: '', last_attended: null, times_attended: 0, category: null, shortlisted: false, focus: false };
  const women = { id: 'g2', name: 'Women in Product', note: '', last_attended: null, times_attended: 0, category: 'affinity', shortlisted: true, focus: true };
  let groups = [guild, women];
  const { api, $ } = mountView(mountInsights, {
    listGroups: () => groups,
    shortlistGroup: (id, on) => { groups = groups.map((g) => (g.id === id ? { ...g, shortlisted: on } : g)); return groups.find((g) => g.id === id); },
    focusGroup: (id) => { groups = groups.map((g) => ({ ...g, focus: g.id === id, shortlisted: g.shortlisted || g.id === id })); return groups; },
    updateGroup: (id, input) => ({ id, ...input }),
    listMaps: [],
    insights: new ApiError({ code: 'test.skipped', message: 'Not part of this test' }),
  });
  await settle();
  assert.equal(textOf($('#groups [data-id="g2"] .group-standing')), '(Focus · Affinity)');
  assert.equal($('#groups [data-id="g2"] .group-focus').getAttribute('aria-pressed'), 'true');
  click($('#groups [data-id="g1"] .group-shortlist'));
  await settle(5);
  assert.deepEqual(lastCall(api, 'shortlistGroup'), ['shortlistGroup', 'g1', true]);
  assert.equal(toast(), 'Shortlisted \u2068Guild\u2069');
  click($('#groups [data-id="g1"] .group-focus'));
  await settle(5);
  assert.deepEqual(lastCall(api, 'focusGroup'), ['focusGroup', 'g1']);
  assert.equal(textOf($('#groups [data-id="g1"] .group-standing')), '(Focus)');
  assert.equal(textOf($('#groups [data-id="g2"] .group-standing')), '(Shortlisted · Affinity)', 'only one focus');
  click($('#groups [data-id="g1"] .group-focus'));
  await settle(5);
  assert.deepEqual(lastCall(api, 'focusGroup'), ['focusGroup', null], 'pressing it again clears the focus');
  click($('#groups [data-id="g1"] .group-edit'));
  const d = dialog('group-edit-dialog');
  d.querySelector('#group-edit-category').value = 'skill';
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'updateGroup'), ['updateGroup', 'g1', { name: 'Guild', note: '', category: 'skill' }]);
});

// ---------- tours ----------

const tour = (id, title, extra = {}) => ({
  id,
  title,
  start_on: '2026-11-02',
  stops: [{ id: `${id}-s1`, kind: 'team', person_id: null, name: 'Payments', team: 'Payments', week: 2, week_starts: '2026-11-09', met_on: null, suggested_by_name: null }],
  progress: { met: 0, total: 1, next: [`${id}-s1`] },
  ...extra,
});

test('older tours are listed after the current one and open when chosen', async () => {
  const tours = [{ id: 't2', title: 'Joining Platform', start_on: '2027-03-01', met: 0, total: 0 },
    { id: 't1', title: 'New job at Acme', start_on: '2026-11-02', met: 1, total: 4 }];
  const { api, $ } = mountView(mountTour, {
    currentTour: tour('t2', 'Joining Platform'), listPeople: [], listTours: tours, getTour: tour('t1', 'New job at Acme'),
  });
  await settle();
  const items = [...$('#tours').children];
  assert.deepEqual(items.map((li) => textOf(li.querySelector('.tour-open'))), ['Joining Platform', 'New job at Acme']);
  assert.match(textOf(items[0]), /Current/, 'the current tour says so');
  assert.match(textOf(items[1]), /met 1 of 4/);
  assert.equal(items[0].querySelector('.tour-open').getAttribute('aria-current'), 'true');
  click(items[1].querySelector('.tour-open'));
  await settle();
  assert.deepEqual(lastCall(api, 'getTour'), ['getTour', 't1']);
  assert.equal(textOf($('#tour-name')), 'New job at Acme');

  click($('#tour-new'));
  assert.ok($('#tour-start'), 'a new tour starts from the form, with the older ones still listed');
  assert.ok($('#tours'));
  click($('#tour-start-cancel'));
  assert.equal(textOf($('#tour-name')), 'New job at Acme', 'cancel goes back to the tour shown');
});

test('a tour\'s title and first day are edited in a dialog', async () => {
  const { api, $ } = mountView(mountTour, {
    currentTour: tour('t1', 'New job at Acme'), listPeople: [], listTours: [{ id: 't1', title: 'New job at Acme', start_on: '2026-11-02', met: 0, total: 1 }],
    updateTour: (id, input) => tour(id, input.title, { start_on: input.start_on }),
  });
  await settle();
  click($('#tour-edit'));
  const d = dialog('tour-edit-dialog');
  assert.equal(d.querySelector('#tour-edit-title').value, 'New job at Acme');
  d.querySelector('#tour-edit-title').value = 'First job at Acme';
  d.querySelector('#tour-edit-start_on').value = '2026-11-09';
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'updateTour'), ['updateTour', 't1', { title: 'First job at Acme', start_on: '2026-11-09' }]);
  assert.equal(textOf($('#tour-name')), 'First job at Acme');
});

test('a meeting moves to another target week; a week the core refuses is shown at the field', async () => {
  let refuse = true;
  const { api, $ } = mountView(mountTour, {
    currentTour: tour('t1', 'New job at Acme'), listPeople: [], listTours: [],
    setTourStopWeek: (stopId, week) => (refuse
      ? new ApiError({ code: 'tours.bad_week', message: 'Pick a week from 1 to 52 after your start.', field: 'week' })
      : tour('t1', 'New job at Acme', { stops: [{ ...tour('t1', '').stops[0], week, week_starts: '2026-11-16' }] })),
  });
  await settle();
  click($('.tour-stop[data-id="t1-s1"] .stop-week'));
  const d = dialog('stop-week-dialog');
  assert.equal(d.querySelector('#stop-week-week').value, '2');
  d.querySelector('#stop-week-week').value = '99';
  submit(d.querySelector('form'));
  await settle();
  assert.equal(textOf(d.querySelector('#stop-week-week-error')), 'Pick a week from 1 to 52 after your start.');
  refuse = false;
  d.querySelector('#stop-week-week').value = '3';
  submit(d.querySelector('form'));
  await settle();
  assert.deepEqual(lastCall(api, 'setTourStopWeek'), ['setTourStopWeek', 't1-s1', 3]);
  assert.equal(toast(), 'Moved \u2068Payments\u2069 to week 3');
});

test('a typed week is passed on as a number the core can check, or 0 for it to refuse', () => {
  assert.equal(typedWeek(' 4 '), 4);
  assert.equal(typedWeek(''), 0);
  assert.equal(typedWeek('2.5'), 0);
  assert.equal(typedWeek('300'), 0, 'beyond what the command reads: refused by the core\'s words, not a type error');
});

// ---------- a person on a map, and their cadence ----------

test('the cadence reads how often and where it comes from', () => {
  assert.equal(everyText(14), 'every 2 weeks');
  assert.equal(everyText(30), 'every 30 days');
  assert.equal(everyText(7), 'every week');
  assert.equal(everyText(1), 'every day');
  const fromMap = cadenceParts({ days: 14, source: { from: 'quadrant', map_id: 'm1', map_name: 'Promotion', quadrant: 'manage_closely' } });
  assert.equal(`${fromMap.text}${fromMap.map.name}${fromMap.after}`, 'Keep in touch every 2 weeks, from their quadrant on Promotion (Manage closely).');
  assert.equal(fromMap.map.id, 'm1');
  const own = cadenceParts({ days: 45, source: { from: 'own' } });
  assert.equal(own.text, 'Keep in touch every 45 days: their own setting, from their profile.');
  assert.equal(own.map, null);
  assert.match(cadenceParts(null).text, /^No keep-in-touch reminder/);
});

test('a person is put on a map in a quadrant from their page, and the maps they are on link to the map', async () => {
  const dana = { id: 'p1', name: 'Dana Ng' };
  let onMaps = [];
  let cadence = null;
  const api = fakeApi({
    personStances: () => onMaps,
    listMaps: [{ id: 'm1', name: 'Promotion', archived: false }, { id: 'm2', name: 'Old', archived: true }],
    personCadence: () => cadence,
    placePerson: (mapId, personId, position) => {
      onMaps = [{ map_id: mapId, map_name: 'Promotion', stance: 'unknown', quadrant: 'keep_satisfied' }];
      cadence = { days: 30, source: { from: 'quadrant', map_id: mapId, map_name: 'Promotion', quadrant: 'keep_satisfied' } };
      return { person_id: personId, position };
    },
  });
  const maps = personMaps(dana, { api });
  document.body.append(maps.el);
  await settle();
  assert.match(textOf(maps.el.querySelector('#person-cadence')), /^No keep-in-touch reminder/);
  assert.deepEqual([...maps.el.querySelectorAll('#place-map_id option')].map(textOf), ['Promotion'], 'archived maps are not offered');
  maps.el.querySelector('#place-quadrant').value = 'keep_satisfied';
  submit(maps.el.querySelector('#place-form'));
  await settle();
  assert.deepEqual(lastCall(api, 'placePerson'), ['placePerson', 'm1', 'p1', { power: 0.75, interest: 0.25 }],
    'they go to the middle of the quadrant chosen');
  const link = maps.el.querySelector('#person-stances a.stance-map');
  assert.equal(link.getAttribute('href'), '#/map/m1');
  assert.equal(textOf(link.parentElement), 'Promotion · Keep satisfied');
  assert.equal(textOf(maps.el.querySelector('#person-cadence')), 'Keep in touch every 30 days, from their quadrant on Promotion (Keep satisfied).');
  assert.equal(maps.el.querySelector('#person-cadence a').getAttribute('href'), '#/map/m1');
  assert.equal(textOf(maps.el.querySelector('#place-map_id option')), 'Promotion (move them)');
  assert.equal(toast(), 'Put \u2068Dana Ng\u2069 on \u2068Promotion\u2069, in Keep satisfied');
});
