// Words for the newbie tour, as pure functions tested with node --test. Days are the user's
// calendar days, YYYY-MM-DD, read at midday so no time zone moves them.

import { dateText } from './format.js';

const DAY_MS = 86400000;
const atNoon = (day) => new Date(`${day}T12:00:00`);

function addDays(day, n) {
  const d = atNoon(day);
  d.setDate(d.getDate() + n);
  return d;
}

/** A tour day as this computer's locale writes it ("2 Nov 2026"), like every date in Allies. */
export function longDay(day) {
  return dateText(day);
}

/** "Week 2 · from 8 Dec 2026". */
export function weekLabel(week, startOn) {
  return `Week ${week} · from ${dateText(addDays(startOn, 7 * (week - 1)))}`;
}

/** "Check-ins at 30, 60 and 90 days: 31 Dec 2026, 30 Jan 2027 and 1 Mar 2027 (in Reminders)." */
export function tourCheckIns(startOn) {
  const [a, b, c] = [30, 60, 90].map((n) => dateText(addDays(startOn, n)));
  return `Check-ins at 30, 60 and 90 days: ${a}, ${b} and ${c} (in Reminders).`;
}

/** "Met 7 of 15", or how to begin. */
export function progressText({ met, total }) {
  if (!total) return 'No meetings planned yet.';
  if (met === total) return `Met all ${total}. Well toured.`;
  return `Met ${met} of ${total}`;
}

/**
 * Where a meeting stands on `now`: met (on which day), overdue (its week has passed), this
 * week, or planned.
 */
export function stopStatus(stop, now = new Date()) {
  if (stop.met_on) return { id: 'met', text: `Met ${dateText(stop.met_on)}` };
  const from = atNoon(stop.week_starts);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 12);
  const days = Math.round((today - from) / DAY_MS);
  if (days >= 7) return { id: 'overdue', text: 'To book: its week has passed' };
  if (days >= 0) return { id: 'this-week', text: 'To book this week' };
  return { id: 'planned', text: 'Planned' };
}

/** The user's calendar day of `date` as YYYY-MM-DD, what a date field holds. */
export function localDay(date = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** One of `people` whose name is what was typed, ignoring case and outer spaces, or null. */
export function findPerson(people, typed) {
  const wanted = String(typed ?? '').trim().toLocaleLowerCase();
  return people.find((person) => person.name.toLocaleLowerCase() === wanted) ?? null;
}

/**
 * What the "Who" field says under it: who the typed name is, that someone new will be added,
 * or nothing (a team, or nothing typed). `described` is the known person's description.
 */
export function stopHint({ isTeam, typed, known, described }) {
  if (isTeam || !String(typed ?? '').trim()) return '';
  return known ? described || 'One of your people' : 'Someone new: they will be added to your people.';
}

/** The input of add_tour_stop: a team, one of the user's people, or someone new. */
export function stopInput({ kind, week, team, who, role, department }, known) {
  const input = { kind, week: Number(week) || 0, team };
  if (kind !== 'team') {
    if (known) input.person_id = known.id;
    else input.new_person = { name: who, role, department };
  }
  return input;
}

/** The stops grouped by target week, weeks in the order they first appear. */
export function stopsByWeek(stops) {
  const weeks = new Map();
  for (const stop of stops) {
    if (!weeks.has(stop.week)) weeks.set(stop.week, []);
    weeks.get(stop.week).push(stop);
  }
  return [...weeks.entries()];
}

/** The stops to book next, from the ids the progress names. */
export function nextStops(tour) {
  return tour.progress.next.map((id) => tour.stops.find((s) => s.id === id)).filter(Boolean);
}

/** "Keep in touch every N days" as typed: null when empty, else whole days 1 to 365 or an error for the field. */
export function cadenceDays(typed) {
  const cadence = String(typed ?? '').trim();
  if (!cadence) return null;
  const days = Number(cadence);
  if (!(Number.isInteger(days) && days >= 1 && days <= 365)) {
    throw { field: 'cadence_days', message: 'Keep in touch every 1 to 365 days.' };
  }
  return days;
}

/** A target week as typed, for the core to check: a week the core can read, else 0 (which it refuses with its own words). */
export function typedWeek(typed) {
  const text = String(typed ?? '').trim();
  const week = Number(text);
  return text && Number.isInteger(week) && week >= 0 && week <= 255 ? week : 0;
}

/** "Started 2 November 2026 · met 3 of 5": a tour in the list of tours. */
export function tourSummaryText({ start_on, met, total }) {
  return `Started ${longDay(start_on)} · ${total ? `met ${met} of ${total}` : 'no meetings yet'}`;
}
