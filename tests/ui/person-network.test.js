import { test } from 'node:test';
import assert from 'node:assert/strict';

import { pathText } from '../../ui/views/person-network.js';

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
