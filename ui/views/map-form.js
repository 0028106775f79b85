// The form that creates a map or edits one: goal, description, target date; archive, delete.

import { announce, h } from '../lib/dom.js';
import { showFormError } from '../lib/form-errors.js';

const FIELDS = ['name', 'description', 'target_date'];

/**
 * `existing` is the map to edit, or null for a new one; `api` saves it. onSaved(map) runs after a
 * successful save; onCancel (optional), onArchive(map) and onDelete(map) back the other buttons.
 */
export function mapForm(existing, { api, onSaved, onCancel, onArchive, onDelete }) {
  const field = (name, label, attrs = {}) => h('div', { class: 'field' },
    h('label', { for: `map-${name}` }, label),
    h(attrs.multiline ? 'textarea' : 'input', {
      id: `map-${name}`, name, type: attrs.multiline ? null : attrs.type ?? 'text', rows: attrs.multiline ? '3' : null,
      value: existing?.[name] ?? '', autocomplete: 'off', placeholder: attrs.placeholder,
    }),
    h('p', { class: 'field-error', id: `map-${name}-error`, hidden: true }));
  const form = h('form', { class: 'map-form', id: 'map-form', novalidate: true },
    h('h2', {}, existing ? `Edit ${existing.name}` : 'New map'),
    field('name', 'Goal', { placeholder: 'Promotion to Staff Engineer' }),
    field('description', 'Description', { multiline: true }),
    field('target_date', 'Target date', { type: 'date' }),
    h('p', { class: 'form-error', id: 'map-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'map-save' }, existing ? 'Save' : 'Create map'),
      onCancel ? h('button', { type: 'button', id: 'map-cancel', onclick: onCancel }, 'Cancel') : null,
      existing ? h('button', { type: 'button', id: 'map-archive', onclick: () => onArchive(existing) }, existing.archived ? 'Unarchive' : 'Archive') : null,
      existing ? h('button', { type: 'button', class: 'danger', id: 'map-delete', onclick: () => onDelete(existing) }, 'Delete map') : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const save = form.querySelector('#map-save');
    if (save.disabled) return; // a double click saves once
    save.disabled = true;
    const input = Object.fromEntries(FIELDS.map((n) => [n, form.querySelector(`#map-${n}`).value]));
    try {
      const saved = existing ? await api.updateMap(existing.id, input) : await api.createMap(input);
      announce(existing ? `Saved ${saved.name}` : `Created map ${saved.name}`);
      await onSaved(saved);
    } catch (err) {
      showFormError(form, 'map', err);
    } finally {
      save.disabled = false;
    }
  });
  return form;
}
