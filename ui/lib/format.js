// Pure text formatting for people and messages; no DOM, tested with node --test.

const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

// Only this much of a name is looked at: a pasted 10,000-character name must not slow rendering.
const MAX_SCAN = 400;
// A grapheme worth showing as an initial: a letter, a digit or an emoji (not punctuation, not an
// invisible direction mark or zero-width space).
const SHOWABLE = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

function graphemes(word) {
  if (segmenter) return Array.from(segmenter.segment(word), (s) => s.segment);
  return Array.from(word);
}

function initialOf(word) {
  for (const g of graphemes(word)) if (SHOWABLE.test(g)) return g;
  return '';
}

/**
 * "Dana Ng" -> "DN", "Ana María de la Cruz" -> "AC", "Zoë" -> "Z", "élodie" -> "É",
 * "(Dana) Ng" -> "DN", "🦊 Fox" -> "🦊F", "" -> "?". Emoji and combined letters stay whole.
 */
export function initials(name) {
  const text = String(name ?? '').slice(0, MAX_SCAN);
  const initialsFound = text.split(/[\s\u200B\u200E\u200F\u202A-\u202E\u2066-\u2069]+/u).map(initialOf).filter(Boolean);
  if (initialsFound.length === 0) return '?';
  const first = initialsFound[0];
  const last = initialsFound.length > 1 ? initialsFound[initialsFound.length - 1] : '';
  return (first + last).toLocaleUpperCase();
}

/** "Staff Engineer · Platform · Acme", skipping empty parts. */
export function describePerson(person) {
  return [person.role, person.department, person.organisation]
    .map((part) => String(part ?? '').trim())
    .filter(Boolean)
    .join(' · ');
}

/** "1 person", "3 people", "10,000 people". */
export function countPeople(n) {
  return n === 1 ? '1 person' : `${Number(n).toLocaleString('en-US')} people`;
}

/** Shortens long text for one-line places, by characters, not UTF-16 units. */
export function truncate(text, max) {
  const chars = Array.from(String(text ?? ''));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** "today", "yesterday", "3 days ago", "5 weeks ago", "2 years ago"; null/invalid -> "never". */
export function sinceText(when, now = new Date()) {
  const then = when ? new Date(when) : null;
  if (!then || Number.isNaN(then.getTime())) return 'never';
  const startOf = (d) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOf(now) - startOf(then)) / 86400000);
  if (days <= 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${Math.round(days / 7)} weeks ago`;
  if (days < 730) return `${Math.round(days / 30.44)} months ago`;
  return `${Math.round(days / 365.25)} years ago`;
}

/** The value for an <input type="datetime-local"> showing `date` in local time. */
export function localDateTimeValue(date) {
  const d = new Date(date);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/**
 * Splits a search snippet into plain and matched parts. The core marks matched words with
 * U+E000 ... U+E001; the UI turns matched parts into <mark> elements, never into markup.
 */
export function snippetParts(snippet) {
  const parts = [];
  let match = false;
  let text = '';
  for (const ch of String(snippet ?? '')) {
    if (ch === '\uE000' || ch === '\uE001') {
      if (text) parts.push({ text, match });
      text = '';
      match = ch === '\uE000';
    } else {
      text += ch;
    }
  }
  if (text) parts.push({ text, match });
  return parts;
}

/** What a person's row says about contact: since when they left, when you last met, or neither. */
export function contactText(person) {
  if (person.left_at) return `Former colleague since ${dateText(person.left_at)}`;
  return person.last_contact ? `Last contact ${sinceText(person.last_contact)}` : 'No contact logged yet';
}

/**
 * The count beside People's title: "3 people", "2 people found", "4 former"; empty before
 * anyone is added, when the empty state says it all.
 */
export function peopleCountText({ total, query, former }) {
  if (former) return `${total} former`;
  const q = query.trim();
  if (total === 0 && q === '') return '';
  return q ? `${countPeople(total)} found` : countPeople(total);
}

/** The kinds of search hit beyond the people list, in the order shown, with their headings. */
export const HIT_GROUPS = [
  ['people', 'In profiles and notes'],
  ['interactions', 'In interactions'],
  ['favours', 'In favours'],
  ['promises', 'In promises'],
  ['conflicts', 'In conflicts'],
  ['asks', 'In asks'],
  ['wins', 'In your wins'],
  ['forums', 'In forums'],
];

/**
 * A search's hits as [heading, hits] for the kinds that have any. A person hit is left out
 * when `listed(person_id)` says the list shows them already.
 */
export function hitGroups(results, listed) {
  return HIT_GROUPS
    .map(([key, title]) => [title, (results[key] ?? []).filter((hit) => key !== 'people' || !listed(hit.person_id))])
    .filter(([, hits]) => hits.length);
}

// Dates and times, one style everywhere: the core sends instants as RFC 3339 and calendar days
// as "YYYY-MM-DD"; every view writes them through these, in this computer's locale.
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar day as this computer's locale writes it ("5 Dec 2026", "Dec 5, 2026"). A
 * "YYYY-MM-DD" day is built from its parts, in local time: `new Date("2026-12-05")` would be
 * UTC midnight, the 4th west of Greenwich. A moment (RFC 3339 or a Date) gives its local day.
 */
export function dateText(day) {
  const parts = typeof day === 'string' ? ISO_DAY.exec(day) : null;
  const d = parts ? new Date(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])) : new Date(day ?? NaN);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleDateString(undefined, { dateStyle: 'medium' });
}

/**
 * A moment as this computer's locale writes it ("5 Dec 2026, 14:05"), in `timeZone` when given
 * (the reminders' zone), else this computer's.
 */
export function dateTimeText(when, timeZone) {
  const d = new Date(when ?? NaN);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
}

/** The time of day of a moment, as this computer's locale writes it ("14:05", "2:05 PM"). */
export function timeText(when, timeZone) {
  const d = new Date(when ?? NaN);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleTimeString(undefined, { timeStyle: 'short', timeZone });
}

/** The last part of a path, for saying which file is meant. */
export function baseName(path) {
  return String(path).split(/[\\/]/).filter(Boolean).pop() ?? String(path);
}
