import { test } from 'node:test';
import assert from 'node:assert/strict';

import { describeReport, passphraseProblem, snapshotReason, snapshotSize } from '../../ui/lib/settings-format.js';

test('the message after a change says what happened to the copies', () => {
  assert.equal(describeReport({ backups_converted: 0, backups_left: [] }, 'Done.'), 'Done.');
  assert.equal(
    describeReport({ backups_converted: 1, backups_left: [] }, 'Done.'),
    'Done. 1 automatic copy was changed the same way.',
  );
  assert.equal(
    describeReport({ backups_converted: 3, backups_left: ['/d/backups/a.db', '/d/backups/b.db'] }, 'Done.'),
    'Done. 3 automatic copies were changed the same way. 2 older copies could not be changed (another passphrase, or damaged) and were left as they were in the backups folder.',
  );
});

test('after encrypting, the message says which unencrypted leftovers went and lists those that stay', () => {
  assert.equal(
    describeReport({ backups_converted: 0, backups_left: [], plaintext_removed: 2, plaintext_left: ['/d/allies.db.broken-20261101T000000Z'] }, 'Done.'),
    'Done. 2 unencrypted temporary copies were removed. These unencrypted files are still on disk (damaged data set aside earlier); remove them once you no longer need them: /d/allies.db.broken-20261101T000000Z.',
  );
});

test('a passphrase form is stopped before sending when the two differ or the box is not ticked', () => {
  assert.deepEqual(passphraseProblem({ passphrase: 'a', repeat: 'b' }, true).field, 'repeat');
  assert.deepEqual(passphraseProblem({ passphrase: 'a', repeat: 'a' }, false).field, 'understood');
  assert.equal(passphraseProblem({ passphrase: 'a', repeat: 'a' }, true), null);
  assert.equal(passphraseProblem({ current: 'x' }, undefined), null, 'a form without a box or a repeat has nothing to check');
});

test('automatic copies say why they were taken and how big they are', () => {
  assert.equal(snapshotReason('before_restore'), 'before a restore');
  assert.equal(snapshotReason('manual'), 'manual');
  assert.equal(snapshotSize(100), '1 KB');
  assert.equal(snapshotSize(10 * 1024 + 600), '11 KB');
});
