import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describeReport } from '../../ui/views/settings-encryption.js';

test('the message after a change says what happened to the copies', () => {
  assert.equal(describeReport({ backupsConverted: 0, backupsLeft: [] }, 'Done.'), 'Done.');
  assert.equal(
    describeReport({ backupsConverted: 1, backupsLeft: [] }, 'Done.'),
    'Done. 1 automatic copy was changed the same way.',
  );
  assert.equal(
    describeReport({ backupsConverted: 3, backupsLeft: ['/d/backups/a.db', '/d/backups/b.db'] }, 'Done.'),
    'Done. 3 automatic copies were changed the same way. 2 older copies could not be changed (another passphrase, or damaged) and were left as they were in the backups folder.',
  );
});
