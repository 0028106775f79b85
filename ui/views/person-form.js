// The panel beside the People list: a hint, or the form to add or edit a person with, when
// editing, their journal below it. Typed text is never thrown away without asking.

import { announce, h, isolate, replaceChildren } from '../lib/dom.js';
import { keyLabel } from '../lib/shortcuts.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { dateText } from '../lib/format.js';
import { labelFor } from '../lib/presenting.js';
import { showToast } from '../lib/toast.js';
import { briefHash } from './brief-render.js';
import { personContacts } from './person-contacts.js';
import { personDates } from './person-dates.js';
import { personJournal } from './person-journal.js';

export const FIELDS = [
  { name: 'name', label: 'Name', required: true, placeholder: 'Dana Ng' },
  { name: 'role', label: 'Role', placeholder: 'Engineering Manager' },
  { name: 'department', label: 'Department', placeholder: 'Platform' },
  { name: 'organisation', label: 'Organisation', placeholder: 'Acme' },
  { name: 'email', label: 'Email', placeholder: 'dana@example.com' },
  { name: 'tags', label: 'Tags, separated by commas', placeholder: 'mentor, platform, hiring committee' },
  { name: 'notes', label: 'Notes', multiline: true, placeholder: 'What they care about, how you met, what you promised…' },
];

const EMPTY_INPUT = Object.fromEntries(FIELDS.map((f) => [f.name, '']));

/** The person's input fields only, empty where they have none. */
export function pick(values) {
  return Object.fromEntries(FIELDS.map((f) => [f.name, values[f.name] ?? '']));
}

/**
 * The form's state when opened to add (`person`, if any, prefills it) or edit: what its fields
 * hold at first (`values`) and what counts as unchanged (`saved`).
 */
export function openedForm(mode, person = null) {
  const values = { ...EMPTY_INPUT, ...(person ?? {}) };
  return {
    form: { mode, person: mode === 'edit' ? person : null, saved: pick(mode === 'edit' ? values : EMPTY_INPUT) },
    values,
  };
}

/** Whether the fields hold anything other than what was saved (or, adding, anything at all). */
export function fieldsChanged(form, current) {
  return FIELDS.some((f) => current[f.name] !== form.saved[f.name]);
}

/** Which person the rendered form is for: while it stays the same, typed text is kept. */
export function formKey(form) {
  return form.mode === 'edit' ? form.person.id : 'new';
}

export function formTitle(form) {
  return form.mode === 'add' ? 'Add a person' : `Edit ${labelFor(form.person)}`;
}

/** The hint shown while no one is open. */
export function panelHint() {
  return h('div', { class: 'panel-hint' }, h('p', {}, 'Choose a person to see and edit their details, or add someone new.'),
    h('p', { class: 'muted' }, `Keys: / search · ↑↓ move · Enter open · ${keyLabel('delete')} delete · ${keyLabel('mod+n')} add · ${keyLabel('mod+z')} undo`));
}

