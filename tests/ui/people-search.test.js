// Searching People over a fake api: what is asked, what is counted, what else a search found,
// and what happens when nothing or only part of it answers.
import { NO_HITS, afterSearch, callsTo, click, mountWith, people, peopleAnswers, person, type } from './support/people.js';
import { resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { foundElsewhere } from '../../ui/views/people-search.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const hit = (id, name, snippet) => ({ person_id: id, person_name: name, snippet });
const TEAM = [
  person(1, { name: 'Dana Ng', role: 'Engineering Manager' }),
  person(2, { name: 'Élodie Durand', role: 'Staff Engineer' }),
  person(3, { name: 'Sam Patel', role: 'Product Director' }),
];

test('typing searches once, after a pause, for the list and everything else', async () => {
  const { api, el } = await mountWith(peopleAnswers(TEAM));
  api.calls.length = 0;
  type($('#people-search'), 'E');
  type($('#people-search'), 'ENGINEER');
  await afterSearch();
  assert.deepEqual(api.calls, [['peoplePage', { query: 'ENGINEER' }, 0, 100], ['searchEverything', 'ENGINEER']], 'one search, for the last text');
  assert.equal(textOf(el.querySelector('#people-count')), '2 people found');
  assert.deepEqual([...el.querySelectorAll('.person-name')].map((n) => n.textContent), ['Dana Ng', 'Élodie Durand']);
  assert.equal(el.querySelector('#toggle-former'), null, 'no switch to former colleagues while searching');
  assert.equal(textOf(el.querySelector('#found-elsewhere')), 'Nothing else matches in notes, interactions, favours, promises, conflicts, asks, wins or forums.');
});

test('hits elsewhere are grouped, matched words marked as text, people already listed left out', async () => {
  const { el } = await mountWith(peopleAnswers(TEAM, {
    searchEverything: {
      ...NO_HITS,
      people: [hit('p1', 'Dana Ng', 'Dana Ng: \uE000reorg\uE001 lead'), hit('p9', 'Kim <b>Lee</b>', 'Kim: the \uE000reorg\uE001')],
      interactions: [hit('p1', 'Dana Ng', 'Coffee about the \uE000reorg\uE001 <img src=x>')],
    },
  }));
  type($('#people-search'), 'Dana');
  await afterSearch();
  const groups = [...el.querySelectorAll('#found-elsewhere .hit-group')];
  assert.deepEqual(groups.map((g) => g.querySelector('h3').textContent), ['In profiles and notes', 'In interactions']);
  assert.deepEqual([...groups[0].querySelectorAll('.hit')].map((b) => b.dataset.person), ['p9'], 'Dana is in the list already');
  assert.equal(groups[0].querySelector('.hit-person').textContent, 'Kim <b>Lee</b>');
  assert.deepEqual([...el.querySelectorAll('#found-elsewhere mark')].map((m) => m.textContent), ['reorg', 'reorg']);
  assert.equal(groups[1].querySelector('.hit-snippet').textContent, 'Coffee about the reorg <img src=x>');
  assert.equal(el.querySelector('#found-elsewhere img, #found-elsewhere b'), null, 'no element from user text');
});

test('opening a hit on someone not listed clears the search, loads the page around them and opens them', async () => {
  const everyone = [...TEAM, person(9, { name: 'Kim Lee' })];
  const { api, el } = await mountWith(peopleAnswers(everyone, {
    searchEverything: { ...NO_HITS, favours: [hit('p9', 'Kim Lee', 'Covered my \uE000on-call\uE001')] },
  }));
  type($('#people-search'), 'on-call');
  await afterSearch();
  api.calls.length = 0;
  click(el.querySelector('.hit[data-person="p9"]'));
  await afterSearch();
  assert.deepEqual(api.calls[0], ['peoplePage', { query: '' }, 0, 100, 'p9']);
  assert.equal($('#people-search').value, '');
  assert.equal($('#person-name').value, 'Kim Lee');
  assert.equal(textOf($('#person-panel .form-title')), 'Edit Kim Lee');
  assert.equal($('.person-row[data-id="p9"]').getAttribute('aria-current'), 'true');
});

test('no one matches: it says so and offers to add them with the name typed', async () => {
  const { el } = await mountWith(peopleAnswers(TEAM));
  type($('#people-search'), '  Kim Lee ');
  await afterSearch();
  assert.equal(textOf(el.querySelector('#people-no-match')), 'No one matches “Kim Lee”. Try fewer words, or add them.');
  assert.equal(textOf(el.querySelector('#people-count')), '0 people found');
  assert.equal(el.querySelector('#people-search').hidden, false, 'the search stays to change it');
  click(el.querySelector('#people-no-match button'));
  assert.equal($('#person-name').value, 'Kim Lee');
  assert.equal(textOf($('#person-panel .form-title')), 'Add a person');
});

test('the list shows even when searching the rest fails', async () => {
  const { el } = await mountWith(peopleAnswers(TEAM, { searchEverything: new Error('index broken') }));
  type($('#people-search'), 'Sam');
  await afterSearch();
  assert.equal(textOf(el.querySelector('#people-count')), '1 person found');
  assert.equal(el.querySelector('#found-elsewhere'), null);
});

test('an answer to an older search is not shown over a newer one', async () => {
  let slow;
  const answers = peopleAnswers(TEAM);
  const page = answers.peoplePage;
  answers.peoplePage = (q, ...rest) => (q.query === 'Dana' ? new Promise((r) => { slow = () => r(page(q, ...rest)); }) : page(q, ...rest));
  const { api, el } = await mountWith(answers);
  type($('#people-search'), 'Dana');
  await afterSearch();
  type($('#people-search'), 'Sam');
  await afterSearch();
  slow();
  await afterSearch();
  assert.deepEqual(callsTo(api, 'peoplePage').map(([q]) => q.query), ['', 'Dana', 'Sam']);
  assert.deepEqual([...el.querySelectorAll('.person-name')].map((n) => n.textContent), ['Sam Patel']);
});

test('the "/" shortcut focuses the search, unless there is nobody to search', async () => {
  const { view } = await mountWith(peopleAnswers(TEAM));
  assert.equal(view.handle('search'), true);
  assert.equal(document.activeElement.id, 'people-search');
  resetPage();
  const empty = await mountWith(peopleAnswers([]));
  assert.equal(empty.view.handle('search'), false);
});

test('foundElsewhere alone: a hit opens through the callback with the hit itself', () => {
  const opened = [];
  const el = foundElsewhere({ ...NO_HITS, promises: [hit('p5', 'Ana', '\uE000deck\uE001 by Friday')] },
    { listed: () => null, known: people(2), onOpen: (h) => opened.push(h.person_id) });
  assert.equal(el.getAttribute('aria-label'), 'Also found');
  assert.equal(el.querySelector('h3').textContent, 'In promises');
  click(el.querySelector('.hit'));
  assert.deepEqual(opened, ['p5']);
});

test('a win found by the search links to it in My wins, its words as text', () => {
  const el = foundElsewhere({ ...NO_HITS, wins: [{ id: 'w1', title: 'Cut <b>builds</b>', snippet: 'Cut \uE000builds\uE001 <img src=x>' }] },
    { listed: () => null, known: [], onOpen: () => assert.fail('a win is not a person') });
  const link = el.querySelector('a.hit[data-win="w1"]');
  assert.equal(link.getAttribute('href'), '#/wins/w1');
  assert.equal(link.querySelector('.hit-person').textContent, 'Cut <b>builds</b>');
  assert.equal(link.querySelector('mark').textContent, 'builds');
  assert.equal(el.querySelector('img, b'), null, 'no element from user text');
});

test('a forum found by the search links to it in Asks & forums; who sits on it is hidden while presenting', () => {
  const results = { ...NO_HITS, forums: [{ id: 'f/1', name: 'Promotion <b>panel</b>', snippet: 'Promotion \uE000panel\uE001 Levels Dana Ng' }] };
  const opts = { listed: () => null, known: [{ name: 'Dana Ng' }], onOpen: () => assert.fail('a forum is not a person') };
  const el = foundElsewhere(results, opts);
  assert.equal(el.querySelector('h3').textContent, 'In forums');
  const link = el.querySelector('a.hit[data-forum="f/1"]');
  assert.equal(link.getAttribute('href'), '#/asks/f%2F1', 'the id is escaped in the address');
  assert.equal(link.querySelector('.hit-person').textContent, 'Promotion <b>panel</b>');
  assert.equal(link.querySelector('mark').textContent, 'panel');
  assert.equal(el.querySelector('img, b'), null, 'no element from user text');
  assert.match(textOf(link.querySelector('.hit-snippet')), /Dana Ng$/);
  setPresentingMode('initials');
  try {
    // Sam Ruiz is no one the list has shown: the snippet is left out, not redacted name by name.
    const withSam = { ...NO_HITS, forums: [{ ...results.forums[0], snippet: 'Promotion \uE000panel\uE001 Levels Dana Ng Sam Ruiz' }] };
    const hidden = foundElsewhere(withSam, opts);
    assert.equal(hidden.querySelector('.hit-snippet'), null, 'no member of the forum is named');
    assert.doesNotMatch(textOf(hidden), /Sam Ruiz|Dana Ng/);
    assert.equal(textOf(hidden.querySelector('.hit-person')), 'Promotion <b>panel</b>', 'the forum\'s own name stays');
  } finally {
    setPresentingMode('names');
  }
});

test('while presenting, a name the match cuts in two is hidden whole in a person\'s snippet', () => {
  const results = { ...NO_HITS, people: [{ person_id: 'p1', person_name: 'Dana Ng', snippet: '\uE000Dana\uE001 Ng cares about on-call' }] };
  const opts = { listed: () => null, known: [], onOpen: () => {} };
  assert.equal(foundElsewhere(results, opts).querySelector('mark').textContent, 'Dana');
  setPresentingMode('initials');
  try {
    const shown = textOf(foundElsewhere(results, opts).querySelector('.hit-snippet'));
    assert.doesNotMatch(shown, /Dana|Ng /);
    assert.match(shown, /cares about on-call$/);
  } finally {
    setPresentingMode('names');
  }
});
