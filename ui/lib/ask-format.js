// Words for asks and forums, as pure functions: the kinds and states, the dated steps of an ask,
// the next moves it offers, and what a forum gap says. Names come through `label`, so presenting
// mode decides how people show.

import { dateText } from './format.js';

/** The kinds of support, in the order the form offers them. */
export const ASK_KINDS = [
  ['sounding_board', 'Sounding board'],
  ['advice', 'Advice'],
  ['advocate', 'Advocate in a forum'],
  ['public_support', 'Public support'],
  ['introduction', 'Introduction'],
  ['sponsorship', 'Sponsorship'],
  ['feedback', 'Feedback'],
];

export const ASK_STATUSES = [
  ['approached', 'Approached'],
  ['asked', 'Asked'],
  ['agreed', 'Agreed'],
  ['declined', 'Declined'],
];

export function kindText(kind) {
  return ASK_KINDS.find(([k]) => k === kind)?.[1] ?? 'Support';
}

export function statusText(status) {
  return ASK_STATUSES.find(([s]) => s === status)?.[1] ?? status;
}

/** "Advocate in a forum at Promotion panel, for Promotion": the kind, its forum and its goal. */
export function askSummary(ask) {
  const forum = ask.forum_name ? ` at ${ask.forum_name}` : '';
  const goal = ask.map_name ? `, for ${ask.map_name}` : '';
  const what = ask.what ? ` (${ask.what})` : '';
  return `${kindText(ask.kind)}${forum}${goal}${what}`;
}

/** Each step taken, dated: "approached 2 Oct 2026 · asked 5 Oct 2026 · agreed 8 Oct 2026". */
export function stepsText(ask, day = dateText) {
  const steps = [`approached ${day(ask.approached_at)}`];
  if (ask.asked_at) steps.push(`asked ${day(ask.asked_at)}`);
  if (ask.answered_at) steps.push(`${ask.status} ${day(ask.answered_at)}`);
  return steps.join(' · ');
}

/** The moves an ask in `status` offers, as [status, button label]: forward first, then back. */
export function nextMoves(status) {
  switch (status) {
    case 'approached': return [['asked', 'Asked'], ['agreed', 'Agreed'], ['declined', 'Declined']];
    case 'asked': return [['agreed', 'Agreed'], ['declined', 'Declined'], ['approached', 'Back to approached']];
    case 'agreed': return [['declined', 'Declined after all'], ['asked', 'Back to asked']];
    case 'declined': return [['agreed', 'Agreed after all'], ['asked', 'Back to asked']];
    default: return [];
  }
}

/** What a forum's cover says: who speaks for you there, or the gap, named. */
export function gapText(forum, label) {
  const names = (list) => list.map((m) => label(m.name, '')).join(', ');
  if (forum.advocates?.length) return `${names(forum.advocates)} will speak for you`;
  if (!forum.members?.length) return 'no advocate: you know no one on it yet';
  return `no advocate: ask ${names(forum.members)}`;
}

/** The input the ask form sends, from its values; empty choices are none. */
export function askInput(values) {
  const kind = values.kind || 'sounding_board';
  return {
    person_id: values.person_id ?? '',
    kind,
    map_id: values.map_id || null,
    forum_id: kind === 'advocate' ? values.forum_id || null : null,
    what: values.what ?? '',
  };
}

/** Agreed asks by person id, for the map cards: { [person_id]: [ask, …] }. */
export function agreedByPerson(asks) {
  const by = {};
  for (const a of asks ?? []) {
    if (a.status !== 'agreed') continue;
    (by[a.person_id] ??= []).push(a);
  }
  return by;
}

/** The placements with `agreed` (their agreed asks for this goal) from a goal's support. */
export function withSupport(placements, support) {
  const by = agreedByPerson(support?.agreed);
  return placements.map((p) => (by[p.person_id] ? { ...p, agreed: by[p.person_id] } : p));
}
