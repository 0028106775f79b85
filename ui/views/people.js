// The People view: a searchable list, and a form to add, edit and delete a person.

import { h, replaceChildren, announce, isolate } from '../lib/dom.js';
import { countPeople, describePerson, initials, sinceText, snippetParts } from '../lib/format.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showToast } from '../lib/toast.js';
import { PageCache, pagesFor, rowAfterKey, scrollToShow, visibleRange } from '../lib/virtual-list.js';
import { openImportDialog } from './import-dialog.js';
import { personJournal } from './person-journal.js';
import { isPresenting, labelFor, onPresentingChange, redactNames } from '../lib/presenting.js';

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

// The list shows only the rows in view (10,000 people make 10,000 rows otherwise) and fetches
// them a page at a time. Every row has the same height, so positions are arithmetic.
const PAGE_SIZE = 100;
const ROW_HEIGHT = 80; // px; the stylesheet sizes rows from --row-height
const MARGIN_ROWS = 10; // rendered beyond the view above and below, so scrolling shows no gap
const MAX_PAGES = 20; // pages kept; more are fetched again when scrolled back to

export function mountPeople(ctx, openId = null) {
  const { api, undo } = ctx;
  // The list: how many it holds, and the pages of it fetched so far.
  let total = 0;
  const cache = new PageCache({ pageSize: PAGE_SIZE, maxPages: MAX_PAGES });
  // Bumped whenever the list changes (a search, an edit): pages of an older list are dropped.
  let generation = 0;
  let inFlight = new Set();
  // Former colleagues are few and come in one call; the list pages through them all the same.
  let formerPeople = [];
  // What the list shows: a new search or switching lists starts again from the top.
  let listed = null;
  // The row that holds the list's one Tab stop (arrows move it).
  let activeIndex = 0;
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
  const list = h('ul', { id: 'people-list', class: 'people-list' });
  list.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
  // The list scrolls on its own, so the search above it and the links below it stay in view.
  const scroller = h('div', { class: 'people-scroll', tabindex: '-1' }, list);
  // Rendered rows by list position: { li, person (undefined while its page loads), selected, label }.
  const rowEls = new Map();
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
    if (e.key === 'ArrowDown' && total > 0) { e.preventDefault(); focusRow(0); }
  });
  addButton.addEventListener('click', () => openForm('add'));

  /** The page the list starts from: the one holding `focusId` if given, else the one in view. */
  async function firstPage(focusId, fromTop) {
    if (showFormer) {
      formerPeople = await api.listFormerPeople();
      const at = focusId ? Math.max(0, formerPeople.findIndex((p) => p.id === focusId)) : 0;
      return fetchFormer(fromTop && !focusId ? 0 : at - (at % PAGE_SIZE));
    }
    if (focusId) return api.peoplePage(query, 0, PAGE_SIZE, focusId);
    const top = fromTop ? 0 : Math.floor(scroller.scrollTop / ROW_HEIGHT);
    return api.peoplePage(query, top - (top % PAGE_SIZE), PAGE_SIZE);
  }

  function fetchFormer(offset) {
    return { total: formerPeople.length, offset, people: formerPeople.slice(offset, offset + PAGE_SIZE) };
  }

  /**
   * Loads the list again, from the page in view (a new search or list starts at the top); with
   * `focusId`, from the page holding that person, scrolled to them.
   */
  async function reload(focusId) {
    const mine = ++requestNo;
    const which = `${showFormer}\n${query}`;
    const fromTop = listed !== which;
    try {
      const [first, found] = await Promise.all([
        firstPage(focusId, fromTop),
        // The list still shows if searching the rest fails.
        query.trim() && !showFormer ? api.searchEverything(query).catch(() => null) : null,
      ]);
      if (mine !== requestNo) return; // a newer search has been sent meanwhile
      generation += 1;
      inFlight = new Set();
      cache.clear();
      total = first.total;
      cache.put(first.offset / PAGE_SIZE, first.people);
      listed = which;
      elsewhere = found;
      loaded = true;
      if (fromTop) {
        scroller.scrollTop = 0;
        activeIndex = 0;
      }
      activeIndex = Math.min(activeIndex, Math.max(0, total - 1));
      const focusAt = focusId ? first.people.findIndex((p) => p.id === focusId) : -1;
      if (focusAt >= 0) activeIndex = first.offset + focusAt;
      render();
      if (focusAt >= 0) focusRow(activeIndex, { focus: false });
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
    // A person hit is left out when the list shows them already (the rows fetched so far).
    const groups = GROUPS.map(([key, title]) => [title, results[key].filter((hit) => key !== 'people' || !personById(hit.person_id))])
      .filter(([, hits]) => hits.length);
    if (groups.length === 0) return h('p', { class: 'muted', id: 'found-elsewhere' }, 'Nothing else matches in notes, interactions, favours, promises or conflicts.');
    return h('section', { class: 'found-elsewhere', id: 'found-elsewhere', 'aria-label': 'Also found' },
      groups.map(([title, hits]) => h('div', { class: 'hit-group' },
        h('h3', {}, title),
        h('ul', {}, hits.map((hit) => h('li', {},
          h('button', { type: 'button', class: 'hit', 'data-person': hit.person_id, onclick: () => openHit(hit) },
            h('span', { class: 'hit-person' }, labelFor(personById(hit.person_id) ?? { name: hit.person_name })),
            h('span', { class: 'hit-snippet' }, snippetParts(hit.snippet).map((part) => {
              // A person's snippet starts with their name; while presenting it is hidden there too.
              const text = isPresenting() ? redactNames(part.text, [...cache.rows(), { name: hit.person_name }]) : part.text;
              return part.match ? h('mark', {}, text) : text;
            })))))))));
  }

  async function openHit(hit) {
    if (!personById(hit.person_id)) {
      search.value = '';
      query = '';
      await reload(hit.person_id);
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
    let main;
    if (showFormer) {
      count.textContent = `${total} former`;
      main = total ? scroller : h('p', { class: 'muted', id: 'former-empty' },
        'No former colleagues. When someone moves on, Delete offers to keep their history here.');
    } else {
      const nobodyYet = total === 0 && query.trim() === '';
      search.hidden = nobodyYet;
      count.textContent = nobodyYet ? '' : (query.trim() ? `${countPeople(total)} found` : countPeople(total));
      if (nobodyYet) {
        main = emptyState();
      } else if (total === 0) {
        main = h('p', { class: 'empty-search', id: 'people-no-match' },
          'No one matches “', query.trim(), '”. Try fewer words, or ',
          h('button', { type: 'button', class: 'link', onclick: () => openForm('add', { name: query.trim() }) }, 'add them'), '.');
      } else {
        main = scroller;
      }
    }
    // The scroll box stays in the page between renders: taking it out would lose its position.
    if (listPane.firstChild === main) {
      while (main.nextSibling) main.nextSibling.remove();
    } else {
      replaceChildren(listPane, main);
    }
    if (main === scroller) {
      list.setAttribute('aria-label', showFormer ? 'Former colleagues' : 'People');
      renderRows();
    }
  }

  function currentRange() {
    return visibleRange({
      scrollTop: scroller.scrollTop, viewportHeight: scroller.clientHeight, rowHeight: ROW_HEIGHT, total, margin: MARGIN_ROWS,
    });
  }

  /**
   * Renders the rows in view and a margin, keeping those already there (and so the focus),
   * and fetches the pages they need.
   */
  function renderRows() {
    const range = currentRange();
    const selected = form?.mode === 'edit' ? form.person.id : null;
    // Padding stands in for the rows not rendered, so the scroll bar spans the whole list.
    list.style.paddingTop = `${range.start * ROW_HEIGHT}px`;
    list.style.paddingBottom = `${(total - range.end) * ROW_HEIGHT}px`;
    const wanted = (i) => {
      const person = cache.row(i);
      return { person, selected: !!person && person.id === selected, label: person ? labelFor(person) : '' };
    };
    let focusLost = false;
    for (const [i, row] of rowEls) {
      const want = wanted(i);
      const same = row.person === want.person && row.selected === want.selected && row.label === want.label
        && row.li.getAttribute('aria-setsize') === String(total);
      if (same && i >= range.start && i < range.end) continue;
      if (row.li.contains(document.activeElement)) focusLost = true;
      row.li.remove();
      rowEls.delete(i);
    }
    // The rows kept are one run; new ones go before it, after it, or where a row was replaced.
    let next = null;
    for (let i = range.end - 1; i >= range.start; i -= 1) {
      let row = rowEls.get(i);
      if (!row) {
        row = wanted(i);
        row.li = rowElement(i, row);
        rowEls.set(i, row);
        list.insertBefore(row.li, next);
      }
      next = row.li;
    }
    // One Tab stop in the list: the active row, or the first in view when it is scrolled away.
    const tabStop = rowEls.has(activeIndex) ? activeIndex : range.start;
    for (const [i, row] of rowEls) row.li.firstChild.tabIndex = i === tabStop ? 0 : -1;
    if (focusLost) (rowEls.get(activeIndex)?.li.firstChild ?? scroller).focus({ preventScroll: true });
    fetchPages(range);
  }

  function rowElement(i, { person: p, selected, label }) {
    const position = { 'aria-setsize': String(total), 'aria-posinset': String(i + 1) };
    if (!p) {
      return h('li', position,
        h('button', { type: 'button', class: 'person-row loading', 'data-index': i, 'aria-busy': 'true' },
          h('span', { class: 'avatar', 'aria-hidden': 'true' }),
          h('span', { class: 'row-text' }, h('span', { class: 'person-placeholder' }, 'Loading…'))));
    }
    const contact = p.left_at ? `Former colleague since ${new Date(p.left_at).toLocaleDateString()}`
      : p.last_contact ? `Last contact ${sinceText(p.last_contact)}` : 'No contact logged yet';
    return h('li', position,
      h('button', {
        type: 'button', class: 'person-row', 'data-id': p.id, 'data-index': i,
        'aria-current': selected ? 'true' : null,
        title: 'Enter to open, Delete to delete',
      },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.name)),
      h('span', { class: 'row-text' },
        h('span', { class: 'person-name' }, label),
        h('span', { class: 'person-meta' }, describePerson(p)),
        h('span', { class: 'row-foot' },
          p.tags ? h('span', { class: 'tags' }, p.tags.split(', ').map((t) => h('span', { class: 'tag' }, t))) : null,
          h('span', { class: 'person-contact' }, contact)))));
  }

  /** Fetches the pages holding rows [start, end) that are neither here nor on their way. */
  function fetchPages(range) {
    const wanted = pagesFor(range, PAGE_SIZE);
    cache.touch(wanted);
    for (const page of wanted) {
      if (cache.has(page) || inFlight.has(page)) continue;
      const mine = generation;
      const pending = inFlight;
      pending.add(page);
      const offset = page * PAGE_SIZE;
      Promise.resolve(showFormer ? fetchFormer(offset) : api.peoplePage(query, offset, PAGE_SIZE))
        .then((got) => {
          if (mine !== generation) return;
          cache.put(page, got.people, pagesFor(currentRange(), PAGE_SIZE));
          if (got.total !== total) {
            // The list changed meanwhile (an import, another window): show its new length.
            total = got.total;
            render();
          } else {
            scheduleRows();
          }
        })
        .catch((err) => { if (mine === generation) showToast(err.message); })
        .finally(() => pending.delete(page));
    }
  }

  let frame = 0;
  function scheduleRows() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (scroller.isConnected) renderRows();
    });
  }
  scroller.addEventListener('scroll', scheduleRows);

  /** Moves the list's Tab stop to row `i`, scrolls it into view and (unless told not to) focuses it. */
  function focusRow(i, { focus = true } = {}) {
    if (i < 0 || i >= total) return;
    activeIndex = i;
    scroller.scrollTop = scrollToShow(i, { scrollTop: scroller.scrollTop, viewportHeight: scroller.clientHeight, rowHeight: ROW_HEIGHT });
    renderRows();
    if (focus) rowEls.get(i)?.li.firstChild.focus({ preventScroll: true });
  }

  /** The person with this id, if the list has fetched them. */
  function personById(id) {
    return cache.find((p) => p.id === id)?.row ?? null;
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
    const row = e.target.closest('.person-row[data-id]');
    if (row) openPerson(row.dataset.id);
  });
  listPane.addEventListener('focusin', (e) => {
    const row = e.target.closest('.person-row');
    if (row) activeIndex = Number(row.dataset.index);
  });
  // Arrows, Page Up/Down, Home and End move through the whole list, fetching rows as needed.
  listPane.addEventListener('keydown', (e) => {
    const row = e.target.closest('.person-row');
    if (!row && e.target !== scroller) return;
    const from = row ? Number(row.dataset.index) : activeIndex;
    const to = rowAfterKey(e.key, from, total, Math.floor(scroller.clientHeight / ROW_HEIGHT));
    if (to === null || to < 0) return;
    e.preventDefault();
    focusRow(to);
  });

  function openPerson(id) {
    const person = personById(id);
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
      showError({ message: `You have unsaved changes${form.mode === 'edit' ? ` to ${labelFor(form.person)}` : ''}. Save or cancel them first.` });
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
      panel.hidden = total === 0;
      replaceChildren(panel, panel.hidden ? null
        : h('div', { class: 'panel-hint' }, h('p', {}, 'Choose a person to see and edit their details, or add someone new.'),
          h('p', { class: 'muted' }, 'Keys: / search · ↑↓ move · Enter open · Delete delete · Ctrl+N add · Ctrl+Z undo')));
      return;
    }
    panel.hidden = false;
    if (panel.querySelector('#person-form')?.dataset.for === formKey()) return; // keep typed text
    const title = form.mode === 'add' ? 'Add a person' : `Edit ${labelFor(form.person)}`;
    journal = form.mode === 'edit' ? personJournal(form.person, { api, undo, runUndo: (entry) => ctx.runUndo(entry), onChange: () => reload() }) : null;
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
        panel.querySelector('.form-title').textContent = `Edit ${labelFor(saved)}`;
        for (const f of FIELDS) panel.querySelector(`#person-${f.name}`).value = saved[f.name] ?? '';
        clearErrors();
        query = search.value;
        await reload();
        announce(`Saved ${labelFor(saved)}`);
        showToast(`Saved ${isolate(labelFor(saved))}`, { timeoutMs: 4000 });
        return;
      }
      const verb = 'Added';
      form = null;
      query = search.value;
      await reload(saved.id);
      closeForm({ focusId: saved.id });
      announce(`${verb} ${labelFor(saved)}`);
      showToast(`${verb} ${isolate(labelFor(saved))}`, { timeoutMs: 4000 });
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
    const label = how === 'former' ? `Moved ${labelFor(person)} to former colleagues` : `Deleted ${labelFor(person)}`;
    const entry = undo.push(label, async () => {
      const back = await api.restorePerson(person.id);
      await reload(back.id);
      announce(`Restored ${labelFor(back)}`);
    });
    await reload();
    addButton.focus();
    announce(`${label}. Press Ctrl+Z to undo.`);
    showToast(label, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => ctx.runUndo(entry) });
  }

  function startImport() {
    openImportDialog({ api, onDone: () => reload() });
  }

  async function bringBack(person) {
    try {
      const back = await api.restorePerson(person.id);
      form = null;
      showFormer = false;
      search.disabled = false;
      await reload(back.id);
      openPerson(back.id);
      announce(`${labelFor(back)} is back among your people`);
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
      h('h2', { id: 'leave-title' }, `Remove ${labelFor(person)}?`),
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

  /** Presenting mode changed: labels everywhere, keeping what was typed (and the journal if it holds typing). */
  function relabel() {
    if (!loaded) return;
    const focusedId = panel.contains(document.activeElement) ? document.activeElement.id : null;
    if (form && !journal?.isDirty()) {
      const typed = readForm();
      panel.querySelector('#person-form')?.removeAttribute('data-for'); // built again below
      render();
      for (const f of FIELDS) panel.querySelector(`#person-${f.name}`).value = typed[f.name];
    } else {
      render();
      if (form?.mode === 'edit') panel.querySelector('.form-title').textContent = `Edit ${labelFor(form.person)}`;
    }
    if (focusedId) document.getElementById(focusedId)?.focus();
  }
  const stopPresenting = onPresentingChange(relabel);

  reload().then(() => { if (openId) openPerson(openId); });

  return {
    el,
    /** Opens a person (from a pop-up or a link), loading the list again if they are not in it. */
    async open(id) {
      if (!personById(id)) {
        if (showFormer && !(await api.listFormerPeople()).some((p) => p.id === id)) showFormer = false;
        await reload(id);
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
          const person = row && personById(row.dataset.id);
          if (!person) return false;
          remove(person);
          return true;
        }
        default: return false;
      }
    },
    destroy() { clearTimeout(searchTimer); cancelAnimationFrame(frame); stopPresenting(); },
  };
}
