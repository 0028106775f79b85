// A short message at the bottom of the window, optionally with one action such as Undo.
// One at a time: a new message replaces the last (Ctrl+Z still undoes after its toast is gone).

import { h } from './dom.js';

/** Shows `message`; returns a function that dismisses it early. */
export function showToast(message, { actionLabel, onAction, timeoutMs = 8000, id } = {}) {
  const region = document.getElementById('toasts');
  const dismiss = () => toast.remove();
  const action = actionLabel
    ? h('button', { type: 'button', class: 'toast-action', id, onclick: () => { dismiss(); onAction?.(); } }, actionLabel)
    : null;
  const toast = h('div', { class: 'toast', role: 'status' },
    h('span', {}, message), action,
    h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss', onclick: dismiss }, '×'));
  region.replaceChildren(toast);
  if (timeoutMs) setTimeout(dismiss, timeoutMs);
  return dismiss;
}

/** Says what a change did, with Undo: `runUndo` undoes the newest change (ctx.runUndo). */
export function showChange(message, runUndo, options = {}) {
  return showToast(message, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(), ...options });
}
