// Settings → Recent changes: what can be undone and redone, newest first, in the user's words.
// Undo and redo go through the app (ctx.runUndo, ctx.runRedo), which rebuilds this page after.

import { h, replaceChildren } from '../lib/dom.js';
import { dateTimeText } from '../lib/format.js';

/** One row of the list: when, what, and whether it is undone now. */
function stepItem(step) {
  return h('li', { class: step.undone ? 'ledger-item history-undone' : 'ledger-item' },
    h('span', { class: 'ledger-text' },
      h('span', { class: 'history-label' }, step.label),
      step.undone ? h('span', { class: 'muted' }, ' (undone)') : null),
    h('time', { class: 'muted', datetime: step.at }, dateTimeText(step.at)));
}

/** The card's content: Undo and Redo buttons naming what they will do, and the list. */
export function recentChanges({ api, runUndo, runRedo }) {
  const body = h('div', { id: 'recent-changes', 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  (async () => {
    let history;
    try {
      history = await api.recentChanges();
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    const { steps, next_undo: nextUndo, next_redo: nextRedo } = history;
    const button = (id, text, step, run) => h('button', { type: 'button', id, disabled: !step, onclick: () => run() },
      step ? `${text}: ${step.label}` : `Nothing to ${text.toLowerCase()}`);
    replaceChildren(body,
      h('div', { class: 'actions' },
        button('history-undo', 'Undo', nextUndo, runUndo),
        button('history-redo', 'Redo', nextRedo, runRedo)),
      steps.length
        ? h('ol', { class: 'ledger-list', id: 'history-steps', tabindex: '0', 'aria-label': 'Recent changes, newest first' }, steps.map(stepItem))
        : h('p', { class: 'muted' }, 'No changes yet. Everything you change from now on is listed here, and can be undone.'));
  })();
  return body;
}
