// Locking encrypted data after a while without use: the choice, and the reports of use the
// app's idle timer counts from. Pure apart from the storage it is given, so it is tested with a
// fake clock.

/** Where the choice is kept (the web view's local storage). */
export const LOCK_AFTER_KEY = 'allies.lockAfterMinutes';
/** The choices offered, in minutes; 0 is "never". */
export const LOCK_CHOICES = [1, 5, 10, 15, 30, 60, 0];
export const DEFAULT_LOCK_AFTER = 10;

/** The chosen minutes, or the default for a missing or unknown value. */
export function lockAfterMinutes(storage) {
  const raw = storage?.getItem(LOCK_AFTER_KEY);
  if (raw === null || raw === undefined || raw === '') return DEFAULT_LOCK_AFTER;
  const n = Number(raw);
  return LOCK_CHOICES.includes(n) ? n : DEFAULT_LOCK_AFTER;
}

export function setLockAfterMinutes(storage, minutes) {
  if (!LOCK_CHOICES.includes(minutes)) throw new RangeError(`Not a choice: ${minutes}`);
  storage.setItem(LOCK_AFTER_KEY, String(minutes));
}

/** "10 minutes", "1 minute", "1 hour", "Never". */
export function describeLockAfter(minutes) {
  if (minutes === 0) return 'Never';
  if (minutes === 60) return '1 hour';
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/**
 * Tells the app that the user is using the window, at most once every `every` milliseconds.
 * The app's own idle timer, which locks encrypted data (on a clock that counts sleep), waits
 * again from each report; changes saved count by themselves.
 */
export class ActivityReport {
  constructor({ now, send, every = 30_000 }) {
    this.now = now;
    this.send = send;
    this.every = every;
    this.last = -Infinity;
  }

  /** Returns true when it told the app now. */
  seen() {
    const t = this.now();
    if (t - this.last < this.every) return false;
    this.last = t;
    this.send();
    return true;
  }
}
