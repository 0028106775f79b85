// Words for the round that decides: the countdown to a map's target date, its gaps and drift.
// Pure functions, shared by the map view, the Review page and Insights; names come through
// `nameOf(personId, name)` so presenting mode decides how people are named.

import { dateText } from '../lib/format.js';

const STANCES = { champion: 'champion', supporter: 'supporter', neutral: 'neutral', skeptic: 'skeptic', blocker: 'blocker', unknown: 'unknown' };

/** "Round in 45 days (30 Mar 2026)", "Round tomorrow", "Round today", "Round was 3 days ago". */
export function countdownText(c) {
  const on = dateText(c.target_date);
  const d = c.days_left;
  if (d === 0) return `Round today (${on})`;
  if (d === 1) return `Round tomorrow (${on})`;
  if (d < 0) return `Round was ${-d === 1 ? 'yesterday' : `${-d} days ago`} (${on})`;
  const weeks = Math.floor(d / 7);
  const inWeeks = weeks >= 2 ? `, ${weeks} weeks` : '';
  return `Round in ${d} days${inWeeks} (${on})`;
}

function names(list, nameOf) {
  return list.map((p) => nameOf(p.person_id, p.name)).join(', ');
}

/** One line per gap of a countdown that holds someone; empty when the map is in good shape. */
export function gapLines(c, nameOf) {
  return [
    [c.not_heard, 'Not heard from you in 30 days'],
    [c.against, 'Skeptical or blocking'],
    [c.stance_unknown, 'Stance unknown'],
    [c.far_from_need, 'Far from where you need them'],
    [c.open_asks ?? [], 'Asks still open'],
  ].filter(([list]) => list.length).map(([list, what]) => `${what}: ${names(list, nameOf)}`).concat(
    // Forums and wins are the user's own words, not people: shown as written.
    [[c.forums_without_advocate ?? [], 'No one speaks for you in'], [c.wins_not_shared ?? [], 'Wins nobody has heard of']]
      .filter(([list]) => list.length).map(([list, what]) => `${what}: ${list.join(', ')}`));
}

/** What changed for one drifting person: "supporter → skeptic", "further from where you need them". */
export function driftText(d) {
  const parts = [];
  if (d.stance_worse) parts.push(`${STANCES[d.stance_then] ?? d.stance_then} → ${STANCES[d.stance_now] ?? d.stance_now}`);
  if (d.moved_away) parts.push('further from where you need them');
  return parts.join('; ');
}

/** The line that says since when drift is measured. */
export function driftSince(report) {
  return report.since_review
    ? `Since your last review (${dateText(report.since)})`
    : `In the last week (no review done yet)`;
}
