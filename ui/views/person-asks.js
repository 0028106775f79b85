// A person's asks, on their page: what you asked of them, where each stands (with the date of
// each step), moved on with one click, and "Ask for support…" to add one.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { statusText } from '../lib/ask-format.js';
import { showChange, showToast } from '../lib/toast.js';
import { openAskDialog } from './ask-dialog.js';
import { askItem } from './asks-render.js';

/** The asks section for `person`; it loads its own data through `api`. */
export function personAsks(person, { api, runUndo }) {
  const list = h('div', { id: 'person-asks-list' });
  const add = h('button', { type: 'button', id: 'person-ask-add' }, 'Ask for support…');
  const el = h('section', { class: 'person-asks', 'aria-labelledby': 'person-asks-title' },
    h('h3', { id: 'person-asks-title', class: 'section-title' }, 'Asks'),
    list, add);

  const on = {
    move: (ask, status) => act(() => api.moveAsk(ask.id, status), `${statusText(status)}: ${labelFor(person)}`),
    editAsk: async (ask) => {
      const saved = await dialog(ask);
      if (saved) await done(`Changed the ask of ${labelFor(person)}`);
    },
    deleteAsk: (ask) => act(() => api.deleteAsk(ask.id), `Deleted the ask of ${labelFor(person)}`),
  };

  async function dialog(ask = null) {
    let maps = [];
    let forums = [];
    try {
      [maps, forums] = await Promise.all([api.listMaps(), api.listForums()]);
    } catch (err) {
      showToast(err.message);
      return null;
    }
    return openAskDialog(api, { people: [], maps: (maps ?? []).filter((m) => !m.archived), forums: forums ?? [] }, { ask, personId: person.id });
  }

  async function done(text) {
    announce(text);
    showChange(text, runUndo);
    await load();
  }

  async function act(call, text) {
    try {
      await call();
    } catch (err) {
      showToast(err.message);
      return;
    }
    await done(text);
    list.querySelector('.ask-move')?.focus();
  }

  async function load() {
    let asks;
    try {
      asks = (await api.personAsks(person.id)) ?? [];
    } catch (err) {
      replaceChildren(list, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    replaceChildren(list, asks.length
      ? h('ul', { class: 'ask-list' }, asks.map((a) => askItem(a, on, { withPerson: false })))
      : h('p', { class: 'muted' }, 'Nothing asked of them yet: a sounding board, advice, an introduction, to speak for you in a forum?'));
  }

  add.addEventListener('click', async () => {
    const saved = await dialog();
    if (saved) {
      await done(`Asked ${labelFor(person)}: noted as approached`);
      add.focus();
    }
  });
  load();
  return { el, reload: load };
}
