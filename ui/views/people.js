// The People view: a searchable list, and a form to add, edit and delete a person. This module
// holds what the list shows (a search, or former colleagues) and wires the parts together:
// the list (people-list.js), the search (people-search.js), the panel (person-form.js) and
// removing someone (person-remove.js).

import { h, replaceChildren, announce } from '../lib/dom.js';
import { peopleCountText } from '../lib/format.js';
import { pageOf, pageOffset } from '../lib/virtual-list.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { showToast } from '../lib/toast.js';
import { openImportDialog } from './import-dialog.js';
import { PAGE_SIZE, peopleList } from './people-list.js';
import { foundElsewhere, searchBox } from './people-search.js';
import { personPanel } from './person-form.js';
import { removePerson } from './person-remove.js';

/** What the list shows and what a search found; `listed` says which list the rows belong to. */
export function peopleState() {
  return {
    query: '',
    // Whether the list shows former colleagues instead of current people.
    showFormer: false,
    // Former colleagues are few and come in one call; the list pages through them all the same.
    formerPeople: [],
    // What the list shows: a new search or switching lists starts again from the top.
    listed: null,
    loaded: false,
    requestNo: 0,
    // For a search: what matched in profiles, interactions, favours and promises.
    elsewhere: null,
  };
}

/** Which list `state` asks for: when it differs from the one shown, the list starts from the top. */
export const whichList = (state) => `${state.showFormer}\n${state.query}`;

