// My wins (#/wins): the log of the user's own results, newest first, with add, edit and delete;
// for each, who has heard of it and "Tell someone". The controller: it holds the state, asks
// ctx.api, and redraws through wins-render.js. "#/wins/<id>" opens that win's tellings.

import { announce, h, isolate, replaceChildren } from '../lib/dom.js';
import { openFormDialog } from '../lib/form-dialog.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';
import { winInput } from '../lib/wins-format.js';
import { tellFields, winFields, winList, winsPage } from './wins-render.js';

export function mountWins(ctx, openId = null) {
  const { api, runUndo } = ctx;
  const state = { wins: [], open: openId, detail: null };
  const on = { add, edit, remove, tell, toggle, forget, copy };
  const el = winsPage(on);
  const body = el.querySelector('#wins-body');

  function render(focus) {
    replaceChildren(body, winList(state.wins, state.open, state.detail, on));
    if (focus) body.querySelector(focus)?.focus();
  }

  async function load(focus) {
    try {
      state.wins = (await api.listWins()) ?? [];
      if (state.open && !state.wins.some((w) => w.id === state.open)) state.open = null;
      state.detail = state.open ? await api.getWin(state.open) : null;
      render(focus);
      el.dataset.loaded = 'true';
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  // Ids are UUIDs from the core: safe inside a selector as they are.
  const item = (id) => `li[data-id="${id}"]`;

  async function maps() {
    try { return ((await api.listMaps()) ?? []).filter((m) => !m.archived); } catch { return []; }
  }

  async function add() {
    const saved = await openFormDialog({
      id: 'win-dialog', title: 'Log a win', prefix: 'win', submitLabel: 'Log the win',
      fields: winFields(null, await maps()),
      save: (form) => api.createWin(readWin(form)),
    });
    if (!saved) { el.querySelector('#win-add')?.focus(); return; }
    showChange(`Logged the win ${isolate(saved.title)}`, runUndo);
    announce(`Logged the win ${saved.title}`);
    await load(`${item(saved.id)} .win-tell`);
  }

  async function edit(w) {
    const saved = await openFormDialog({
      id: 'win-dialog', title: `Edit ${w.title}`, prefix: 'win', submitLabel: 'Save',
      fields: winFields(w, await maps()),
      save: (form) => api.updateWin(w.id, readWin(form)),
    });
    if (!saved) { body.querySelector(`${item(w.id)} .win-edit`)?.focus(); return; }
    showChange(`Saved the win ${isolate(saved.title)}`, runUndo);
    announce(`Saved the win ${saved.title}`);
    await load(`${item(w.id)} .win-edit`);
  }

  async function remove(w) {
    try { await api.deleteWin(w.id); } catch (err) { showToast(err.message); return; }
    showChange(`Deleted the win ${isolate(w.title)}`, runUndo);
    announce(`Deleted the win ${w.title}`);
    await load('#win-add');
    if (!body.querySelector('.win-item')) el.querySelector('#win-add')?.focus();
  }

  async function tell(w) {
    let people;
    try { people = (await api.listPeople('')) ?? []; } catch (err) { showToast(err.message); return; }
    if (people.length === 0) { showToast('Add the people you work with first, then tell them about your wins.'); return; }
    let told = null;
    const saved = await openFormDialog({
      id: 'tell-dialog', title: `Tell someone about ${w.title}`, prefix: 'tell', submitLabel: 'Noted',
      fields: tellFields(people),
      save: (form) => {
        const value = (name) => form.querySelector(`#tell-${name}`).value;
        told = people.find((p) => p.id === value('person_id')) ?? null;
        return api.tellWin(w.id, { person_id: value('person_id'), shared_on: value('shared_on'), how: value('how') });
      },
    });
    if (!saved) { body.querySelector(`${item(w.id)} .win-tell`)?.focus(); return; }
    const message = `${told ? labelFor(told) : 'They'} now know${told ? 's' : ''} of ${isolate(saved.title)}`;
    showChange(message, runUndo);
    announce(message);
    state.open = w.id;
    await load(`${item(w.id)} .win-tell`);
  }

  async function toggle(w) {
    state.open = state.open === w.id ? null : w.id;
    await load(`${item(w.id)} .win-who`);
  }

  async function forget(share) {
    try { await api.forgetWinShare(share.id); } catch (err) { showToast(err.message); return; }
    const message = `Removed telling ${labelFor(share)} about ${isolate(share.win_title)}`;
    showChange(message, runUndo);
    announce(message);
    await load(`${item(share.win_id)} .win-who`);
  }

  async function copy(w) {
    try {
      await navigator.clipboard.writeText(w.link);
      announce('Link copied');
      showToast('Link copied');
    } catch {
      showToast('The link could not be copied; select its text and copy it.');
    }
  }

  function readWin(form) {
    const value = (name) => form.querySelector(`#win-${name}`).value;
    return winInput({ title: value('title'), won_on: value('won_on'), impact: value('impact'), map_id: value('map_id'), link: value('link') });
  }

  const stopPresenting = onPresentingChange(() => render());
  load();
  return {
    el,
    focusTitle: () => el.querySelector('h1').focus(),
    open: (id) => { state.open = id; load(`${item(id)} .win-who`); },
    handle: () => false,
    destroy() { stopPresenting?.(); },
  };
}
