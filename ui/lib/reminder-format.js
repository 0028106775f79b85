// Words for reminders: what kind each is and when it is due, in the user's time zone.
// Pure functions, tested with node --test.

import { dateText, dateTimeText, timeText } from './format.js';

export const KIND_LABELS = {
  thank_you: 'Thank-you',
  keep_in_touch: 'Keep in touch',
  promise: 'Promise',
  conflict: 'Conflict',
  check_in: 'Check-in',
  one_off: 'Reminder',
  group: 'Group',
  weekly_review: 'Weekly review',
  tour_meeting: 'Tour meeting',
  ask: 'Ask',
  impact_follow_up: 'How it turned out',
  important_date: 'Date that matters',
  regular_one_on_one: 'Regular 1:1',
  countdown: 'Round countdown',
};

export function kindLabel(kind) {
  return KIND_LABELS[kind] ?? 'Reminder';
}

/** The calendar day of `date` in `timeZone`, as "YYYY-MM-DD" (sortable, comparable). */
export function dayIn(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(date));
  const get = (type) => parts.find((p) => p.type === type)?.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Whole days from the day of `from` to the day of `to`, both in `timeZone`. */
export function daysBetween(from, to, timeZone) {
  const utcDay = (d) => Date.parse(`${dayIn(d, timeZone)}T00:00:00Z`);
  return Math.round((utcDay(to) - utcDay(from)) / 86400000);
}

// The 24-hour wall-clock time a datetime-local field holds (not for showing: see timeText).
function clock(date, timeZone) {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(date));
}

/**
 * When something is or was due, for a list: "today 16:00", "tomorrow 09:00", "yesterday 09:00",
 * "3 days ago", else the date and time ("30 Nov 2026, 09:00"), times and dates in this
 * computer's locale. Invalid dates give "".
 */
export function dueText(due, now, timeZone) {
  const when = new Date(due);
  if (Number.isNaN(when.getTime())) return '';
  const days = daysBetween(now, when, timeZone);
  const time = timeText(when, timeZone);
  if (days === 0) return `today ${time}`;
  if (days === 1) return `tomorrow ${time}`;
  if (days === -1) return `yesterday ${time}`;
  if (days < -1 && days > -14) return `${-days} days ago`;
  return dateTimeText(when, timeZone);
}

/** The sentence for a reminder's date ({meaning, on: "YYYY-MM-DD"}), or "" without one. */
export function datedText(dated) {
  if (!dated?.on) return '';
  const on = dateText(dated.on);
  switch (dated.meaning) {
    case 'due': return `Due ${on}.`;
    case 'settle_by': return `You meant to settle it by ${on}.`;
    case 'last_spoke': return `You last spoke on ${on}.`;
    case 'last_went': return `You last went on ${on}.`;
    default: return `On ${on}.`;
  }
}

/** A reminder's text: the core's body, then its date written in this computer's locale. */
export function bodyText(item) {
  return [item.body, datedText(item.dated)].filter(Boolean).join(' ');
}

/** The value for a datetime-local input showing `date` in `timeZone`. */
export function localInputValue(date, timeZone) {
  const d = new Date(date);
  return `${dayIn(d, timeZone)}T${clock(d, timeZone)}`;
}

/** What marking a reminder done means for its kind: the word on its button. */
const DONE_LABELS = { thank_you: 'Thanked', promise: 'Kept', keep_in_touch: 'Got in touch', ask: 'Stop reminding', important_date: 'Wish sent' };

export function doneLabel(kind) {
  return DONE_LABELS[kind] ?? 'Done';
}

/** "today 16:00 · snoozed · repeats": when an item is due and what else is true of it. */
export function dueLine(item, now, timeZone) {
  return [dueText(item.due, now, timeZone), item.snoozed ? ' · snoozed' : '', item.repeats ? ' · repeats' : ''].join('');
}
