// What the Review page draws, as functions of the page's data: no api, no state of their own.
// Each item carries the answer that closes it (reminder-answers.js); `say` hides names in the
// app's own words while presenting; `on` holds the controller's handlers.

import { h } from '../lib/dom.js';
import { labelFor, labelForName } from '../lib/presenting.js';
import { mapHash, personHash } from '../lib/router.js';
import { bodyText, dueText, kindLabel } from '../lib/reminder-format.js';
import { answerControls, idFor } from './reminder-answers.js';
import { gapList } from './wins-render.js';
import { askSummary, gapText } from '../lib/ask-format.js';
import { roundsSection } from './round-sections.js';

/** The lists of reminders on the page, in order: key in the reply, title, what it says when empty. */
export const REVIEW_SECTIONS = [
  ['thank_yous', 'Thank-yous owed', 'No thank-you owed.'],
  ['promises_mine', 'Your promises due by next week', 'None of your promises is due.'],
  ['promises_theirs', 'Promises owed to you, due by next week', 'No promise to you is due.'],
  ['conflicts', 'Open conflicts', 'No open conflict.'],
  ['check_ins', 'Check-ins this week', 'No check-in this week.'],
  ['groups', 'Groups to go back to', 'Every group seen this quarter.'],
  ['asks_unanswered', 'Asks waiting for an answer', 'No ask has waited two weeks.'],
  ['impact_follow_ups', 'Tell them how it turned out', 'No thank-you to follow up.'],
  ['important_dates', 'Birthdays and work anniversaries this week', 'No birthday, work anniversary or start date to mark this week.'],
];

export function reviewPage() {
  return h('section', { class: 'view review-view', 'aria-labelledby': 'review-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'review-title', tabindex: '-1' }, 'Weekly review'),
      h('div', { class: 'view-actions' }, h('a', { class: 'button', href: '#/reminders' }, 'All reminders'))),
    h('p', { class: 'review-summary', id: 'review-summary', role: 'status' }),
    h('div', { id: 'review-body' }));
}

function reminderItem(item, view, say, on) {
  const title = item.person_id
    ? h('a', { href: personHash(item.person_id), class: 'reminder-title' }, say(item.title))
    : h('span', { class: 'reminder-title' }, say(item.title));
  return h('li', { class: 'reminder-item review-item', id: `review-${idFor(item.subject)}`, 'data-subject': item.subject, tabindex: '-1' },
    h('span', { class: `kind kind-${item.kind}` }, kindLabel(item.kind)),
    h('span', { class: 'reminder-main' }, title, h('span', { class: 'reminder-body' }, say(bodyText(item)))),
    h('span', { class: 'reminder-due' }, dueText(item.due, new Date(view.now), view.time_zone)),
    h('span', { class: 'reminder-actions' },
      answerControls(item, say, on),
      h('button', { type: 'button', class: 'link review-later', title: 'Snooze for a week', onclick: () => on.later(item) }, 'Not this week')));
}

function section(key, title, items, empty) {
  return h('section', { class: 'card review-section', id: `review-${key}`, 'aria-labelledby': `review-${key}-title` },
    h('h2', { id: `review-${key}-title` }, title, items.length ? ` (${items.length})` : ''),
    h('ul', { class: 'reminder-list' }, items.length ? items : h('li', { class: 'muted empty' }, empty)));
}

function lastSeen(at, view) {
  return at ? `last contact ${dueText(at, new Date(view.now), view.time_zone)}` : 'no contact logged';
}

function gapItem(p, view, say, on) {
  const name = labelFor({ name: p.name, role: p.role });
  // Got in touch answers their keep-in-touch reminder, which logs the contact.
  const item = { subject: p.subject, kind: 'keep_in_touch', title: `Keep in touch with ${p.name}`, person_id: p.person_id, offers: ['got_in_touch'] };
  return h('li', { class: 'reminder-item review-item', 'data-subject': p.subject },
    h('span', { class: 'kind kind-keep_in_touch' }, 'Visibility'),
    h('span', { class: 'reminder-main' },
      h('a', { href: personHash(p.person_id), class: 'reminder-title' }, name),
      h('span', { class: 'reminder-body' }, `Power ${Math.round(p.power * 100)}%, ${lastSeen(p.last_contact, view)}.`)),
    h('span', { class: 'reminder-due' }),
    h('span', { class: 'reminder-actions' }, answerControls(item, say, on)));
}

const QUADRANTS = { manage_closely: 'manage closely', keep_satisfied: 'keep satisfied', keep_informed: 'keep informed', monitor: 'monitor' };

function quadrantOf(position) {
  const high = (v) => v >= 0.5;
  if (high(position.power)) return high(position.interest) ? 'manage_closely' : 'keep_satisfied';
  return high(position.interest) ? 'keep_informed' : 'monitor';
}