function fieldElement(f) {
  const id = `person-${f.name}`;
  const control = f.multiline
    ? h('textarea', { id, name: f.name, rows: '6', placeholder: f.placeholder })
    : h('input', {
      id, name: f.name, type: 'text', autocomplete: 'off', placeholder: f.placeholder, required: f.required || null, 'aria-required': f.required ? 'true' : null,
      // Name and email say who it is: dotted out while presenting (styles.css), still editable.
      class: f.name === 'name' || f.name === 'email' ? 'presenting-mask' : null,
    });
  return h('div', { class: 'field' },
    h('label', { for: id }, f.label, f.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
}

/** The form for `form` (its fields left empty: they are filled after), with its buttons. */
export function personFormElement(form, { onSubmit, onCancel, onDelete, onBringBack }) {
  return h('form', { id: 'person-form', class: 'person-form', novalidate: true, 'data-for': formKey(form), onsubmit: onSubmit },
    h('h2', { class: 'form-title' }, formTitle(form)),
    form.person?.left_at ? h('p', { class: 'notice', id: 'former-notice' },
      `Former colleague since ${dateText(form.person.left_at)}. `,
      h('button', { type: 'button', class: 'link', id: 'bring-back', onclick: onBringBack }, 'Bring back')) : null,
    FIELDS.map(fieldElement),
    h('p', { class: 'form-error', id: 'person-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'person-save', title: keyLabel('mod+enter') }, 'Save'),
      h('button', { type: 'button', id: 'person-cancel', title: 'Esc', onclick: onCancel }, 'Cancel'),
      // The page to read before a 1:1 with them (views/brief.js).
      form.mode === 'edit'
        ? h('a', { id: 'person-brief', class: 'button', href: briefHash(form.person.id) }, 'Brief')
        : null,
      form.mode === 'edit'
        ? h('button', { type: 'button', class: 'danger', id: 'person-delete', onclick: onDelete }, 'Delete')
        : null));
}

/**
 * The panel's controller. Through `view`: `api`, `runUndo`, `store`; `render()` renders
 * the whole view (rows mark who is open); `reload(focusId)` reads the list again;
 * `reloadAfterSave(focusId)` does so with what the search box holds now; `closed(focusId)`
 * puts the focus back in the list; `remove(person)` and `bringBack(person)` do those.
 */
export function personPanel(view) {
  const { api } = view;
  const panel = h('aside', { id: 'person-panel', class: 'panel', 'aria-label': 'Person details' });
  // null, or { mode: 'add' | 'edit', person, saved (what the fields held when opened), discardArmed }.
  let form = null;
  // The journal (profile and interactions) of the person being edited.
  let journal = null;
  // The person's birthday and work dates, between their details and their journal.
  let dates = null;
  let saving = false;

  const control = (name) => panel.querySelector(`#person-${name}`);
  const readForm = () => Object.fromEntries(FIELDS.map((f) => [f.name, control(f.name)?.value ?? '']));
  const fill = (values) => { for (const f of FIELDS) control(f.name).value = values[f.name] ?? ''; };

  function isDirty() {
    if (!form) return false;
    if (journal?.isDirty() || dates?.isDirty()) return true;
    return fieldsChanged(form, readForm());
  }

  function clearErrors() {
    const f = panel.querySelector('#person-form');
    if (f) clearFormErrors(f);
  }

  function showError(err) {
    const f = panel.querySelector('#person-form');
    if (f) showFormError(f, 'person', err);
  }

  function render(total) {
    if (!form) {
      panel.hidden = total === 0;
      replaceChildren(panel, panel.hidden ? null : panelHint());
      return;
    }
    panel.hidden = false;
    if (panel.querySelector('#person-form')?.dataset.for === formKey(form)) return; // keep typed text
    journal = form.mode === 'edit'
      ? personJournal(form.person, { api, runUndo: view.runUndo, onChange: () => view.reload() })
      : null;
    const contacts = form.mode === 'edit' ? personContacts(form.person, { api }) : null;
    dates = form.mode === 'edit' ? personDates(form.person, { api, runUndo: view.runUndo }) : null;
    replaceChildren(panel, personFormElement(form, {
      onSubmit: submit,
      onCancel: () => cancel({ confirmed: true }),
      onDelete: () => view.remove(form.person),
      onBringBack: () => view.bringBack(form.person),
    }), contacts?.el, dates?.el, journal?.el);
  }

  function open(mode, person = null) {
    if (isDirty()) {
      showError({ message: `You have unsaved changes${form.mode === 'edit' ? ` to ${labelFor(form.person)}` : ''}. Save or cancel them first.` });
      return;
    }
    const opened = openedForm(mode, person);
    form = opened.form;
    view.render();
    fill(opened.values);
    clearErrors();
    control('name').focus();
  }

  function close({ focusId } = {}) {
    form = null;
    view.render();
    view.closed(focusId);
  }

  async function submit(e) {
    e?.preventDefault();
    if (!form || saving) return;
    saving = true;
    const input = readForm();
    try {
      const saved = form.mode === 'add' ? await api.addPerson(input) : await api.updatePerson(form.person.id, input);
      view.store.bump('people');
      if (form.mode === 'edit') {
        // The person stays open: their journal below may hold typed text of its own.
        form.person = saved;
        form.saved = pick(saved);
        form.discardArmed = false;
        panel.querySelector('.form-title').textContent = formTitle(form);
        fill(saved);
        clearErrors();
        await view.reloadAfterSave();
        announce(`Saved ${labelFor(saved)}`);
        showToast(`Saved ${isolate(labelFor(saved))}`, { timeoutMs: 4000 });
        return;
      }
      form = null;
      await view.reloadAfterSave(saved.id);
      close({ focusId: saved.id });
      announce(`Added ${labelFor(saved)}`);
      showToast(`Added ${isolate(labelFor(saved))}`, { timeoutMs: 4000 });
    } catch (err) {
      showError(err);
    } finally {
      saving = false;
    }
  }

  // Esc never throws typed text away silently: with unsaved changes it asks for a second Esc.
  function cancel({ confirmed = false } = {}) {
    if (!form) return false;
    if (!confirmed && isDirty() && !form.discardArmed) {
      form.discardArmed = true;
      showError({ message: 'You have unsaved changes. Press Esc again to discard them, or Save to keep them.' });
      return true;
    }
    close({ focusId: form.person?.id });
    return true;
  }

  return {
    el: panel,
    render,
    open,
    cancel,
    showError,
    /** Whether a form is open; `failed` shows an error in it when so. */
    get isOpen() { return form !== null; },
    /** The id of the person being edited, or null. */
    editingId: () => (form?.mode === 'edit' ? form.person.id : null),
    /** Forgets the form without asking (the person is gone, or back among current people). */
    forget() { form = null; },
    /** Forgets the form if nothing in it is typed and unsaved. */
    forgetIfClean() { if (form && !isDirty()) form = null; },
    /** Ctrl+Enter: submits the journal's focused form, else this one; false with no form open. */
    save() {
      if (!form) return false;
      if (dates?.el.contains(document.activeElement)) {
        dates.el.querySelector('#date-form')?.requestSubmit();
        return true;
      }
      if (!journal?.submitFocused()) submit();
      return true;
    },
    /** Presenting mode changed: renders again through `renderAll`, keeping what was typed. */
    relabel(renderAll) {
      const focusedId = panel.contains(document.activeElement) ? document.activeElement.id : null;
      if (form && !journal?.isDirty()) {
        const typed = readForm();
        panel.querySelector('#person-form')?.removeAttribute('data-for'); // built again below
        renderAll();
        fill(typed);
      } else {
        renderAll();
        if (form?.mode === 'edit') panel.querySelector('.form-title').textContent = formTitle(form);
      }
      if (focusedId) document.getElementById(focusedId)?.focus();
    },
  };
}
