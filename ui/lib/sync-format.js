// Words for Settings → Sync: what to fix before turning sync on, when another computer last
// wrote, what waits, what a round did and what a conflict overrode. No DOM, so node --test loads
// it as it is; every value from the data is returned as plain text for h() to place.

import { dateTimeText, truncate } from './format.js';

/**
 * The first thing to fix in the "Turn on sync" form ({ folder, deviceName, passphrase, repeat }),
 * as { field, message } with the form's field names, or null when it can be sent.
 */
export function syncFormProblem({ folder, deviceName, passphrase, repeat }) {
  if (!String(folder ?? '').trim()) {
    return { field: 'folder', message: 'Choose the folder your file sync carries (OneDrive, Dropbox, Syncthing…), the same on every computer.' };
  }
  if (!String(deviceName ?? '').trim()) {
    return { field: 'device_name', message: 'Give this computer a name, so the others can tell it apart.' };
  }
  if (!String(passphrase ?? '').trim()) {
    return { field: 'passphrase', message: 'Enter a sync passphrase: the same on every computer.' };
  }
  if (passphrase !== repeat) {
    return { field: 'repeat', message: 'The two passphrases differ. Type the same one twice.' };
  }
  return null;
}

/** "just now", "5 minutes ago", "3 hours ago", else the date and time; "not known" without one. */
export function wroteWhen(when, now = new Date()) {
  const then = new Date(when ?? NaN);
  if (Number.isNaN(then.getTime())) return 'not known';
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  return dateTimeText(then);
}

const plural = (n, one, many) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** One other computer: its name (or id), when it last wrote, and files not applied here yet. */
export function deviceText(device, now = new Date()) {
  const name = device.name || device.id;
  const behind = Math.max(0, (device.last_seq_seen ?? 0) - (device.last_applied ?? 0));
  const waiting = behind ? ` · ${plural(behind, 'file', 'files')} not applied here yet` : '';
  return `${name} · last wrote ${wroteWhen(device.last_write, now)}${waiting}`;
}

/** What this computer has not written to the folder yet. */
export function pendingText(n) {
  if (!n) return 'Everything changed here is in the folder.';
  return n === 1 ? '1 change waits to be written to the folder.' : `${n} changes wait to be written to the folder.`;
}

/** What "Sync now" did ({ pushed, pulled: { applied, waiting, errors } }). */
export function roundText(round) {
  const { pushed = 0 } = round ?? {};
  const applied = round?.pulled?.applied ?? 0;
  if (!pushed && !applied) return 'Up to date: nothing new to write or apply.';
  return `Wrote ${plural(pushed, 'file', 'files')} of changes; applied ${plural(applied, 'file', 'files')} from your other computers.`;
}

/** A problem with a file in the folder: where, then why. */
export function problemText(problem) {
  return `${problem.path}: ${problem.reason}`;
}

const TABLES = {
  people: 'Person', interactions: 'Meeting', favours: 'Favour', promises: 'Promise', conflicts: 'Conflict',
  reminders: 'Reminder', check_ins: 'Regular check-in', groups: 'Group', group_attendance: 'Group visit',
  links: 'Connection', tours: 'Newbie tour', tour_stops: 'Tour meeting', wins: 'Win', win_shares: 'Win shared',
  forums: 'Forum', asks: 'Ask', maps: 'Map', placements: 'Place on a map', profiles: 'Profile',
  person_contacts: 'Contact detail', person_dates: 'Date', settings: 'Setting',
};

/** Columns that say nothing to a person (keys, clocks). */
// Bookkeeping and what Allies works out from the rest (a name's sort key, the search text).
const HIDDEN = new Set(['id', 'person_id', 'created_at', 'updated_at', 'deleted_at', 'name_key', 'search_text']);

/** A setting's value is JSON: its fields are what changed ("time zone", "morning"), not the text. */
function settingValues(conflict) {
  if (conflict.table !== 'settings') return null;
  try {
    const value = JSON.parse(conflict.overridden?.value);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** What a conflict overrode: the kind of record, its lost values as "column: value", and by what. */
export function conflictText(conflict) {
  let kind = TABLES[conflict.table] ?? conflict.table;
  if (conflict.table === 'settings') {
    // A setting's key is its name ("reminders", "about_me"): the one key worth showing.
    let name = null;
    try { [name] = JSON.parse(conflict.key); } catch { /* shown without it */ }
    if (typeof name === 'string') kind = `${kind} “${name.replaceAll('_', ' ')}”`;
  }
  const values = Object.entries(settingValues(conflict) ?? conflict.overridden ?? {})
    .filter(([column, value]) => !HIDDEN.has(column) && value !== null && value !== '')
    .slice(0, 4)
    .map(([column, value]) => `${column.replaceAll('_', ' ')}: ${truncate(typeof value === 'string' ? value : JSON.stringify(value), 60)}`);
  const by = conflict.kept == null ? 'a later delete' : 'a later edit';
  return `${kind}: ${values.length ? values.join(', ') : 'a change'}, replaced by ${by}`;
}
