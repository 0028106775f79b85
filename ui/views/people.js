// The People view: a searchable list, and a form to add, edit and delete a person.

import { api } from '../lib/api.js';
import { h, replaceChildren, announce } from '../lib/dom.js';
import { countPeople, describePerson, initials, sinceText, snippetParts } from '../lib/format.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showToast } from '../lib/toast.js';
import { openImportDialog } from './import-dialog.js';
import { personJournal } from './person-journal.js';

const FIELDS = [
  { name: 'name', label: 'Name', required: true, placeholder: 'Dana Ng' },
  { name: 'role', label: 'Role', placeholder: 'Engineering Manager' },
  { name: 'department', label: 'Department', placeholder: 'Platform' },
  { name: 'organisation', label: 'Organisation', placeholder: 'Acme' },
  { name: 'email', label: 'Email', placeholder: 'dana@example.com' },
  { name: 'tags', label: 'Tags, separated by commas', placeholder: 'mentor, platform, hiring committee' },
  { name: 'notes', label: 'Notes', multiline: true, placeholder: 'What they care about, how you met, what you promised…' },
];

const EMPTY_INPUT = Object.fromEntries(FIELDS.map((f) => [f.name, '']));

export function mountPeople(ctx, openId = null) {
  const { undo } = ctx;
  let people = [];
  let query = '';
  // Whether the list shows former colleagues instead of current people.
  let showFormer = false;
  let loaded = false;
  let requestNo = 0;
  // For a search: what matched in profiles, interactions, favours and promises.
  let elsewhere = null;
  // The form: null, or { mode: 'add' | 'edit', person, saved (what the fields held when opened) }.
  let form = null;

  const search = h('input', {
    type: 'search', id: 'people-search', class: 'search', placeholder: 'Search people   /',
    'aria-label': 'Search people', autocomplete: 'off', spellcheck: 'false',
  });
  const addButton = h('button', { type: 'button', id: 'add-person', class: 'primary', title: 'Ctrl+N' }, 'Add person');
  const importButton = h('button', { type: 'button', id: 'import-people', onclick: () => startImport() }, 'Import…');
  const count = h('span', { id: 'people-count', class: 'muted' });
  const listPane = h('div', { class: 'list-pane' });
  const panel = h('aside', { id: 'person-panel', class: 'panel', 'aria-label': 'Person details' });
  const el = h('section', { class: 'view people-view', 'aria-labelledby': 'people-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'people-title', tabindex: '-1' }, 'People'), count,
      h('div', { class: 'spacer' }), search, importButton, addButton),
    h('div', { class: 'people-layout' }, listPane, panel));

  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => { query = search.value; reload(); }, 120);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); listPane.querySelector('.person-row')?.focus(); }
  });
  addButton.addEventListener('click', () => openForm('add'));

  async function reload(focusId) {
    const mine = ++requestNo;
    try {
      const [result, found] = await Promise.all([
        showFormer ? api.listFormerPeople() : api.listPeople(query),
        // The list still shows if searching the rest fails.
        query.trim() && !showFormer ? api.searchEverything(query).catch(() => null) : null,
      ]);
      if (mine !== requestNo) return; // a newer search has been sent meanwhile
      people = result;
      elsewhere = found;
      loaded = true;
      render();
      if (focusId) listPane.querySelector(`[data-id="${CSS.escape(focusId)}"]`)?.focus();
    } catch (err) {
      replaceChildren(listPane, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function render() {
    if (!loaded) {
      listPane.replaceChildren();
      renderPanel();
      return;
    }
    renderList();
    if (query.trim() && elsewhere && !showFormer) listPane.append(foundElsewhere(elsewhere));
    if (!query.trim() || showFormer) listPane.append(formerToggle());
    renderPanel();
  }

  const GROUPS = [
    ['people', 'In profiles and notes'],
    ['interactions', 'In interactions'],
    ['favours', 'In favours'],
    ['promises', 'In promises'],
    ['conflicts', 'In conflicts'],
  ];

  /** Search hits beyond the list of people, grouped by kind; matched words marked safely. */
  function foundElsewhere(results) {
    const listed = new Set(people.map((p) => p.id));
    const groups = GROUPS.map(([key, title]) => [title, results[key].filter((hit) => key !== 'people' || !listed.has(hit.person_id))])
      .filter(([, hits]) => hits.length);
    if (groups.length === 0) return h('p', { class: 'muted', id: 'found-elsewhere' }, 'Nothing else matches in notes, interactions, favours, promises or conflicts.');
    return h('section', { class: 'found-elsewhere', id: 'found-elsewhere', 'aria-label': 'Also found' },
      groups.map(([title, hits]) => h('div', { class: 'hit-group' },
        h('h3', {}, title),
        h('ul', {}, hits.map((hit) => h('li', {},
          h('button', { type: 'button', class: 'hit', 'data-person': hit.person_id, onclick: () => openHit(hit) },
            h('span', { class: 'hit-person' }, hit.person_name),
            h('span', { class: 'hit-snippet' }, snippetParts(hit.snippet).map((part) => (part.match ? h('mark', {}, part.text) : part.text))))))))));
  }

  async function openHit(hit) {
    if (!people.some((p) => p.id === hit.person_id)) {
      search.value = '';
      query = '';
      await reload();
    }
    openPerson(hit.person_id);
  }

  /** Switches the list between current people and former colleagues. */
  function formerToggle() {
    return h('p', { class: 'former-toggle' },
      h('button', {
        type: 'button', class: 'link', id: 'toggle-former',
        onclick: async () => {
          showFormer = !showFormer;
          search.disabled = showFormer;
          if (form && !isDirty()) form = null;
          await reload();
        },
      }, showFormer ? 'Back to current people' : 'Former colleagues'));
  }

  function renderList() {
    if (showFormer) {
      count.textContent = `${people.length} former`;
      replaceChildren(listPane, people.length ? personList() : h('p', { class: 'muted', id: 'former-empty' },
        'No former colleagues. When someone moves on, Delete offers to keep their history here.'));
      return;
    }
    const nobodyYet = people.length === 0 && query.trim() === '';
    search.hidden = nobodyYet;
    count.textContent = nobodyYet ? '' : (query.trim() ? `${countPeople(people.length)} found` : countPeople(people.length));
    if (nobodyYet) {
      replaceChildren(listPane, emptyState());
    } else if (people.length === 0) {
      replaceChildren(listPane, h('p', { class: 'empty-search', id: 'people-no-match' },
        'No one matches “', query.trim(), '”. Try fewer words, or ',
        h('button', { type: 'button', class: 'link', onclick: () => openForm('add', { name: query.trim() }) }, 'add them'), '.'));
    } else {
      replaceChildren(listPane, personList());
    }
  }

  function personList() {
    const selected = form?.mode === 'edit' ? form.person.id : null;
    const contact = (p) => (p.left_at ? `Former colleague since ${new Date(p.left_at).toLocaleDateString()}`
      : p.last_contact ? `Last contact ${sinceText(p.last_contact)}` : 'No contact logged yet');
    return h('ul', { id: 'people-list', class: 'people-list', 'aria-label': showFormer ? 'Former colleagues' : 'People' },
      people.map((p) => h('li', {},
        h('button', {
          type: 'button', class: 'person-row', 'data-id': p.id,
          'aria-current': p.id === selected ? 'true' : null,
          title: 'Enter to open, Delete to delete',
        },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.name)),
        h('span', { class: 'row-text' },
          h('span', { class: 'person-name' }, p.name),
          h('span', { class: 'person-meta' }, describePerson(p)),
          p.tags ? h('span', { class: 'tags' }, p.tags.split(', ').map((t) => h('span', { class: 'tag' }, t))) : null,
          h('span', { class: 'person-contact' }, contact(p)))))));
  }

  function emptyState() {
    return h('div', { class: 'empty-state', id: 'people-empty' },
      h('h2', {}, 'Start with the people your work depends on'),
      h('p', {}, 'Add your manager, your skip-level, the peers you rely on and the people whose support you need for your next goal. A name is enough to begin; you can add what they care about later.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'add-first-person', onclick: () => openForm('add') }, 'Add your first person'),
        h('button', { type: 'button', id: 'import-first', onclick: () => startImport() }, 'Import from LinkedIn or a CSV file')));
  }

  listPane.addEventListener('click', (e) => {
    const row = e.target.closest('.person-row');
    if (row) openPerson(row.dataset.id);
  });
  listPane.addEventListener('keydown', (e) => {
    const row = e.target.closest('.person-row');
    if (!row) return;
    const rows = [...listPane.querySelectorAll('.person-row')];
    const i = rows.indexOf(row);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      rows[Math.max(0, Math.min(rows.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      (e.key === 'Home' ? rows[0] : rows.at(-1))?.focus();
    }
  });

  function openPerson(id) {
    const person = people.find((p) => p.id === id);
    if (!person) return;
    if (form?.mode === 'edit' && form.person.id === id) return;
    openForm('edit', person);
  }

  // The journal (profile and interactions) of the person being edited.
  let journal = null;

  function isDirty() {
    if (!form) return false;
    if (journal?.isDirty()) return true;
    const current = readForm();
    return FIELDS.some((f) => current[f.name] !== form.saved[f.name]);
  }

  function openForm(mode, person = null) {
    if (isDirty()) {
      showError({ message: `You have unsaved changes${form.mode === 'edit' ? ` to ${form.person.name}` : ''}. Save or cancel them first.` });
      return;
    }
    const values = { ...EMPTY_INPUT, ...(mode === 'edit' ? person : person ?? {}) };
    form = { mode, person: mode === 'edit' ? person : null, saved: pick(mode === 'edit' ? values : EMPTY_INPUT) };
    render();
    for (const f of FIELDS) panel.querySelector(`#person-${f.name}`).value = values[f.name] ?? '';
    clearErrors();
    panel.querySelector('#person-name').focus();
  }

  function closeForm({ focusId } = {}) {
    form = null;
    render();
    const target = focusId && listPane.querySelector(`[data-id="${CSS.escape(focusId)}"]`);
    (target || addButton).focus();
  }

  function renderPanel() {
    if (!form) {
      panel.hidden = people.length === 0;
      replaceChildren(panel, panel.hidden ? null
        : h('div', { class: 'panel-hint' }, h('p', {}, 'Choose a person to see and edit their details, or add someone new.'),
          h('p', { class: 'muted' }, 'Keys: / search · ↑↓ move · Enter open · Delete delete · Ctrl+N add · Ctrl+Z undo')));
      return;
    }
    panel.hidden = false;
    if (panel.querySelector('#person-form')?.dataset.for === formKey()) return; // keep typed text
    const title = form.mode === 'add' ? 'Add a person' : `Edit ${form.person.name}`;
    journal = form.mode === 'edit' ? personJournal(form.person, { undo, runUndo: (entry) => ctx.runUndo(entry), onChange: () => reload() }) : null;
    replaceChildren(panel, h('form', { id: 'person-form', class: 'person-form', novalidate: true, 'data-for': formKey(), onsubmit: onSubmit },
      h('h2', { class: 'form-title' }, title),
      form.person?.left_at ? h('p', { class: 'notice', id: 'former-notice' },
        `Former colleague since ${new Date(form.person.left_at).toLocaleDateString()}. `,
        h('button', { type: 'button', class: 'link', id: 'bring-back', onclick: () => bringBack(form.person) }, 'Bring back')) : null,
      FIELDS.map(field),
      h('p', { class: 'form-error', id: 'person-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'primary', id: 'person-save', title: 'Ctrl+Enter' }, 'Save'),
        h('button', { type: 'button', id: 'person-cancel', title: 'Esc', onclick: () => cancel({ confirmed: true }) }, 'Cancel'),
        form.mode === 'edit'
          ? h('button', { type: 'button', class: 'danger', id: 'person-delete', onclick: () => remove(form.person) }, 'Delete')
          : null)),
    journal?.el);
  }

  function formKey() {
    return form.mode === 'edit' ? form.person.id : 'new';
  }

  function field(f) {
    const id = `person-${f.name}`;
    const control = f.multiline
      ? h('textarea', { id, name: f.name, rows: '6', placeholder: f.placeholder })
      : h('input', { id, name: f.name, type: 'text', autocomplete: 'off', placeholder: f.placeholder, required: f.required || null, 'aria-required': f.required ? 'true' : null });
    return h('div', { class: 'field' },
      h('label', { for: id }, f.label, f.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      control,
      h('p', { class: 'field-error', id: `${id}-error`, hidden: true }));
  }

  function pick(values) {
    return Object.fromEntries(FIELDS.map((f) => [f.name, values[f.name] ?? '']));
  }

  function readForm() {
    return Object.fromEntries(FIELDS.map((f) => [f.name, panel.querySelector(`#person-${f.name}`)?.value ?? '']));
  }

  function personForm() {
    return panel.querySelector('#person-form');
  }

  function clearErrors() {
    const f = personForm();
    if (f) clearFormErrors(f);
  }

  function showError(err) {
    const f = personForm();
    if (f) showFormError(f, 'person', err);
  }

  let saving = false;
  async function onSubmit(e) {
    e?.preventDefault();
    if (!form || saving) return;
    saving = true;
    const input = readForm();
    try {
      const saved = form.mode === 'add' ? await api.addPerson(input) : await api.updatePerson(form.person.id, input);
      if (form.mode === 'edit') {
        // The person stays open: their journal below may hold typed text of its own.
        form.person = saved;
        form.saved = pick(saved);
        form.discardArmed = false;
        panel.querySelector('.form-title').textContent = `Edit ${saved.name}`;
        for (const f of FIELDS) panel.querySelector(`#person-${f.name}`).value = saved[f.name] ?? '';
        clearErrors();
        query = search.value;
        await reload();
        announce(`Saved ${saved.name}`);
        showToast(`Saved ${saved.name}`, { timeoutMs: 4000 });
        return;
      }
      const verb = 'Added';
      form = null;
      query = search.value;
      await reload();
      closeForm({ focusId: saved.id });
      announce(`${verb} ${saved.name}`);
      showToast(`${verb} ${saved.name}`, { timeoutMs: 4000 });
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
    const focusId = form.person?.id;
    form = null;
    closeForm({ focusId });
    return true;
  }

  async function remove(person) {
    const how = await askHowToRemove(person);
    if (!how) return;
    try {
      if (how === 'former') await api.markFormer(person.id);
      else await api.deletePerson(person.id);
    } catch (err) {
      if (form) showError(err); else showToast(err.message);
      return;
    }
    if (form?.mode === 'edit' && form.person.id === person.id) form = null;
    const label = how === 'former' ? `Moved ${person.name} to former colleagues` : `Deleted ${person.name}`;
    const entry = undo.push(label, async () => {
      const back = await api.restorePerson(person.id);
      await reload(back.id);
      announce(`Restored ${back.name}`);
    });
    await reload();
    addButton.focus();
    announce(`${label}. Press Ctrl+Z to undo.`);
    showToast(label, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => ctx.runUndo(entry) });
  }

  function startImport() {
    openImportDialog({ onDone: () => reload() });
  }

  async function bringBack(person) {
    try {
      const back = await api.restorePerson(person.id);
      form = null;
      showFormer = false;
      search.disabled = false;
      await reload(back.id);
      openPerson(back.id);
      announce(`${back.name} is back among your people`);
    } catch (err) { showError(err); }
  }

  /**
   * Asks whether to keep a person's history (as a former colleague) or delete them with all
   * that is only theirs. Resolves to 'former', 'delete' or null (cancelled).
   */
  function askHowToRemove(person) {
    const choice = (id, value, cls, label, hint) => h('button', { type: 'button', id, class: cls, value },
      h('strong', {}, label), h('span', { class: 'choice-hint' }, hint));
    const dialog = h('dialog', { id: 'leave-dialog', class: 'dialog', 'aria-labelledby': 'leave-title' },
      h('h2', { id: 'leave-title' }, `Remove ${person.name}?`),
      h('div', { class: 'dialog-choices' },
        person.left_at ? null : choice('leave-keep', 'former', 'choice', 'Keep their history',
          'They leave your list, maps and reminders; interactions, favours and promises stay, under Former colleagues.'),
        choice('leave-delete', 'delete', 'choice danger', 'Delete them and what is only theirs',
          'Their favours, promises, conflicts and the interactions with no one else go too. Meetings shared with others stay.')),
      h('div', { class: 'actions' }, h('button', { type: 'button', id: 'leave-cancel', value: '' }, 'Cancel')));
    document.body.append(dialog);
    dialog.showModal();
    return new Promise((resolve) => {
      const done = (value) => { dialog.close(); dialog.remove(); resolve(value || null); };
      dialog.addEventListener('click', (e) => {
        const button = e.target.closest('button');
        if (button) done(button.value);
      });
      dialog.addEventListener('cancel', (e) => { e.preventDefault(); done(null); });
    });
  }

  reload().then(() => { if (openId) openPerson(openId); });

  return {
    el,
    /** Opens a person (from a pop-up or a link), loading the list again if they are not in it. */
    async open(id) {
      if (!people.some((p) => p.id === id)) {
        if (showFormer && !(await api.listFormerPeople()).some((p) => p.id === id)) showFormer = false;
        await reload();
      }
      openPerson(id);
    },
    focusTitle: () => el.querySelector('h1').focus(),
    handle(action) {
      switch (action) {
        case 'new-person': openForm('add'); return true;
        case 'search': if (search.hidden) return false; search.focus(); search.select(); return true;
        case 'save':
          if (!form) return false;
          if (!journal?.submitFocused()) onSubmit();
          return true;
        case 'cancel': return cancel();
        case 'delete': {
          const row = document.activeElement?.closest?.('.person-row');
          const person = row && people.find((p) => p.id === row.dataset.id);
          if (!person) return false;
          remove(person);
          return true;
        }
        default: return false;
      }
    },
    destroy() { clearTimeout(searchTimer); },
  };
}
