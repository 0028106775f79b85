// Locking encrypted data after a while without use: the choice, and the watch that decides
// when the time is up. Pure apart from the storage it is given, so it is tested with a fake clock.

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
 * Calls `onIdle` once when `minutes` pass with no `activity()`. `check()` is called now and
 * then (and on waking from sleep): the time is measured on the clock, not by counting checks,
 * so a laptop that slept past the limit locks at the first check after it wakes.
 */
export class IdleWatch {
  constructor({ now, minutes, onIdle }) {
    this.now = now;
    this.minutes = minutes;
    this.onIdle = onIdle;
    this.last = now();
    this.fired = false;
  }

  activity() {
    this.last = this.now();
  }

  setMinutes(minutes) {
    this.minutes = minutes;
    this.last = this.now();
  }

  /** Returns true when it fired (now or before). */
  check() {
    if (this.fired) return true;
    if (!this.minutes) return false;
    if (this.now() - this.last < this.minutes * 60_000) return false;
    this.fired = true;
    this.onIdle();
    return true;
  }
}
