// Words and checks for Settings, as pure functions tested with node --test.

/** What the change of encryption did, in words, for the message after the reload. */
export function describeReport(report, action) {
  const parts = [action];
  const n = report.backups_converted;
  if (n) parts.push(`${n} automatic ${n === 1 ? 'copy was' : 'copies were'} changed the same way.`);
  const left = report.backups_left.length;
  if (left) {
    parts.push(`${left} older ${left === 1 ? 'copy' : 'copies'} could not be changed (another passphrase, or damaged) and ${left === 1 ? 'was' : 'were'} left as ${left === 1 ? 'it was' : 'they were'} in the backups folder.`);
  }
  const removed = report.plaintext_removed ?? 0;
  if (removed) parts.push(`${removed} unencrypted temporary ${removed === 1 ? 'copy was' : 'copies were'} removed.`);
  const plain = report.plaintext_left ?? [];
  if (plain.length) {
    parts.push(`These unencrypted files are still on disk (damaged data set aside earlier); remove them once you no longer need them: ${plain.join(', ')}.`);
  }
  return parts.join(' ');
}

/**
 * What is wrong with a passphrase form before anything is sent, as { field, message }, or
 * null. `understood` is the "I understand" box's state, undefined when the form has none.
 */
export function passphraseProblem(values, understood) {
  if ('repeat' in values && values.repeat !== values.passphrase) {
    return { field: 'repeat', message: 'The two passphrases differ. Type the same one twice.' };
  }
  if (understood === false) {
    return { field: 'understood', message: 'Tick this to confirm you will keep the passphrase safe.' };
  }
  return null;
}

const REASONS = { daily: 'daily copy', before_restore: 'before a restore', before_upgrade: 'before an upgrade' };

/** Why an automatic copy was taken: "daily copy"; an unknown reason as the app named it. */
export function snapshotReason(reason) {
  return REASONS[reason] ?? reason;
}

/** A copy's size in whole kilobytes, never below 1: "12 KB". */
export function snapshotSize(bytes) {
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
