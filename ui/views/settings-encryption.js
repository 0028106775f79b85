// Settings → Encryption: a passphrase for the data and its copies, the lock delay and "Lock now".
// Each passphrase form checks what it can before asking `api`, then reloads with a message.

import { h, announce } from '../lib/dom.js';
import { keyLabel } from '../lib/shortcuts.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { LOCK_CHOICES, describeLockAfter, lockAfterMinutes, setLockAfterMinutes } from '../lib/idle.js';
import { lockApp, reloadWith } from '../lib/lock.js';
import { describeReport, passphraseProblem } from '../lib/settings-format.js';

export { describeReport };

const password = (id, autocomplete) => h('input', { id, type: 'password', autocomplete, spellcheck: 'false' });
const fieldError = (id) => h('p', { class: 'field-error', id: `${id}-error`, hidden: true });

/** One passphrase form: `fields` are [id, label, autocomplete]; `send` gets their values. */
function passphraseForm({ id, fields, understood, submit, busy, send, done, primary = true }) {
  const inputs = Object.fromEntries(fields.map(([fid, , ac]) => [fid, password(`${id}-${fid}`, ac)]));
  const understoodBox = understood && h('input', { type: 'checkbox', id: `${id}-understood` });
  const button = h('button', { type: 'submit', class: primary ? 'primary' : null, id: `${id}-submit` }, submit);
  const form = h('form', { class: 'settings-form', id, novalidate: true },
    fields.map(([fid, label]) => [h('label', { for: `${id}-${fid}` }, label, inputs[fid]), fieldError(`${id}-${fid}`)]),
    understood ? [h('label', { class: 'check', for: `${id}-understood` }, understoodBox, understood), fieldError(`${id}-understood`)] : [],
    h('p', { class: 'form-error', id: `${id}-form-error`, role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, button));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFormErrors(form);
    const values = Object.fromEntries(fields.map(([fid]) => [fid, inputs[fid].value]));
    const problem = passphraseProblem(values, understoodBox ? Boolean(understoodBox.checked) : undefined);
    if (problem) {
      showFormError(form, id, problem);
      return;
    }
    button.disabled = true;
    const label = button.textContent;
    button.textContent = busy;
    try {
      const report = await send(values);
      for (const input of Object.values(inputs)) input.value = '';
      done(report);
    } catch (err) {
      showFormError(form, id, err);
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
  });
  return form;
}

const INTRO = 'Encrypts your data and its automatic copies with a passphrase (SQLCipher, AES-256). Allies then asks for it when it starts, and locks after a while without use. The full backup you save is encrypted with the same passphrase; the other exports (CSV, vCard, calendar) are not. Unencrypted temporary copies are removed; on an SSD or a file system that keeps snapshots, old unencrypted blocks may stay on the disk until it reuses them.';

/** The card for unencrypted data: why and how to set a passphrase. */
function encryptCard(api) {
  return h('section', { class: 'card', 'aria-labelledby': 'settings-encryption' },
    h('h2', { id: 'settings-encryption' }, 'Encryption'),
    h('p', {}, INTRO),
    h('p', { class: 'notice' }, 'If you forget the passphrase, nobody can open your data again: not Allies, not support. Keep it in a password manager.'),
    passphraseForm({
      id: 'enc',
      fields: [['passphrase', 'New passphrase (at least 8 characters)', 'new-password'], ['repeat', 'The same passphrase again', 'new-password']],
      understood: 'I understand that without the passphrase my data cannot be recovered',
      submit: 'Encrypt my data',
      busy: 'Encrypting…',
      send: ({ passphrase }) => api.setEncryption(null, passphrase),
      done: (report) => reloadWith(describeReport(report, 'Your data is now encrypted.')),
    }));
}

/** The lock delay: kept in this window's storage and told to the idle watch in app.js. */
function lockAfterSelect() {
  const minutes = lockAfterMinutes(localStorage);
  const select = h('select', { id: 'lock-after' },
    LOCK_CHOICES.map((m) => h('option', { value: String(m), selected: m === minutes }, describeLockAfter(m))));
  select.addEventListener('change', () => {
    const m = Number(select.value);
    setLockAfterMinutes(localStorage, m);
    window.dispatchEvent(new CustomEvent('allies-lock-after', { detail: m }));
    announce(m ? `Allies locks after ${describeLockAfter(m)} without use` : 'Allies does not lock by itself');
  });
  return select;
}

/** The Encryption card for `status` (encrypted or not), asking `api`. */
export function encryptionCard(status, api) {
  if (!status.encrypted) return encryptCard(api);
  return h('section', { class: 'card', 'aria-labelledby': 'settings-encryption' },
    h('h2', { id: 'settings-encryption' }, 'Encryption'),
    h('p', { id: 'encryption-on', class: 'success' }, 'Your data and its automatic copies are encrypted.'),
    h('div', { class: 'settings-form' },
      h('label', { for: 'lock-after' }, 'Lock after this long without use', lockAfterSelect()),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'lock-now', onclick: () => lockApp(undefined, api) }, `Lock now (${keyLabel('mod+l')})`))),
    h('h3', {}, 'Change the passphrase'),
    passphraseForm({
      id: 'rekey',
      fields: [['current', 'Current passphrase', 'current-password'], ['passphrase', 'New passphrase', 'new-password'], ['repeat', 'The new passphrase again', 'new-password']],
      submit: 'Change passphrase',
      busy: 'Changing…',
      send: ({ current, passphrase }) => api.setEncryption(current, passphrase),
      done: (report) => reloadWith(describeReport(report, 'Your passphrase was changed.')),
    }),
    h('h3', {}, 'Remove encryption'),
    h('p', { class: 'muted' }, 'Writes your data and its copies unencrypted again.'),
    passphraseForm({
      id: 'decrypt',
      fields: [['current', 'Current passphrase', 'current-password']],
      submit: 'Remove encryption',
      busy: 'Decrypting…',
      primary: false,
      send: ({ current }) => api.setEncryption(current, null),
      done: (report) => reloadWith(describeReport(report, 'Your data is no longer encrypted.')),
    }));
}
