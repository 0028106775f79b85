// The Review page, opened by the weekly review: who is going cold, powerful people not seen,
// thank-yous, promises both ways, conflicts, check-ins, groups, the tour and the week on each
// map, each item with the answer that closes it, and "Review done" at the end.
// The controller: it holds the page's data, asks ctx.api, and redraws through review-render.js.

import { announce, replaceChildren } from '../lib/dom.js';
import { isPresenting, onPresentingChange, redactNames } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';
import { answeredText, idFor } from './reminder-answers.js';
import { reviewBody, reviewPage } from './review-render.js';

/** `focus` is a reminder's subject to bring into view (a conflict opened from its pop-up). */
export function mountReview(ctx, focus = null) {
  const { api } = ctx;
  const state = { view: null, everyone: [], focus };
  const say = (text) => (state.everyone === null && isPresenting() ? 'Hidden while presenting' : redactNames(text, state.everyone));
  const el = reviewPage();
  const $ = (sel) => el.querySelector(sel);

  const on = {
    answer: (item, reply) => act(() => api.answerReminder(item.subject, reply), answeredText(reply, say(item.title))),
    complete: (item) => act(() => api.completeReminder(item.subject), answeredText({ answer: 'done' }, say(item.title))),
    later: (item) => act(() => api.snoozeReminder(item.subject, { for: 'next_week' }), `Next week: ${say(item.title)}`),
    reviewDone: () => act(() => api.answerReminder(state.view.review_subject, { answer: 'done' }), 'Weekly review done'),
  };

  async function act(call, text) {
    try {
      await call();
    } catch (err) {
      showToast(err.message);
      return;
    }
    announce(text);
    showChange(text, ctx.runUndo);
    ctx.refreshBadge?.();
    await load();
  }

  function paint() {
    const view = state.view;
    $('#review-summary').textContent = say(view.summary);
    replaceChildren($('#review-body'), reviewBody(view, say, on));
    if (state.focus) {
      const target = $(`#review-${idFor(state.focus)}`);
      state.focus = null;
      if (target) {
        target.scrollIntoView?.({ block: 'center' });
        (target.querySelector('input') ?? target).focus();
      }
    }
  }

  async function load() {
    try {
      let rounds;
      [rounds, state.view, state.everyone] = await Promise.all([
        // The rounds ahead (round-sections.js); the page stands without them.
        api.roundCountdowns().catch(() => []),
        api.reviewPage(),
        isPresenting()
          ? api.listPeople('').then(async (current) => [...current, ...await api.listFormerPeople()]).catch(() => null)
          : [],
      ]);
      state.view.rounds = rounds ?? [];
    } catch (err) {
      replaceChildren($('#review-body'), [Object.assign(document.createElement('p'), { className: 'form-error', role: 'alert', textContent: err.message })]);
      return;
    }
    paint();
  }

  const stopPresenting = onPresentingChange(() => load());
  load();

  return {
    el,
    focusTitle: () => $('h1').focus(),
    open(subject) { state.focus = subject; if (state.view) paint(); },
    handle: () => false,
    destroy() { stopPresenting(); },
  };
}
