// The words a person's page (and the Network view) uses for links and the ways in to someone.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { LINK_KIND_WORDS, kindText, pathText } from '../../ui/lib/link-words.js';

test('a path reads from you to the person, with each link and how strong it is', () => {
  const names = new Map([['p', 'Priya'], ['m', 'Marco'], ['v', 'The VP']]);
  const path = {
    steps: [
      { person_id: 'p', strength: 'strong', kind: 'close_with' },
      { person_id: 'm', strength: 'strong', kind: 'close_with' },
      { person_id: 'v', strength: 'medium', kind: 'reports_to' },
    ],
    cost: 5,
  };
  assert.equal(pathText(path, (id) => names.get(id)), 'You → Priya (strong) → Marco (strong) → The VP (medium, reports to)');
});

test('every kind but the usual "close with" is named on its step', () => {
  const step = (kind) => pathText({ steps: [{ person_id: 'x', strength: 'weak', kind }] }, () => 'Ana');
  assert.equal(step('close_with'), 'You → Ana (weak)', 'close with is what a path is mostly made of, so it is left unsaid');
  assert.equal(step('introduced_me_to'), 'You → Ana (weak, introduced me to)');
  assert.equal(step('in_conflict_with'), 'You → Ana (weak, is in conflict with)');
  assert.equal(step('influences'), 'You → Ana (weak, influences)');
  assert.equal(step('mentors'), 'You → Ana (weak, mentors)', 'a kind the UI does not know yet is shown, not dropped');
});

test('names are used exactly as given, and a path without steps is just you', () => {
  const path = { steps: [{ person_id: 'x', strength: 'strong', kind: 'close_with' }] };
  assert.equal(pathText(path, () => 'Vera <img src=x> Park'), 'You → Vera <img src=x> Park (strong)');
  assert.equal(pathText({ steps: [] }, () => 'nobody'), 'You');
});

test('each link kind a person\'s page offers has its own words', () => {
  const words = LINK_KIND_WORDS.map(([, w]) => w);
  assert.equal(new Set(words).size, words.length, 'two kinds with the same words could not be told apart');
  assert.equal(kindText('reports_to'), 'reports to');
  assert.deepEqual(LINK_KIND_WORDS.map(([k]) => k).sort(), ['close_with', 'in_conflict_with', 'influences', 'introduced_me_to', 'reports_to']);
});
