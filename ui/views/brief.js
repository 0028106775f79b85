// The meeting brief (#/brief/<person id>): one printable page to read before a 1:1. The
// controller: it asks ctx.api for the brief, draws it through brief-render.js, prints it or
// saves it as text, and redraws when presenting mode changes.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { isPresenting, labelFor, onPresentingChange, redactNames } from '../lib/presenting.js';
import { personHash } from '../lib/router.js';
import { showToast } from '../lib/toast.js';
import { briefBody, briefPage } from './brief-render.js';

/** `personId` comes from the address; `win` is the window to print (a fake in tests). */
export function mountBrief(ctx, personId, win = globalThis) {
  const { api } = ctx;
  const state = { brief: null, everyone: [] };
  const el = briefPage();
  const $ = (sel) => el.querySelector(sel);

  const say = (text) => (state.everyone === null && isPresenting() ? 'Hidden while presenting' : redactNames(text, state.everyone));

  function paint() {
    const b = state.brief;
    const label = labelFor(b.person);
    $('#brief-title').textContent = `Meeting brief: ${label}`;
    $('#brief-back').setAttribute('href', personHash(b.person.id));
    replaceChildren($('#brief-body'), briefBody(b, say, label));
  }

  async function load() {
    if (!personId) {
      replaceChildren($('#brief-body'), [h('p', { class: 'muted' }, 'Open a brief from a person’s page.')]);
      return;
    }
    try {
      [state.brief, state.everyone] = await Promise.all([
        api.meetingBrief(personId),
        isPresenting() ? api.listPeople('').catch(() => null) : [],
      ]);
    } catch (err) {
      replaceChildren($('#brief-body'), [h('p', { class: 'form-error', role: 'alert' }, err.message)]);
      return;
    }
    paint();
  }

  $('#brief-print').addEventListener('click', () => {
    if (!state.brief) return;
    const body = win.document?.body;
    body?.classList.add('printing-brief');
    try {
      win.print?.();
    } finally {
      body?.classList.remove('printing-brief');
    }
  });

  $('#brief-save').addEventListener('click', async () => {
    if (!state.brief) return;
    let path;
    try {
      path = await api.exportMeetingBrief(state.brief.person.id);
    } catch (err) {
      showToast(err.message);
      return;
    }
    if (!path) return; // the save dialog was cancelled: nothing to say
    showToast(`Saved ${say(path)}`, { timeoutMs: 10000 });
    announce('Meeting brief saved as text');
  });

  const stopPresenting = onPresentingChange(() => load());
  load();

  return {
    el,
    focusTitle: () => $('h1').focus(),
    open(id) { personId = id; load(); },
    handle: () => false,
    destroy() { stopPresenting(); },
  };
}
