// "What they know of your work" on a person's page: the wins told to them, when and how, each
// linking to the win in My wins. It loads its own data through `api`.

import { h, replaceChildren } from '../lib/dom.js';
import { dateText } from '../lib/format.js';
import { labelFor } from '../lib/presenting.js';
import { toldText } from '../lib/wins-format.js';

/** The section for `person`; `el` fills in once the tellings are read. */
export function personWins(person, { api }) {
  const list = h('div', { id: 'person-wins-list' });
  const el = h('section', { class: 'person-wins', id: 'person-wins', 'aria-labelledby': 'person-wins-title' },
    h('h3', { id: 'person-wins-title', class: 'section-title' }, 'What they know of your work'),
    list);

  async function load() {
    let shares;
    try {
      shares = (await api.personWins(person.id)) ?? [];
    } catch (err) {
      replaceChildren(list, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    replaceChildren(list, shares.length === 0
      ? h('p', { class: 'muted' }, `${labelFor(person)} has heard of none of your wins yet. Tell them from My wins.`)
      : h('ul', { class: 'person-wins-list' }, shares.map((s) => h('li', { 'data-id': s.id },
        h('a', { href: `#/wins/${encodeURIComponent(s.win_id)}`, dir: 'auto', class: 'person-win' }, s.win_title),
        ` (${dateText(s.won_on)}): `, toldText(s, dateText)))));
    el.dataset.loaded = 'true';
  }

  load();
  return { el, reload: load };
}
