// The People list over a fake api: which rows are in the page, which pages are fetched and
// when, the keyboard, and switching to former colleagues.
import { NO_HITS, afterSearch, callsTo, click, mountWith, people, peopleAnswers, person, press, settle } from './support/people.js';
import { resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { rowElement, listState, restartList, personIn, PAGE_SIZE } from '../../ui/views/people-list.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const $$ = (s) => [...document.querySelectorAll(s)];
const names = () => $$('#people-list .person-name').map((n) => n.textContent);
const scrollTo = async (top) => {
  const box = $('.people-scroll');
  box.scrollTop = top;
  box.dispatchEvent(new Event('scroll'));
  await settle();
};

test('the first page is fetched from the top and only the rows in view (and a margin) are rendered', async () => {
  const { api, el } = await mountWith(peopleAnswers(people(250)));
  assert.deepEqual(api.calls.filter(([name]) => name !== 'peoplePage'), [['peopleFilterChoices'], ['sampleWorkspaceStatus']], 'no search of the rest without a query; the filters\' choices and whether the sample is there');
  assert.deepEqual(callsTo(api, 'peoplePage')[0], [{ query: '' }, 0, 100], 'the first page first');
  assert.deepEqual(api.calls[0][0], 'peoplePage');
  assert.equal(textOf(el.querySelector('#people-count')), '250 people');
  const rows = $$('#people-list > li');
  assert.equal(rows.length, 20, 'ten rows in view and ten below, not 250');
  assert.deepEqual([rows[0].getAttribute('aria-posinset'), rows[0].getAttribute('aria-setsize')], ['1', '250']);
  assert.equal(names()[0], 'Person 000');
  assert.equal($('#people-list').getAttribute('aria-label'), 'People');
  assert.equal($('#people-list').style.paddingBottom, `${(250 - 20) * 80}px`, 'padding stands in for the rows not rendered');
  assert.equal($$('.person-row').filter((b) => b.getAttribute('tabindex') === '0').length, 1, 'one Tab stop in the list');
  assert.equal($('#person-panel .panel-hint') !== null, true, 'the panel offers a hint');
});

test('scrolling fetches the next page once, shows placeholders meanwhile, and reuses cached pages', async () => {
  let release;
  const answers = peopleAnswers(people(250));
  const page = answers.peoplePage;
  answers.peoplePage = (...args) => (args[1] === 100 ? new Promise((r) => { release = () => r(page(...args)); }) : page(...args));
  const { api } = await mountWith(answers);
  await scrollTo(100 * 80);
  assert.equal(callsTo(api, 'peoplePage').filter(([, offset]) => offset === 100).length, 1, 'asked for once, ahead of the scroll');
  const loading = $$('.person-row.loading');
  assert.ok(loading.length > 0, 'rows of a page on its way are placeholders');
  assert.equal(loading[0].getAttribute('aria-busy'), 'true');
  assert.equal(textOf(loading[0]), 'Loading…');
  await scrollTo(100 * 80 + 40); // a second scroll while the page is on its way
  assert.equal(callsTo(api, 'peoplePage').filter(([, offset]) => offset === 100).length, 1, 'a page on its way is not asked for again');
  release();
  await settle();
  assert.equal($$('.person-row.loading').filter((b) => Number(b.dataset.index) >= 100).length, 0);
  assert.ok(names().includes('Person 100'));
  await scrollTo(0);
  await scrollTo(100 * 80);
  assert.deepEqual(callsTo(api, 'peoplePage').map(([, offset]) => offset), [0, 100, 200], 'pages already here are not fetched again');
});

test('the page after the view and the last page are read ahead, so reading on and End find people at once', async () => {
  const { api } = await mountWith(peopleAnswers(people(1000)));
  assert.deepEqual(callsTo(api, 'peoplePage').map(([, offset]) => offset), [0, 100, 900], 'the first page, then the next and the last');
  await scrollTo(1000 * 80);
  assert.equal($$('.person-row.loading').length, 0, 'no placeholders at the end');
  assert.ok(names().includes('Person 999'));
  assert.deepEqual(callsTo(api, 'peoplePage').map(([, offset]) => offset), [0, 100, 900], 'the end was already here');
  await scrollTo(500 * 80);
  assert.deepEqual(callsTo(api, 'peoplePage').map(([, offset]) => offset).slice(3), [400, 500, 600], 'the pages in view, then the one after');
  assert.equal($$('.person-row.loading').length, 0);
});

test('reading ahead goes one page at a time and never holds up a page scrolled to', async () => {
  let release;
  const answers = peopleAnswers(people(1000));
  const page = answers.peoplePage;
  answers.peoplePage = (...args) => (args[1] === 100 ? new Promise((r) => { release = () => r(page(...args)); }) : page(...args));
  const { api } = await mountWith(answers);
  const offsets = () => callsTo(api, 'peoplePage').map(([, offset]) => offset);
  assert.deepEqual(offsets(), [0, 100], 'the last page waits while the next is on its way');
  await scrollTo(500 * 80);
  assert.deepEqual(offsets(), [0, 100, 400, 500], 'the pages in view are asked for at once');
  assert.equal($$('.person-row.loading').length, 0);
  release();
  await settle();
  assert.deepEqual(offsets(), [0, 100, 400, 500, 600, 900], 'then reading ahead goes on, a page at a time');
});

test('a page read ahead that fails says nothing until it is needed, then says why', async () => {
  const answers = peopleAnswers(people(1000));
  const page = answers.peoplePage;
  answers.peoplePage = (...args) => (args[1] === 900 ? Promise.reject(new Error('The database is locked')) : page(...args));
  const { api } = await mountWith(answers);
  await settle();
  assert.ok(callsTo(api, 'peoplePage').some(([, offset]) => offset === 900), 'it was read ahead');
  assert.equal($$('.toast').length, 0, 'no message for a page nobody asked to see');
  await scrollTo(1000 * 80);
  await settle();
  assert.equal($$('.toast').length, 1);
  assert.match(textOf($('.toast')), /The database is locked/);
});

test('a fetched page that says the list grew shows the new length', async () => {
  const everyone = people(150);
  const { el } = await mountWith(peopleAnswers(everyone, {
    peoplePage: (q, offset, limit) => (offset === 0
      ? { total: 150, offset: 0, people: everyone.slice(0, 100) }
      : { total: 160, offset, people: everyone.slice(offset, offset + limit) }),
  }));
  await scrollTo(95 * 80);
  assert.equal(textOf(el.querySelector('#people-count')), '160 people');
  assert.equal($('#people-list > li').getAttribute('aria-setsize'), '160');
});

test('End, Home and arrows move the one Tab stop through the whole list, fetching as needed', async () => {
  const { api } = await mountWith(peopleAnswers(people(250)));
  const first = $('.person-row[data-id="p0"]');
  first.focus();
  assert.equal(press(first, 'End'), true, 'the list used the key');
  await settle();
  assert.deepEqual(callsTo(api, 'peoplePage').at(-1), [{ query: '' }, 200, 100], 'the last page is fetched');
  assert.equal(document.activeElement.dataset.id, 'p249');
  assert.equal(document.activeElement.getAttribute('tabindex'), '0', 'the Tab stop moved with the focus');
  press(document.activeElement, 'ArrowUp');
  assert.equal(document.activeElement.dataset.id, 'p248');
  press(document.activeElement, 'Home');
  assert.equal(document.activeElement.dataset.id, 'p0');
  assert.equal($('.people-scroll').scrollTop, 0);
  assert.equal(press(document.activeElement, 'x'), false, 'other keys are left alone');
});

test('Arrow down in the search enters the list at its first row', async () => {
  await mountWith(peopleAnswers(people(3)));
  assert.equal(press($('#people-search'), 'ArrowDown'), true);
  assert.equal(document.activeElement.dataset.id, 'p0');
});

test('a row shows initials, name, role line, tags and contact as text', async () => {
  const dana = person(1, { name: 'Dana <b>Ng</b>', role: 'VP', organisation: 'Acme', tags: 'mentor, <i>x</i>' });
  await mountWith(peopleAnswers([dana]));
  const row = $('.person-row[data-id="p1"]');
  assert.equal(row.querySelector('.avatar').textContent, 'DB', 'initials skip the markup characters');
  assert.equal(row.querySelector('.person-name').textContent, 'Dana <b>Ng</b>');
  assert.equal(row.querySelector('.person-meta').textContent, 'VP · Acme');
  assert.deepEqual([...row.querySelectorAll('.tag')].map((t) => t.textContent), ['mentor', '<i>x</i>']);
  assert.equal(row.querySelector('b, i'), null, 'no element from user text');
  assert.equal(row.querySelector('.person-contact').textContent, 'No contact logged yet');
  assert.equal(row.getAttribute('title'), 'Enter to open, Space to select (Shift for a range), Delete to delete');
  assert.equal(row.parentElement.querySelector('.row-check').getAttribute('aria-label'), 'Select Dana <b>Ng</b>', 'the checkbox names who, as text');
});

test('nobody yet: the empty state, no count, no search box, no panel', async () => {
  const { el } = await mountWith(peopleAnswers([]));
  assert.ok(el.querySelector('#people-empty #add-first-person'));
  assert.ok(el.querySelector('#import-first'));
  assert.equal(el.querySelector('#people-count').textContent, '');
  assert.equal(el.querySelector('#people-search').hidden, true);
  assert.equal(el.querySelector('#person-panel').hidden, true);
});

test('a list that cannot load says why', async () => {
  const { el } = await mountWith(peopleAnswers([], { peoplePage: new Error('The database is locked') }));
  assert.equal(textOf(el.querySelector('.list-pane .form-error')), 'The database is locked');
});

test('former colleagues are a filter the toggle sets, with its chip; the toggle goes back', async () => {
  const gone = [person(7, { left_at: '2024-02-01T00:00:00Z' })];
  const { api, el } = await mountWith(peopleAnswers([...people(2), ...gone]));
  click(el.querySelector('#toggle-former'));
  await settle();
  assert.deepEqual(api.calls.at(-1)[1].filters.former, true, 'the core is asked for former colleagues');
  assert.equal(textOf(el.querySelector('#people-count')), '1 former colleague');
  assert.equal(el.querySelector('#people-list').getAttribute('aria-label'), 'Former colleagues');
  assert.match(textOf(el.querySelector('.person-row[data-id="p7"] .person-contact')), /^Former colleague since /);
  assert.deepEqual([...el.querySelectorAll('#people-chips .chip')].map(textOf), ['Former colleagues ×']);
  assert.equal(textOf(el.querySelector('#toggle-former')), 'Back to current people');
  click(el.querySelector('#toggle-former'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['peoplePage', { query: '' }, 0, 100]);
  assert.equal(textOf(el.querySelector('#people-count')), '2 people');
});

test('no former colleagues: it says how someone becomes one', async () => {
  const { el } = await mountWith(peopleAnswers(people(1), { searchEverything: NO_HITS }));
  click(el.querySelector('#toggle-former'));
  await settle();
  assert.match(textOf(el.querySelector('#former-empty')), /^No former colleagues\./);
});

test('list state: a restart drops older pages and counts a new generation', () => {
  const state = listState();
  restartList(state, { total: 250, offset: 100, people: people(100, 100) });
  assert.equal(state.total, 250);
  assert.equal(state.cache.row(100).id, 'p100');
  assert.equal(state.cache.row(0), undefined);
  assert.equal(personIn(state, 'p150').name, 'Person 150');
  assert.equal(personIn(state, 'p5'), null);
  const { generation } = state;
  restartList(state, { total: 1, offset: 0, people: [person(5)] });
  assert.equal(state.generation, generation + 1);
  assert.equal(personIn(state, 'p150'), null, 'pages of the older list are gone');
  assert.equal(PAGE_SIZE, 100);
});

test('a row still loading has no id, so clicking or Delete cannot reach a person through it', () => {
  const li = rowElement(4, { person: undefined, selected: false, label: '' }, 10);
  assert.equal(li.querySelector('[data-id]'), null);
  assert.equal(li.querySelector('.person-row').dataset.index, '4');
  const selected = rowElement(0, { person: person(1), selected: true, label: 'P1' }, 10);
  assert.equal(selected.querySelector('.person-row').getAttribute('aria-current'), 'true');
  assert.equal(selected.querySelector('.person-name').textContent, 'P1', 'the label given (presenting) is shown, not the name');
});

test('a search starts the list again from the top', async () => {
  const { api } = await mountWith(peopleAnswers(people(250)));
  await scrollTo(150 * 80);
  $('#people-search').value = 'Person 2';
  $('#people-search').dispatchEvent(new Event('input'));
  await afterSearch();
  assert.deepEqual(callsTo(api, 'peoplePage').at(-1), [{ query: 'Person 2' }, 0, 100]);
  assert.equal($('.people-scroll').scrollTop, 0);
  assert.equal(names()[0], 'Person 200');
});

test('opening someone deep in the list (a link) loads the page holding them and scrolls to them', async () => {
  // p230's page is neither the first, the next nor the last (those are read ahead).
  const { api, view } = await mountWith(peopleAnswers(people(450)));
  await view.open('p230');
  await settle();
  assert.deepEqual(callsTo(api, 'peoplePage').find((args) => args.length === 4), [{ query: '' }, 0, 100, 'p230'], 'asked for the page around them');
  assert.equal($('.people-scroll').scrollTop, 231 * 80 - 800, 'scrolled just far enough to show their row');
  const row = $('.person-row[data-id="p230"]');
  assert.equal(row.getAttribute('aria-current'), 'true');
  assert.equal(row.getAttribute('tabindex'), '0', 'their row holds the Tab stop');
  assert.equal($('#person-name').value, 'Person 230');
});

test('people changed elsewhere (a dropped file imported) read the list again, until the view is left', async () => {
  const everyone = people(2);
  const { api, ctx, view } = await mountWith(peopleAnswers(everyone));
  assert.deepEqual(names(), ['Person 000', 'Person 001']);
  const pages = () => callsTo(api, 'peoplePage').length;

  everyone.push(person(2));
  const before = pages();
  ctx.store.bump('people'); // as the window's drop of a file does once it is imported
  await settle();
  assert.deepEqual(names(), ['Person 000', 'Person 001', 'Person 002'], 'the imported person is listed');
  assert.ok(callsTo(api, 'peopleFilterChoices').length >= 2, 'the filter choices are read again too');
  assert.ok(pages() > before, 'the list was read again');

  view.destroy();
  const afterDestroy = pages();
  ctx.store.bump('people');
  await settle();
  assert.equal(pages(), afterDestroy, 'a view no longer shown stops listening');
});
