// Messages from the core placed where they belong in a form: next to the field the error
// names (its `field`), or above the buttons. Each form marks its places by id:
// `#<prefix>-<field>` for a control, `#<prefix>-<field>-error` and `#<prefix>-form-error`.

import { announce } from './dom.js';

/** Hides every message in `form` and unmarks its fields. */
export function clearFormErrors(form) {
  for (const p of form.querySelectorAll('.field-error, .form-error')) { p.hidden = true; p.textContent = ''; }
  for (const c of form.querySelectorAll('[aria-invalid]')) { c.removeAttribute('aria-invalid'); c.removeAttribute('aria-describedby'); }
}

/** Shows `err` ({ message, field? }) next to its field, focused, or as the form's message. */
export function showFormError(form, prefix, err) {
  clearFormErrors(form);
  const control = err.field && form.querySelector(`#${prefix}-${err.field}`);
  const target = control
    ? form.querySelector(`#${prefix}-${err.field}-error`)
    : form.querySelector(`#${prefix}-form-error`);
  if (!target) return;
  target.textContent = err.message;
  target.hidden = false;
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', target.id);
    control.focus();
  }
  announce(err.message);
}
