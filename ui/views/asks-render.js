// What the Asks & forums view draws, as functions of its data: no api, no state of their own.
// `on` holds the controller's handlers; names go through presenting mode's labels.

import { h } from '../lib/dom.js';
import { askSummary, gapText, nextMoves, statusText, stepsText } from '../lib/ask-format.js';
import { labelForName } from '../lib/presenting.js';
import { personHash } from '../lib/router.js';

export function asksPage() {
  return h('section', { class: 'view asks-view', 'aria-labelledby': 'asks-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'asks-title', tabindex: '-1' }, 'Asks & forums'),
      h('div', { class: 'view-actions' },
        h('button', { type: 'button', id: 'new-ask', class: 'primary' }, 'Ask for support…'),
        h('button', { type: 'button', id: 'new-forum' }, 'Add a forum…'))),
    h('p', { class: 'muted' }, 'Ask the right people for the right kind of support, on purpose, and know who will speak for you where decisions about you are made.'),
    h('div', { id: 'asks-body' }));
}

/** One ask: who, what, its dated steps, and the moves it offers. `withPerson` names the person. */
export function askItem(ask, on, { withPerson = true } = {}) {
  const who = withPerson ? [h('a', { href: personHash(ask.person_id), class: 'ask-person' }, labelForName(ask.person_name, '')), ': '] : null;
  const name = labelForName(ask.person_name, '');
  return h('li', { class: `ask-item ask-${ask.status}`, 'data-id': ask.id },
    h('span', { class: `ask-status status-${ask.status}` }, statusText(ask.status)),
    h('span', { class: 'ask-main' },
      h('span', { class: 'ask-what' }, who, askSummary(ask)),
      h('span', { class: 'muted ask-steps' }, stepsText(ask))),
    h('span', { class: 'ask-actions', role: 'group', 'aria-label': `Move the ask of ${name}` },
      nextMoves(ask.status).map(([status, label]) => h('button', {
        type: 'button', class: `ask-move move-${status}`, onclick: () => on.move(ask, status),
      }, label)),
      h('button', { type: 'button', class: 'link ask-edit', onclick: () => on.editAsk(ask) }, 'Change'),
      h('button', { type: 'button', class: 'link danger ask-delete', onclick: () => on.deleteAsk(ask) }, 'Delete')));
}

/** One forum with who sits on it and who speaks for you there, or the gap. */
export function forumItem(cover, on) {
  return h('li', { class: `forum-item${cover.gap ? ' forum-gap' : ''}`, 'data-id': cover.id },
    h('span', { class: 'forum-main' },
      h('span', {}, h('span', { class: 'forum-name' }, cover.name),
        h('span', { class: 'muted' }, cover.map_name ? ` · for ${cover.map_name}` : ' · every goal')),
      cover.decides ? h('span', { class: 'forum-decides' }, cover.decides) : null,
      h('span', { class: 'forum-members muted' }, cover.members.length
        ? `On it: ${cover.members.map((m) => labelForName(m.name, '')).join(', ')}`
        : 'No one on it yet.'),
      h('span', { class: cover.gap ? 'forum-cover gap' : 'forum-cover' }, gapText(cover, labelForName))),
    h('span', { class: 'forum-actions' },
      h('button', { type: 'button', class: 'link forum-edit', onclick: () => on.editForum(cover) }, 'Change'),
      h('button', { type: 'button', class: 'link danger forum-delete', onclick: () => on.deleteForum(cover) }, 'Delete')));
}

/** The view's body: open asks, answered asks, then forums (gaps first). */
export function asksBody(data, on) {
  const open = data.asks.filter((a) => a.status === 'approached' || a.status === 'asked');
  const answered = data.asks.filter((a) => a.status === 'agreed' || a.status === 'declined');
  const gaps = data.forums.filter((f) => f.gap).length;
  const list = (id, items, empty) => (items.length
    ? h('ul', { class: 'ask-list', id }, items)
    : h('p', { class: 'muted', id }, empty));
  return [
    h('section', { class: 'card', 'aria-labelledby': 'asks-open-title' },
      h('h2', { id: 'asks-open-title' }, `Waiting (${open.length})`),
      list('asks-open', open.map((a) => askItem(a, on)), 'Nothing waiting. Who could you ask for advice, an introduction or to speak for you?')),
    h('section', { class: 'card', 'aria-labelledby': 'asks-answered-title' },
      h('h2', { id: 'asks-answered-title' }, `Answered (${answered.length})`),
      list('asks-answered', answered.map((a) => askItem(a, on)), 'No answers yet.')),
    h('section', { class: 'card', 'aria-labelledby': 'forums-title' },
      h('h2', { id: 'forums-title' }, 'Forums', gaps ? ` (${gaps} without an advocate)` : ''),
      h('p', { class: 'muted' }, 'The committees, panels and meetings where decisions about you are made, and whether someone there agreed to speak for you.'),
      list('forum-list', [...data.forums].sort((a, b) => Number(b.gap) - Number(a.gap)).map((f) => forumItem(f, on)), 'No forums yet. Add the promotion panel, the staff meeting, the architecture review…')),
  ];
}
