import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countPeople, describePerson, initials, truncate } from '../../ui/lib/format.js';

test('initials take the first letter of the first and last word', () => {
  assert.equal(initials('Dana Ng'), 'DN');
  assert.equal(initials('  zoë  '), 'Z');
  assert.equal(initials('Mary Ann de la Cruz'), 'MC');
  assert.equal(initials(''), '?');
  assert.equal(initials(undefined), '?');
});

test('initials keep emoji and combined letters whole', () => {
  assert.equal(initials('👩🏽‍💻 Coder'), '👩🏽‍💻C');
  assert.equal(initials('e\u0301mile Zola'), 'E\u0301Z');
});

test('a person is described by the parts that are filled in', () => {
  assert.equal(describePerson({ role: 'EM', department: '', organisation: 'Acme' }), 'EM · Acme');
  assert.equal(describePerson({ role: ' ', department: null }), '');
});

test('counts read naturally', () => {
  assert.equal(countPeople(0), '0 people');
  assert.equal(countPeople(1), '1 person');
  assert.equal(countPeople(2), '2 people');
});

test('truncation counts characters, not UTF-16 units', () => {
  assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
  assert.equal(truncate('short', 10), 'short');
});
