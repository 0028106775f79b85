// The Asks & forums view (#/asks): what you asked of whom and where each ask stands, and the
// forums where decisions about you are made with who speaks for you there.
// The controller: it holds the view's data, asks ctx.api, and redraws through asks-render.js.

import { announce, replaceChildren } from '../lib/dom.js';
import { labelForName, onPresentingChange } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';
import { statusText } from '../lib/ask-format.js';
import { openAskDialog, openForumDialog } from './ask-dialog.js';
import { asksBody, asksPage } from './asks-render.js';

/** `forumId`, when given, is the forum to bring into view once loaded (from search or Insights). */
export function mountAsks(ctx, forumId = null) {
  const { api, runUndo } = ctx;
  const state = { asks: [], forums: [], people: [], maps: [], focus: forumId };
  const el = asksPage();
  const $ = (sel) => el.querySelector(sel);
  const choices = () => ({ people: state.people, maps: state.maps.filter((m) => !m.archived), forums: state.forums });

  const on = {
    move: (ask, status) => act(() => api.moveAsk(ask.id, status), `${statusText(status)}: ${labelForName(ask.person_name, '')}`, `[data-id="${ask.id}"] .ask-move`),
    editAsk: async (ask) => {
      const saved = await openAskDialog(api, choices(), { ask });
      if (saved) await changed(`Changed the ask of ${labelForName(saved.person_name, '')}`);
    },
    deleteAsk: (ask) => act(() => api.deleteAsk(ask.id), `Deleted the ask of ${labelForName(ask.person_name, '')}`, '#new-ask'),
    editForum: async (forum) => {
      const saved = await openForumDialog(api, choices(), forum);
      if (saved) await changed(`Changed the forum ${saved.name}`);
    },
    deleteForum: (forum) => act(() => api.deleteForum(forum.id), `Deleted the forum ${forum.name}`, '#new-forum'),
  };

  async function changed(text, focus) {
    announce(text);
    showChange(text, runUndo);
    await load();
    if (focus) (el.querySelector(focus) ?? $('h1')).focus();
  }

  async function act(call, text, focus) {
    try {
      await call();
    } catch (err) {
      showToast(err.message);
      return;
    }
    ctx.refreshBadge?.();
    await changed(text, focus);
  }

  async function newAsk() {
    const saved = await openAskDialog(api, choices());
    if (saved) await changed(`Asked ${labelForName(saved.person_name, '')}: noted as approached`, `[data-id="${saved.id}"] .ask-move`);
  }

  async function newForum() {
    const saved = await openForumDialog(api, choices());
    if (saved) await changed(`Added the forum ${saved.name}`, `[data-id="${saved.id}"] .forum-edit`);
  }

  function paint() {
    replaceChildren($('#asks-body'), asksBody(state, on));
    if (state.focus) showForum();
  }

  /** Brings the forum asked for into view, marked and focused; forgets it once shown. */
  function showForum() {
    const item = [...el.querySelectorAll('#forum-list .forum-item')].find((li) => li.dataset.id === state.focus);
    state.focus = null;
    if (!item) return;
    item.classList.add('forum-opened');
    item.setAttribute('tabindex', '-1');
    item.scrollIntoView?.({ block: 'center' });
    item.focus();
  }

  async function load() {
    try {
      [state.asks, state.forums, state.people, state.maps] = await Promise.all([
        api.listAsks(), api.listForums(), api.listPeople(''), api.listMaps(),
      ]);
    } catch (err) {
      replaceChildren($('#asks-body'), Object.assign(document.createElement('p'), { className: 'form-error', role: 'alert', textContent: err.message }));
      return;
    }
    paint();
    el.dataset.loaded = 'true';
  }

  $('#new-ask').addEventListener('click', newAsk);
  $('#new-forum').addEventListener('click', newForum);
  const stopPresenting = onPresentingChange(() => paint());
  load();

  return {
    el,
    focusTitle: () => $('h1').focus(),
    open(id) { state.focus = id; if (el.dataset.loaded) paint(); },
    handle: () => false,
    destroy() { stopPresenting(); },
  };
}
