import { test } from 'node:test';
import assert from 'node:assert/strict';

import { isolate } from '../../ui/lib/dom.js';

test('user text in a sentence is wrapped in first-strong isolates', () => {
  const name = 'Dana \u202Egnol\u202C';
  const sentence = `Took ${isolate(name)} off the map`;
  assert.equal(sentence, 'Took \u2068Dana \u202Egnol\u202C\u2069 off the map');
  assert.equal(isolate(''), '\u2068\u2069');
  assert.equal(isolate(42), '\u206842\u2069');
});