export function mountPeople(ctx, openId = null) {
  const { api, store } = ctx;
  const runUndo = () => ctx.runUndo();
  const state = peopleState();

  const list = peopleList({
    fetchPage: (offset) => (state.showFormer ? pageOf(state.formerPeople, offset, PAGE_SIZE) : api.peoplePage(state.query, offset, PAGE_SIZE)),
    selectedId: () => panel.editingId(),
    onOpen: (id) => openPerson(id),
    onTotalChanged: () => render(),
  });
  const personById = list.personById;
  const search = searchBox({
    onSearch: (text) => { state.query = text; reload(); },
    hasRows: () => list.state.total > 0,
    enterList: () => list.focusRow(0),
  });
  const addButton = h('button', { type: 'button', id: 'add-person', class: 'primary', title: 'Ctrl+N' }, 'Add person');
  const importButton = h('button', { type: 'button', id: 'import-people', onclick: () => startImport() }, 'Import…');
  const count = h('span', { id: 'people-count', class: 'muted' });
  const listPane = h('div', { class: 'list-pane' });
  const panel = personPanel({
    api, runUndo, store,
    render: () => render(),
    reload: (focusId) => reload(focusId),
    async reloadAfterSave(focusId) {
      state.query = search.input.value;
      await reload(focusId);
    },
    closed(focusId) {
      // Only a row in the page: the list keeps its last rows while the empty state stands in for it.
      const target = focusId && listPane.contains(list.scroller) && list.rowButton(focusId);
      (target || addButton).focus();
    },
    remove: (person) => remove(person),
    bringBack: (person) => bringBack(person),
  });
  const el = h('section', { class: 'view people-view', 'aria-labelledby': 'people-title' },
    h('header', { class: 'view-head' },
      h('h1', { id: 'people-title', tabindex: '-1' }, 'People'), count,
      h('div', { class: 'spacer' }), search.input, importButton, addButton),
    h('div', { class: 'people-layout' }, listPane, panel.el));

  addButton.addEventListener('click', () => panel.open('add'));

  /** The page the list starts from: the one holding `focusId` if given, else the one in view. */
  async function firstPage(focusId, fromTop) {
    if (state.showFormer) {
      state.formerPeople = await api.listFormerPeople();
      const at = focusId ? Math.max(0, state.formerPeople.findIndex((p) => p.id === focusId)) : 0;
      return pageOf(state.formerPeople, fromTop && !focusId ? 0 : pageOffset(at, PAGE_SIZE), PAGE_SIZE);
    }
    if (focusId) return api.peoplePage(state.query, 0, PAGE_SIZE, focusId);
    const top = fromTop ? 0 : list.topRow();
    return api.peoplePage(state.query, pageOffset(top, PAGE_SIZE), PAGE_SIZE);
  }

  /**
   * Loads the list again, from the page in view (a new search or list starts at the top); with
   * `focusId`, from the page holding that person, scrolled to them.
   */
  async function reload(focusId) {
    const mine = ++state.requestNo;
    const which = whichList(state);
    const fromTop = state.listed !== which;
    try {
      const [first, found] = await Promise.all([
        firstPage(focusId, fromTop),
        // The list still shows if searching the rest fails.
        state.query.trim() && !state.showFormer ? api.searchEverything(state.query).catch(() => null) : null,
      ]);
      if (mine !== state.requestNo) return; // a newer search has been sent meanwhile
      const focused = list.restart(first, { fromTop, focusId });
      state.listed = which;
      state.elsewhere = found;
      state.loaded = true;
      render();
      if (focused) list.focusRow(list.state.activeIndex, { focus: false });
    } catch (err) {
      replaceChildren(listPane, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function render() {
    if (!state.loaded) {
      listPane.replaceChildren();
      panel.render(list.state.total);
      return;
    }
    renderList();
    const searching = state.query.trim() && !state.showFormer;
    if (searching && state.elsewhere) {
      listPane.append(foundElsewhere(state.elsewhere, { listed: personById, known: list.state.cache.rows(), onOpen: openHit }));
    }
    if (!searching) listPane.append(formerToggle());
    panel.render(list.state.total);
  }

  async function openHit(hit) {
    if (!personById(hit.person_id)) {
      search.input.value = '';
      state.query = '';
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
          state.showFormer = !state.showFormer;
          search.input.disabled = state.showFormer;
          panel.forgetIfClean();
          await reload();
        },
      }, state.showFormer ? 'Back to current people' : 'Former colleagues'));
  }

  /** The list, or what stands in its place: the empty state, or a search that found no one. */
  function listOrEmpty() {
    const { total } = list.state;
    const query = state.query.trim();
    if (state.showFormer) {
      return total ? list.scroller : h('p', { class: 'muted', id: 'former-empty' },
        'No former colleagues. When someone moves on, Delete offers to keep their history here.');
    }
    if (total === 0 && query === '') return emptyState();
    if (total > 0) return list.scroller;
    return h('p', { class: 'empty-search', id: 'people-no-match' },
      'No one matches “', query, '”. Try fewer words, or ',
      h('button', { type: 'button', class: 'link', onclick: () => panel.open('add', { name: query }) }, 'add them'), '.');
  }

  function renderList() {
    const { total } = list.state;
    count.textContent = peopleCountText({ total, query: state.query, former: state.showFormer });
    if (!state.showFormer) search.input.hidden = total === 0 && state.query.trim() === '';
    const main = listOrEmpty();
    // The scroll box stays in the page between renders: taking it out would lose its position.
    if (listPane.firstChild === main) {
      while (main.nextSibling) main.nextSibling.remove();
    } else {
      replaceChildren(listPane, main);
    }
    if (main === list.scroller) {
      list.list.setAttribute('aria-label', state.showFormer ? 'Former colleagues' : 'People');
      list.renderRows();
    }
  }

  function emptyState() {
    return h('div', { class: 'empty-state', id: 'people-empty' },
      h('h2', {}, 'Start with the people your work depends on'),
      h('p', {}, 'Add your manager, your skip-level, the peers you rely on and the people whose support you need for your next goal. A name is enough to begin; you can add what they care about later.'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'add-first-person', onclick: () => panel.open('add') }, 'Add your first person'),
        h('button', { type: 'button', id: 'import-first', onclick: () => startImport() }, 'Import from LinkedIn or a CSV file')));
  }

  function openPerson(id) {
    const person = personById(id);
    if (!person) return;
    if (panel.editingId() === id) return;
    panel.open('edit', person);
  }

  function remove(person) {
    return removePerson(person, {
      api, runUndo, store,
      failed: (err) => { if (panel.isOpen) panel.showError(err); else showToast(err.message); },
      removed: (id) => { if (panel.editingId() === id) panel.forget(); },
      reload: (focusId) => reload(focusId),
      done: () => addButton.focus(),
    });
  }

  function startImport() {
    openImportDialog({ api, onDone: () => { store.bump('people'); reload(); } });
  }

  async function bringBack(person) {
    try {
      const back = await api.restorePerson(person.id);
      store.bump('people');
      panel.forget();
      state.showFormer = false;
      search.input.disabled = false;
      await reload(back.id);
      openPerson(back.id);
      announce(`${labelFor(back)} is back among your people`);
    } catch (err) { panel.showError(err); }
  }

  /** Presenting mode changed: labels everywhere, keeping what was typed (and the journal if it holds typing). */
  const stopPresenting = onPresentingChange(() => { if (state.loaded) panel.relabel(render); });

  reload().then(() => { if (openId) openPerson(openId); });

  return {
    el,
    /** Opens a person (from a pop-up or a link), loading the list again if they are not in it. */
    async open(id) {
      if (!personById(id)) {
        if (state.showFormer && !(await api.listFormerPeople()).some((p) => p.id === id)) state.showFormer = false;
        await reload(id);
      }
      openPerson(id);
    },
    focusTitle: () => el.querySelector('h1').focus(),
    handle(action) {
      switch (action) {
        case 'new-person': panel.open('add'); return true;
        case 'search': if (search.input.hidden) return false; search.input.focus(); search.input.select(); return true;
        case 'save': return panel.save();
        case 'cancel': return panel.cancel();
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
    destroy() { search.stop(); list.destroy(); stopPresenting(); },
  };
}
