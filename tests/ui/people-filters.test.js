// Sorting, filtering and selecting in the People list over a fake api: the chips, the count,
// what the core is asked for, keeping the view across visits, and acting on a selection.
import { callsTo, click, listed, mountWith, peopleAnswers, people, person, press, settle } from './support/people.js';
import { resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { addFilter, chipsOf, defaultView, emptyFilters, filteredCountText, listQuery, removeFilter } from '../../ui/views/people-filters.js';
import { bulkMessage, selectRange, selectionState, toggleOne } from '../../ui/views/people-selection.js';
import { mountPeople } from '../../ui/views/people.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const $$ = (s) => [...document.querySelectorAll(s)];
const chips = () => $$('#people-chips .chip').map(textOf);
const CHOICES = { tags: ['mentor'], departments: ['Platform'], organisations: [], maps: [{ id: 'm1', name: 'Launch' }] };

/** Chooses the add-filter menu's option with these words, as a person does. */
function chooseFilter(label) {
  const select = $('#people-add-filter');
  const option = [...select.querySelectorAll('option')].find((o) => o.textContent === label);
  assert.ok(option, `the menu offers ${label}`);
  for (const o of select.querySelectorAll('option')) { if (o === option) o.setAttribute('selected', ''); else o.removeAttribute('selected'); }
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

const mentors = () => [...people(5), person(10, { tags: 'mentor' }), person(11, { tags: 'mentor' })].sort((a, b) => a.name.localeCompare(b.name));

test('the view goes to the core only where it differs from everyone by name', () => {
  assert.deepEqual(listQuery('dana', defaultView()), { query: 'dana' });
  const view = { ...defaultView(), sort: 'power', descending: true, filters: addFilter(emptyFilters(), 'tags', 'mentor') };
  assert.deepEqual(listQuery('', view), { query: '', filters: view.filters, sort: 'power', descending: true });
});

test('filters add once, remove by their chip, and read as words', () => {
  let f = addFilter(emptyFilters(), 'tags', 'mentor');
  f = addFilter(f, 'tags', 'mentor');
  f = addFilter(f, 'maps', { map_id: 'm1', quadrant: 'manage_closely' });
  f = addFilter(f, 'stances', 'champion');
  f = addFilter(f, 'going_cold');
  const list = chipsOf(f, CHOICES);
  assert.deepEqual(list.map((c) => c.label), ['Tag: mentor', 'Map: Launch · Manage closely', 'Stance: Champion', 'Going cold']);
  f = removeFilter(f, list[1]);
  f = removeFilter(f, list[3]);
  assert.deepEqual(chipsOf(f, CHOICES).map((c) => c.label), ['Tag: mentor', 'Stance: Champion']);
  assert.equal(chipsOf(addFilter(emptyFilters(), 'maps', { map_id: 'gone', quadrant: null }), CHOICES)[0].label, 'Map: a map no longer there');
});

test('the count says how many of everyone the filters keep', () => {
  const tagged = addFilter(emptyFilters(), 'tags', 'mentor');
  assert.equal(filteredCountText({ shown: 42, of: 1204, query: '', filters: tagged }), '42 of 1,204 people');
  assert.equal(filteredCountText({ shown: 1204, of: 0, query: '', filters: emptyFilters() }), '1,204 people');
  assert.equal(filteredCountText({ shown: 3, of: 0, query: 'a', filters: emptyFilters() }), '3 people found');
  assert.equal(filteredCountText({ shown: 2, of: 0, query: '', filters: addFilter(emptyFilters(), 'former') }), '2 former colleagues');
});

test('a filter from the menu shows as a chip, narrows the list and the count; Backspace on the chip removes it', async () => {
  const { api, el } = await mountWith(peopleAnswers(mentors()));
  assert.equal(textOf(el.querySelector('#people-count')), '7 people');
  chooseFilter('mentor');
  await settle();
  assert.deepEqual(chips(), ['Tag: mentor ×']);
  assert.deepEqual(callsTo(api, 'peoplePage').at(-2)[0], { query: '', filters: { ...emptyFilters(), tags: ['mentor'] } }, 'the core filters');
  assert.equal(textOf(el.querySelector('#people-count')), '2 of 7 people');
  assert.deepEqual($$('.person-name').map(textOf), ['Person 010', 'Person 011']);
  const chip = $('#people-chips .chip');
  chip.focus();
  assert.equal(press(chip, 'Backspace'), true, 'Backspace is the chip\'s');
  await settle();
  assert.deepEqual(chips(), []);
  assert.equal(textOf(el.querySelector('#people-count')), '7 people');
  assert.equal(document.activeElement, $('#people-add-filter'), 'the focus goes to the menu when no chip is left');
});

test('a sort is asked of the core, and the sort and filters are there again on the next visit', async () => {
  const { api, ctx, view } = await mountWith(peopleAnswers(mentors()));
  const sort = $('#people-sort');
  for (const o of sort.querySelectorAll('option')) { if (o.value === 'last_contact') o.setAttribute('selected', ''); else o.removeAttribute('selected'); }
  sort.dispatchEvent(new Event('change', { bubbles: true }));
  await settle();
  click($('#people-sort-direction'));
  await settle();
  chooseFilter('mentor');
  await settle();
  assert.deepEqual(callsTo(api, 'peoplePage').at(-2)[0],
    { query: '', filters: { ...emptyFilters(), tags: ['mentor'] }, sort: 'last_contact', descending: true });
  view.destroy();
  resetPage();
  const again = mountPeople(ctx);
  document.getElementById('main').append(again.el);
  await settle();
  assert.deepEqual(chips(), ['Tag: mentor ×'], 'the filter is kept');
  assert.equal($('#people-sort option[selected]').value, 'last_contact', 'and the sort');
  assert.equal(callsTo(api, 'peoplePage').at(-2)[0].sort, 'last_contact');
});

test('no one passes the filters: it says so and offers to clear them', async () => {
  const { el } = await mountWith(peopleAnswers(people(3)));
  chooseFilter('mentor');
  await settle();
  assert.match(textOf(el.querySelector('#people-no-match')), /^No one matches these filters\./);
  click($('#people-no-match-clear'));
  await settle();
  assert.equal(textOf(el.querySelector('#people-count')), '3 people');
});

test('selection: one, a range from it, all; pure state', () => {
  const sel = selectionState();
  toggleOne(sel, 'a', 0);
  selectRange(sel, 3, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual([...sel.ids], ['a', 'b', 'c', 'd']);
  selectRange(sel, 1, ['b', 'c', 'd'], 1);
  assert.deepEqual([...sel.ids].sort(), ['a', 'b', 'c', 'd'], 'a range back from the new anchor adds');
  toggleOne(sel, 'b', 1);
  assert.equal(sel.ids.has('b'), false);
  assert.equal(bulkMessage({ kind: 'add_tag', tag: ' mentor ' }, { selected: 12, changed: 12 }), 'Tagged 12 people “mentor”');
  assert.equal(bulkMessage({ kind: 'add_tag', tag: 'mentor' }, { selected: 3, changed: 2 }), 'Tagged 2 people “mentor” (1 person already so)');
  assert.equal(bulkMessage({ kind: 'place', quadrant: 'monitor' }, { selected: 1, changed: 1 }, { mapName: 'Launch' }), 'Placed 1 person on “Launch” in Monitor');
});

test('a checkbox, a Shift-click range and a tag for all of them: one call, a toast, the list read again', async () => {
  const { api, el } = await mountWith(peopleAnswers(people(30)));
  assert.equal($('#selection-bar').hidden, true, 'no bar without a selection');
  click($('.row-check[data-id="p2"]'));
  await settle();
  const shift = new Event('click', { bubbles: true });
  Object.defineProperty(shift, 'shiftKey', { value: true });
  $('.row-check[data-id="p6"]').dispatchEvent(shift);
  await settle();
  assert.equal($('#selection-bar').hidden, false);
  assert.equal(textOf($('#selection-count')), '5 people selected');
  assert.equal($$('.row-check[checked]').length, 5, 'only the rows in the range show checked');
  assert.equal(callsTo(api, 'peopleIds').length, 0, 'a range within the loaded rows needs no call');
  click($('#bulk-add_tag'));
  await settle();
  $('#bulk-tag').value = 'mentor';
  $('#bulk-dialog form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.deepEqual(callsTo(api, 'bulkChangePeople'), [[['p2', 'p3', 'p4', 'p5', 'p6'], { kind: 'add_tag', tag: 'mentor' }]]);
  assert.equal(textOf($('#toasts .toast > span')), 'Tagged 5 people “mentor”');
  assert.equal($('#selection-bar').hidden, true, 'done: the selection is cleared');
  assert.equal(callsTo(api, 'peopleFilterChoices').length, 2, 'the new tag can be filtered by');
  assert.ok(el.isConnected);
});

test('Ctrl+A in the list selects everyone listed (beyond the loaded rows), Escape clears', async () => {
  const { api } = await mountWith(peopleAnswers(people(250)));
  const row = $('.person-row[data-id="p0"]');
  row.focus();
  const ctrlA = new Event('keydown', { bubbles: true, cancelable: true });
  Object.defineProperty(ctrlA, 'key', { value: 'a' });
  Object.defineProperty(ctrlA, 'ctrlKey', { value: true });
  row.dispatchEvent(ctrlA);
  assert.equal(ctrlA.defaultPrevented, true, 'Ctrl+A is the list\'s, not the page\'s');
  await settle();
  assert.deepEqual(callsTo(api, 'peopleIds'), [[{ query: '' }]]);
  assert.equal(textOf($('#selection-count')), '250 people selected');
  // The rows were drawn again, checked: press on the row as it is now.
  assert.equal(press($('.person-row[data-id="p0"]'), 'Escape'), true);
  assert.equal($('#selection-bar').hidden, true);
  assert.equal(press($('.person-row[data-id="p0"]'), ' '), true, 'Space selects the row rather than opening it');
  await settle();
  assert.equal(textOf($('#selection-count')), '1 person selected');
  assert.equal($('#person-name'), null, 'the person did not open');
});

test('a refused action keeps the dialog open with the core\'s message at its field', async () => {
  const refusal = { code: 'profiles.bad_cadence', field: 'cadence_days', message: 'Every 0 days is not a cadence; choose 1 to 365 days.' };
  const answers = peopleAnswers(people(3), { bulkChangePeople: () => { throw refusal; } });
  await mountWith(answers);
  click($('.row-check[data-id="p1"]'));
  await settle();
  click($('#bulk-set_cadence'));
  $('#bulk-cadence_days').value = '0';
  $('#bulk-dialog form').dispatchEvent(new Event('submit', { cancelable: true }));
  await settle();
  assert.equal(textOf($('#bulk-cadence_days-error')), refusal.message);
  assert.equal($('#selection-bar').hidden, false, 'nothing changed, the selection stays');
});

test('the fake core follows the tag filter as the real one does (the tests above rely on it)', () => {
  assert.deepEqual(listed(mentors(), { query: '', filters: { tags: ['mentor'] } }).map((p) => p.id), ['p10', 'p11']);
});
