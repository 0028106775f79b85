// Words for the newbie tour, as pure functions tested with node --test. Days are the user's
// calendar days, YYYY-MM-DD, read at midday so no time zone moves them.

const DAY_MS = 86400000;
const atNoon = (day) => new Date(`${day}T12:00:00`);
const short = (date) => date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });

function addDays(day, n) {
  const d = atNoon(day);
  d.setDate(d.getDate() + n);
  return d;
}

/** "2 November 2026". */
export function longDay(day) {
  return atNoon(day).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

/** "Week 2 · from 8 Dec". */
export function weekLabel(week, startOn) {
  return `Week ${week} · from ${short(addDays(startOn, 7 * (week - 1)))}`;
}

/** "Check-ins at 30, 60 and 90 days: 31 Dec, 30 Jan and 1 Mar (in Reminders)." */
export function tourCheckIns(startOn) {
  const [a, b, c] = [30, 60, 90].map((n) => short(addDays(startOn, n)));
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
  if (stop.met_on) return { id: 'met', text: `Met ${short(atNoon(stop.met_on))}` };
  const from = atNoon(stop.week_starts);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate(), 12);
  const days = Math.round((today - from) / DAY_MS);
  if (days >= 7) return { id: 'overdue', text: 'To book: its week has passed' };
  if (days >= 0) return { id: 'this-week', text: 'To book this week' };
  return { id: 'planned', text: 'Planned' };
}
