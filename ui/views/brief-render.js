// The meeting brief's page, drawn from the core's reply: pure functions of the brief and of
// `say` (which hides names while presenting), so node tests can check what it shows.

import { h } from '../lib/dom.js';
import { dateText, dateTimeText } from '../lib/format.js';

export const STANCE_WORDS = {
  champion: 'Champion', supporter: 'Supporter', neutral: 'Neutral', skeptic: 'Skeptic', blocker: 'Blocker', unknown: 'Stance unknown',
};
export const QUADRANT_WORDS = {
  manage_closely: 'manage closely', keep_satisfied: 'keep satisfied', keep_informed: 'keep informed', monitor: 'monitor',
};
const KIND_WORDS = {
  one_on_one: '1:1', coffee: 'Coffee', meeting: 'Meeting', message: 'Message', email: 'Email', event: 'Event', introduction: 'Introduction',
};

/** The address of a person's brief: "#/brief/<id>", the id escaped. */
export function briefHash(id) {
  return `#/brief/${encodeURIComponent(id)}`;
}

/** "Label: text" pairs of the profile that hold something. */
export function filled(pairs) {
  return pairs.filter(([, v]) => String(v ?? '').trim()).map(([k, v]) => [k, String(v).trim()]);
}

const INFO_LENGTH_WORDS = { short: 'short', detailed: 'detailed' };
const INFO_STYLE_WORDS = { data: 'numbers first', story: 'the story first' };

/** "One slide, short, numbers first": how they like information, from the parts filled in. */
export function informationWords(p, say = (t) => t) {
  const format = String(p.info_format ?? '').trim();
  return [format ? say(format) : '', INFO_LENGTH_WORDS[p.info_length] ?? '', INFO_STYLE_WORDS[p.info_style] ?? '']
    .filter(Boolean).join(', ');
}

/** One line for a person's place on a map. */
export function mapLine(m) {
  let line = `${m.map_name}: ${STANCE_WORDS[m.stance] ?? m.stance}, ${QUADRANT_WORDS[m.quadrant] ?? m.quadrant}`;
  if (m.desired_quadrant && m.desired_quadrant !== m.quadrant) line += ` (you need them in ${QUADRANT_WORDS[m.desired_quadrant]})`;
  if (m.target_date) line += `; round on ${dateText(m.target_date)}`;
  return line;
}

function section(id, title, items, empty) {
  return h('section', { class: 'brief-section', id: `brief-${id}`, 'aria-labelledby': `brief-${id}-title` },
    h('h2', { id: `brief-${id}-title` }, title),
    items.length ? h('ul', {}, items.map((item) => h('li', {}, item))) : h('p', { class: 'muted' }, empty));
}

function pairs(list, say) {
  return list.map(([k, v]) => [h('strong', {}, `${k}: `), h('span', { class: 'brief-text' }, say(v))]);
}

/**
 * The brief's body: every section, in the order one reads it before a 1:1. `say(text)` writes
 * text the way presenting mode allows; `label` is how the person is named.
 */
export function briefBody(b, say, label) {
  const p = b.profile ?? {};
  const about = [b.person.role, b.person.department, b.person.organisation].map((s) => String(s ?? '').trim()).filter(Boolean);
  const promise = (pr) => (pr.due_on ? `${say(pr.description)} (due ${dateText(pr.due_on)})` : say(pr.description));
  // The information line is already said (its format is the user's text), so it is not said twice.
  const works = [
    ...pairs(filled([['Leadership style', p.leadership_style]]), say),
    ...filled([['How they like information', informationWords(p, say)]])
      .map(([k, v]) => [h('strong', {}, `${k}: `), h('span', { class: 'brief-text' }, v)]),
  ];
  const favour = (f) => `${say(f.description)}${f.status === 'open' ? ' (open)' : f.thanks_due ? ' (not thanked yet)' : ''}`;
  return [
    h('header', { class: 'brief-head' },
      about.length ? h('p', { class: 'muted', id: 'brief-about' }, about.join(' · ')) : null,
      h('p', { class: 'muted', id: 'brief-last' }, b.person.last_contact
        ? `Last in touch ${dateTimeText(b.person.last_contact)} · brief of ${dateText(b.made_on)}`
        : `No interaction logged yet · brief of ${dateText(b.made_on)}`)),
    section('cares', 'What they care about and need', pairs(filled([
      ['Cares about', p.motivations], ['Influenced by', p.influences], ['Challenges', p.challenges],
      ['Needs from you', p.needs_from_me],
    ]), say), 'Nothing recorded yet: add it to their profile.'),
    // Left out while nothing is known of it, as in the saved text.
    works.length ? section('works', 'How they work', works, '') : null,
    section('success', 'What success means for them', pairs(filled([
      ['At 30 days', p.success_30], ['At 60 days', p.success_60], ['At 90 days', p.success_90],
    ]), say), 'Nothing recorded yet.'),
    section('interactions', 'Your last interactions', b.interactions.map((i) => [
      h('strong', {}, `${dateText(i.occurred_at)} ${KIND_WORDS[i.kind] ?? i.kind}`),
      i.notes.trim() ? h('span', { class: 'brief-text' }, `: ${say(i.notes.trim())}`) : null,
      i.follow_up.trim() ? h('span', { class: 'brief-text' }, ` (follow up: ${say(i.follow_up.trim())})`) : null,
    ]), 'None logged yet.'),
    section('promises-mine', 'Open promises you made', b.promises_mine.map(promise), 'None.'),
    section('promises-theirs', `Open promises ${label} made`, b.promises_theirs.map(promise), 'None.'),
    section('favours-theirs', `Favours ${label} did you`, b.favours_by_them.map(favour), 'None recorded.'),
    section('favours-mine', 'Favours you did them', b.favours_by_me.map(favour), 'None recorded.'),
    section('maps', 'Their stance and place on each map', b.maps.map(mapLine), 'Not on any map.'),
    // Filled once asks and wins are recorded (issue 20); absent until then.
    b.open_asks ? section('asks', 'Open asks', b.open_asks.map(say), 'None.') : null,
    b.wins_known ? section('wins', 'What they know of your work', b.wins_known.map(say), 'Nothing shared yet.') : null,
    section('pitch', 'Your pitch', p.pitch?.trim() ? [h('span', { class: 'brief-text' }, say(p.pitch.trim()))] : [], 'No pitch written yet.'),
  ];
}

/** The page's frame: title, the buttons (print, save as text, back), and the body's place. */
export function briefPage() {
  return h('section', { class: 'view brief-view', 'aria-labelledby': 'brief-title' },
    h('div', { class: 'view-head' },
      h('h1', { id: 'brief-title', tabindex: '-1' }, 'Meeting brief'),
      h('div', { class: 'brief-toolbar actions' },
        h('button', { type: 'button', id: 'brief-print', class: 'primary' }, 'Print'),
        h('button', { type: 'button', id: 'brief-save' }, 'Save as text'),
        h('a', { id: 'brief-back', class: 'button', href: '#/people' }, 'Back to the person'))),
    h('div', { id: 'brief-body', class: 'card brief-body' }));
}
