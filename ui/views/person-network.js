// A person's connections (who they report to, influence, are close with…) and the best ways
// for the user to be introduced to them, under their journal in the People view.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { LINK_KIND_WORDS, kindText, pathText } from '../lib/link-words.js';
import { showChange, showToast } from '../lib/toast.js';
import { formField, openFormDialog } from '../lib/form-dialog.js';

const STRENGTHS = [['weak', 'Weak'], ['medium', 'Medium'], ['strong', 'Strong']];

/** The connections section for `person`; it loads its own data. */
export function personNetwork(person, { api, runUndo }) {
  let names = new Map();
  const nameOf = (id) => names.get(id) ?? 'someone';
  const other = h('select', { id: 'link-to_id', 'aria-label': 'Who' });
  const form = h('form', { class: 'ledger-form', id: 'link-form', novalidate: true },
    h('span', {}, labelFor(person)),
    h('label', { class: 'visually-hidden', for: 'link-kind' }, 'How they are linked'),
    h('select', { id: 'link-kind' }, LINK_KIND_WORDS.map(([v, t]) => h('option', { value: v }, t))),
    other,
    h('label', { class: 'visually-hidden', for: 'link-strength' }, 'Strength'),
    h('select', { id: 'link-strength' }, STRENGTHS.map(([v, t]) => h('option', { value: v, selected: v === 'medium' }, t))),
    h('label', { class: 'visually-hidden', for: 'link-note' }, 'Note'),
    h('input', { id: 'link-note', type: 'text', autocomplete: 'off', placeholder: 'Note (optional)' }),
    h('button', { type: 'submit', id: 'link-add' }, 'Add link'),
    h('p', { class: 'field-error', id: 'link-to_id-error', hidden: true }),
    h('p', { class: 'field-error', id: 'link-note-error', hidden: true }),
    h('p', { class: 'form-error', id: 'link-form-error', role: 'alert', hidden: true }));
  const list = h('ul', { class: 'ledger-list', id: 'links', 'aria-label': `Links of ${labelFor(person)}` });
  const paths = h('ol', { class: 'intro-paths', id: 'intro-paths', 'aria-label': `Ways to reach ${labelFor(person)}` });
  const el = h('section', { class: 'network', 'aria-labelledby': 'network-title' },
    h('h3', { id: 'network-title', class: 'section-title' }, 'Connections'),
    form, list,
    h('h4', {}, `Ways to reach ${labelFor(person)}`), paths,
    h('p', {}, h('a', { class: 'person-network-map', href: `#/network/${encodeURIComponent(person.id)}` }, 'See it in the network')));

  function linkText(l) {
    if (l.from_id === null) return `You: ${labelFor(person)} ${kindText(l.kind)} you`;
    if (l.from_id === person.id) return `${labelFor(person)} ${kindText(l.kind)} ${names.get(l.to_id) ?? labelFor({ name: l.to_name })}`;
    return `${names.get(l.from_id) ?? labelFor({ name: l.from_name })} ${kindText(l.kind)} ${labelFor(person)}`;
  }

  async function load() {
    try {
      const [people, links, ways] = await Promise.all([api.listPeople(''), api.personLinks(person.id), api.introPaths(person.id)]);
      names = new Map(people.map((p) => [p.id, labelFor(p)]));
      names.set(person.id, labelFor(person));
      replaceChildren(other,
        h('option', { value: '' }, 'you'),
        people.filter((p) => p.id !== person.id).map((p) => h('option', { value: p.id }, labelFor(p))));
      replaceChildren(list, links.length ? links.map((l) => h('li', { class: 'ledger-item', 'data-id': l.id },
        h('span', { class: 'ledger-text' }, linkText(l), h('span', { class: 'muted' }, ` · ${l.strength}`),
          l.note ? h('span', { class: 'muted link-note' }, ` · ${l.note}`) : null),
        h('button', { type: 'button', class: 'link link-edit', 'aria-label': `Edit the link “${linkText(l)}”`, onclick: () => edit(l) }, 'Edit'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the link “${linkText(l)}”`, onclick: () => remove(l) }, 'Delete')))
        : h('li', { class: 'muted' }, 'No links yet. Note who they report to, who influences them, who they are close with.'));
      replaceChildren(paths, ways.length ? ways.map((p) => h('li', {}, pathText(p, nameOf)))
        : h('li', { class: 'muted' }, 'No way in yet: log a meeting with someone who knows them, or add a link.'));
    } catch (err) {
      replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const to = other.value;
    const input = {
      from_id: to ? person.id : null,
      to_id: to || person.id,
      kind: form.querySelector('#link-kind').value,
      strength: form.querySelector('#link-strength').value,
      note: form.querySelector('#link-note').value,
    };
    try {
      await api.addLink(input);
      form.querySelector('#link-note').value = '';
      clearFormErrors(form);
      announce('Link added');
      await load();
    } catch (err) {
      showFormError(form, 'link', err);
    }
  });

  async function edit(l) {
    const p = 'link-edit';
    const saved = await openFormDialog({
      id: 'link-edit-dialog',
      title: 'Edit the link',
      prefix: p,
      submitLabel: 'Save link',
      fields: linkEditFields(l, linkText(l)),
      save: (dialogForm) => api.editLink(l.id, {
        kind: dialogForm.querySelector(`#${p}-kind`).value,
        strength: dialogForm.querySelector(`#${p}-strength`).value,
        note: dialogForm.querySelector(`#${p}-note`).value,
      }),
    });
    if (!saved) return;
    await load();
    announce('Link saved');
    showChange('Saved the link', runUndo);
    list.querySelector(`[data-id="${l.id}"] .link-edit`)?.focus();
  }

  async function remove(l) {
    try { await api.deleteLink(l.id); } catch (err) { showToast(err.message); return; }
    await load();
    showChange('Deleted the link', runUndo);
  }

  load();
  return { el, reload: load };
}

/** The fields of the dialog that edits link `l` (described as `text`): its ends stay, kind, strength and note change. */
export function linkEditFields(l, text) {
  const p = 'link-edit';
  return [
    h('p', { class: 'muted' }, text),
    formField(p, 'kind', 'How they are linked',
      h('select', { id: `${p}-kind` }, LINK_KIND_WORDS.map(([v, t]) => h('option', { value: v, selected: v === l.kind }, t)))),
    formField(p, 'strength', 'Strength',
      h('select', { id: `${p}-strength` }, STRENGTHS.map(([v, t]) => h('option', { value: v, selected: v === l.strength }, t)))),
    formField(p, 'note', 'Note', h('input', { id: `${p}-note`, type: 'text', autocomplete: 'off', value: l.note })),
  ];
}