/** One person's move this week, in words: joined, left, moved between quadrants, or a new stance. */
export function moveText(m) {
  if (!m.from) return `joined (${QUADRANTS[quadrantOf(m.to.position)]}, ${m.to.stance})`;
  if (!m.to) return 'left the map';
  const parts = [];
  const [a, b] = [quadrantOf(m.from.position), quadrantOf(m.to.position)];
  if (a !== b) parts.push(`moved from ${QUADRANTS[a]} to ${QUADRANTS[b]}`);
  else if (m.distance > 0) parts.push(`moved within ${QUADRANTS[b]}`);
  if (m.from.stance !== m.to.stance) parts.push(`${m.from.stance} → ${m.to.stance}`);
  return parts.join(', ') || 'changed';
}

function mapWeek(map) {
  return h('li', { class: 'review-map' },
    h('a', { href: mapHash(map.map_id) }, map.name),
    map.moves.length
      ? h('ul', {}, map.moves.map((m) => h('li', {},
        h('a', { href: personHash(m.person_id) }, labelForName(m.name, (m.to ?? m.from)?.role ?? '')), ': ', moveText(m))))
      : h('p', { class: 'muted' }, 'This week’s changes cancelled out.'));
}

/** Who agreed to support you, and the forums where nobody speaks for you (asks-render.js words them). */
function supportSection(view) {
  const agreed = view.agreed_asks ?? [];
  const gaps = view.forum_gaps ?? [];
  return h('section', { class: 'card review-section', id: 'review-support', 'aria-labelledby': 'review-support-title' },
    h('h2', { id: 'review-support-title' }, 'Support for you'),
    h('h3', {}, 'Agreed to support you'),
    agreed.length
      ? h('ul', { class: 'review-agreed', id: 'review-agreed' }, agreed.map((a) => h('li', {},
        h('a', { href: personHash(a.person_id) }, labelForName(a.person_name, '')), ': ', askSummary(a))))
      : h('p', { class: 'muted' }, 'No one has agreed yet. Ask on purpose: see Asks & forums.'),
    h('h3', {}, 'Forums with no one to speak for you'),
    gaps.length
      ? h('ul', { class: 'review-forum-gaps', id: 'review-forum-gaps' }, gaps.map((f) => h('li', { class: 'forum-gap' },
        h('a', { href: '#/asks' }, f.name), ': ', gapText(f, labelForName))))
      : h('p', { class: 'muted' }, 'Every forum has someone who agreed to speak for you.'));
}

/** The page's body for `view` (the reply of reviewPage). */
export function reviewBody(view, say, on) {
  const item = (i) => reminderItem(i, view, say, on);
  const parts = [];
  // The rounds ahead come first: the countdown is what the week is for.
  parts.push(roundsSection(view.rounds, say));
  parts.push(section('going_cold', 'Going cold', view.going_cold.map(item), 'No one is going cold.'));
  parts.push(section('visibility_gap', 'Powerful people not seen lately', view.visibility_gap.map((p) => gapItem(p, view, say, on)), 'Everyone with power has seen you lately.'));
  for (const [key, title, empty] of REVIEW_SECTIONS) parts.push(section(key, title, (view[key] ?? []).map(item), empty));
  const tour = view.tour
    ? [h('p', { id: 'review-tour-progress' }, h('a', { href: '#/tour' }, view.tour.title), `: met ${view.tour.met} of ${view.tour.total}.`)]
    : [h('p', { class: 'muted' }, 'No newbie tour.')];
  parts.push(h('section', { class: 'card review-section', id: 'review-tour', 'aria-labelledby': 'review-tour-title' },
    h('h2', { id: 'review-tour-title' }, 'Newbie tour'), tour,
    view.tour_meetings.length ? h('ul', { class: 'reminder-list' }, view.tour_meetings.map(item)) : null));
  const winsGap = view.wins_gap ?? [];
  parts.push(h('section', { class: 'card review-section', id: 'review-wins_gap', 'aria-labelledby': 'review-wins_gap-title' },
    h('h2', { id: 'review-wins_gap-title' }, 'Who has not heard of your work', winsGap.length ? ` (${winsGap.length})` : ''),
    winsGap.length ? gapList(winsGap, 'review-wins-gap') : h('p', { class: 'muted' }, 'Everyone with power on your goals has heard of a recent win, or there is none to tell.')));
  parts.push(h('section', { class: 'card review-section', id: 'review-maps', 'aria-labelledby': 'review-maps-title' },
    h('h2', { id: 'review-maps-title' }, 'This week on your maps'),
    view.maps.length ? h('ul', { class: 'review-maps' }, view.maps.map(mapWeek)) : h('p', { class: 'muted' }, 'No map changed this week.')));
  parts.push(supportSection(view));
  parts.push(h('div', { class: 'review-done-box' },
    view.review_subject
      ? h('button', { type: 'button', class: 'primary', id: 'review-done', onclick: () => on.reviewDone() }, 'Review done')
      : h('p', { class: 'muted' }, 'The weekly review reminder is off; turn it on in Settings to be asked each week.')));
  return parts;
}
