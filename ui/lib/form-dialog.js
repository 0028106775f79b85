// A modal form in a <dialog>: fields, a Cancel and a submit button, errors shown at their field.
// Esc or Cancel closes it; it resolves to what `save` returned, or null when cancelled.

import { h } from './dom.js';
import { clearFormErrors, showFormError } from './form-errors.js';

/** A labelled control with its error line (and an optional hint), ids prefixed for showFormError. */
export function formField(prefix, name, label, control, hint) {
  return h('div', { class: 'field' },
    h('label', { for: `${prefix}-${name}` }, label), control,
    hint === undefined ? null : h('p', { class: 'muted field-hint', id: `${prefix}-${name}-hint`, 'aria-live': 'polite' }, hint),
    h('p', { class: 'field-error', id: `${prefix}-${name}-error`, hidden: true }));
}

/**
 * Opens the dialog. `save(form)` does the work and returns a result, or throws an error with
 * `field` and `message` (an ApiError, or a plain object for a check made here).
 */
export function openFormDialog({ id, title, prefix, fields, submitLabel, save, className = '' }) {
  const form = h('form', { class: 'dialog-form', novalidate: true },
    fields,
    h('p', { class: 'form-error', id: `${prefix}-form-error`, role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'dialog-cancel' }, 'Cancel'),
      h('button', { type: 'submit', class: 'primary', id: `${prefix}-save` }, submitLabel)));
  const dialog = h('dialog', { id, class: `dialog ${className}`.trim(), 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title` }, title), form);
  document.body.append(dialog);
  dialog.showModal();
  return new Promise((resolve) => {
    const done = (value) => { dialog.close(); dialog.remove(); resolve(value); };
    dialog.querySelector('.dialog-cancel').addEventListener('click', () => done(null));
    dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFormErrors(form);
      try {
        done(await save(form));
      } catch (err) {
        showFormError(form, prefix, err);
      }
    });
  });
}
