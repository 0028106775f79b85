// The People view: a searchable, sortable, filterable list, and a form to add, edit and delete
// a person. This module holds what the list shows (a search, filters and a sort, kept in the
// store across visits) and wires the parts together: the list (people-list.js), the search
// (people-search.js), the sort and filter chips (people-filters.js), selecting several people
// and acting on them (people-selection.js), the panel (person-form.js), removing someone
// (person-remove.js) and the sample people to try Allies with (sample-workspace.js).

import { h, replaceChildren, announce } from '../lib/dom.js';
import { keyLabel } from '../lib/shortcuts.js';
import { pageOffset } from '../lib/virtual-list.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { showToast } from '../lib/toast.js';
import { openImportDialog } from './import-dialog.js';
import { PAGE_SIZE, peopleList } from './people-list.js';
import { defaultView, emptyFilters, filterBar, filteredCountText, hasFilters, listQuery } from './people-filters.js';
import { clearSelection, selectionBar, selectionControls, selectionState } from './people-selection.js';
import { foundElsewhere, searchBox } from './people-search.js';
import { personPanel } from './person-form.js';
import { removePerson } from './person-remove.js';
import { sampleBanner, tryButton } from './sample-workspace.js';
import { formerToggle, listOrEmpty } from './people-empty.js';

/** What the list shows and what a search found; `listed` says which list the rows belong to. */
export function peopleState() {
  return {
    query: '',
    // The sort and filters ({ filters, sort, descending }); former colleagues are a filter.
    view: defaultView(),
    // How many current people there are in all, for "42 of 1,204 people" while filtering.
    everyone: 0,
    // What the filters offer, from the core: { tags, departments, organisations, maps }.
    choices: { tags: [], departments: [], organisations: [], maps: [] },
    // What the list shows: a new search or switching lists starts again from the top.
    listed: null,
    loaded: false,
    requestNo: 0,
    // For a search: what matched in profiles, interactions, favours and promises.
    elsewhere: null,
    // Whether the sample people are there ({ present, people }), for the banner.
    sample: null,
  };
}

/** What the core is asked for: the search, the filters and the sort. */
export const queryOf = (state) => listQuery(state.query, state.view);

/** Which list `state` asks for: when it differs from the one shown, the list starts from the top. */
export const whichList = (state) => JSON.stringify(queryOf(state));

/** Where the view keeps its sort and filters between visits. */
export const VIEW_KEY = 'people-view';

export function mountPeople(ctx, openId = null) {
  const { api, store } = ctx;
  const runUndo = () => ctx.runUndo();
  const state = peopleState();
  state.view = store.get(VIEW_KEY) ?? defaultView();
  const former = () => state.view.filters.former;
  const selection = selectionState();

  const list = peopleList({
    fetchPage: (offset) => api.peoplePage(queryOf(state), offset, PAGE_SIZE),
    selectedId: () => panel.editingId(),
    onOpen: (id) => openPerson(id),
    onTotalChanged: () => render(),
    isChecked: (id) => selection.ids.has(id),
    onCheck: (id, index, { range }) => check(id, index, range),
    onSelectAll: () => selectAll(),
    onClearSelection: () => unselect(),
  });
  const filters = filterBar({
    getView: () => state.view,
    getChoices: () => state.choices,
    onChange: (view, { focusChipAt } = {}) => setView(view, { focusChipAt }),
  });
  const bar = selectionBar({
    api, selection, runUndo,
    getChoices: () => state.choices,
    onClear: () => { unselect(); list.focusRow(list.state.activeIndex); },
    async done() {
      clearSelection(selection);
      store.bump('people');
      await Promise.all([loadChoices(), reload()]);
    },
  });
  const personById = list.personById;
  const search = searchBox({
    onSearch: (text) => { state.query = text; reload(); },
    hasRows: () => list.state.total > 0,
    enterList: () => list.focusRow(0),
  });
  const addButton = h('button', { type: 'button', id: 'add-person', class: 'primary', title: keyLabel('mod+n') }, 'Add person');
  const importButton = h('button', { type: 'button', id: 'import-people', onclick: () => startImport() }, 'Import…');
  const count = h('span', { id: 'people-count', class: 'muted' });
  const listPane = h('div', { class: 'list-pane' });
  const sampleSlot = h('div', { class: 'sample-slot' });
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
    sampleSlot, filters.el, bar.el,
    h('div', { class: 'people-layout' }, listPane, panel.el));

  /** The sample people were added or removed: the list, its filters and the banner follow. */
  async function sampleChanged(focusList) {
    store.bump('people');
    panel.forgetIfClean();
    await Promise.all([loadChoices(), loadSample(), reload()]);
    if (focusList && list.state.total > 0) list.focusRow(0);
    else addButton.focus();
  }

  /** A new sort or filters: kept for the next visit, and the list starts again from the top. */
  function setView(view, { focusChipAt, focusId } = {}) {
    state.view = view;
    store.set(VIEW_KEY, view);
    panel.forgetIfClean();
    return reload(focusId).then(() => { if (focusChipAt !== undefined) filters.focusChip(focusChipAt); });
  }

  async function loadChoices() {
    try {
      state.choices = await api.peopleFilterChoices() ?? state.choices;
    } catch { /* the filters offer what they had; the list still works */ }
    filters.render();
  }

  /**
   * Whether the sample people are there, for the banner. Read when the view is shown and after
   * the sample changes (an undo shows the view afresh), not with every page of the list.
   */
  async function loadSample() {
    try {
      state.sample = await api.sampleWorkspaceStatus();
    } catch { state.sample = null; /* without the status the banner stays hidden */ }
    renderSampleBanner();
  }

  const { check, selectAll, unselect } = selectionControls({
    selection,
    cachedId: (i) => list.state.cache.row(i)?.id,
    allIds: () => api.peopleIds(queryOf(state)),
    render: () => { bar.render(); list.renderRows(); },
    countText: () => bar.el.querySelector('#selection-count').textContent,
  });

  addButton.addEventListener('click', () => panel.open('add'));

  /** The page the list starts from: the one holding `focusId` if given, else the one in view. */
  async function firstPage(focusId, fromTop) {
    const q = queryOf(state);
    if (focusId) return api.peoplePage(q, 0, PAGE_SIZE, focusId);
    const top = fromTop ? 0 : list.topRow();
    return api.peoplePage(q, pageOffset(top, PAGE_SIZE), PAGE_SIZE);
  }

  /** How many current people there are, for the count while filtering (one more call only then). */
  async function everyone() {
    if (!hasFilters(state.view.filters) || former()) return 0;
    return (await api.peoplePage({ query: '' }, 0, 1)).total;
  }

  /**
   * Loads the list again, from the page in view (a new search or list starts at the top); with
   * `focusId`, from the page holding that person, scrolled to them.
   */
  async function reload(focusId) {
    heard = store.get('people') ?? 0;
    const mine = ++state.requestNo;
    const which = whichList(state);
    const fromTop = state.listed !== which;
    try {
      const [first, found, all] = await Promise.all([
        firstPage(focusId, fromTop),
        // The list still shows if searching the rest fails.
        state.query.trim() && !former() ? api.searchEverything(state.query).catch(() => null) : null,
        everyone(),
      ]);
      if (mine !== state.requestNo) return; // a newer search has been sent meanwhile
      // Another list: what was selected in the last one is not what the bar would act on.
      if (fromTop) clearSelection(selection);
      state.everyone = all;
      const focused = list.restart(first, { fromTop, focusId });
      state.listed = which;
      state.elsewhere = found;
      state.loaded = true;
      render();
      bar.render();
      if (focused) list.focusRow(list.state.activeIndex, { focus: false });
    } catch (err) {
      replaceChildren(listPane, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function renderSampleBanner() {
    const present = Boolean(state.sample?.present);
    if (present === Boolean(sampleSlot.firstChild)) return;
    sampleSlot.replaceChildren(...(present ? [sampleBanner({ api, runUndo, done: () => sampleChanged(false) })] : []));
  }

  function render() {
    renderSampleBanner();
    if (!state.loaded) {
      listPane.replaceChildren();
      panel.render(list.state.total);
      return;
    }
    renderList();
    const searching = state.query.trim() && !former();
    if (searching && state.elsewhere) {
      listPane.append(foundElsewhere(state.elsewhere, { listed: personById, known: list.state.cache.rows(), onOpen: openHit }));
    }
    if (!searching) listPane.append(formerToggle(former(), () => setView({ ...state.view, filters: { ...state.view.filters, former: !former() } })));
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

  function renderList() {
    const { total } = list.state;
    count.textContent = filteredCountText({ shown: total, of: state.everyone, query: state.query, filters: state.view.filters });
    // No one at all: the empty state stands alone, without a search or filters to use.
    const nobody = total === 0 && state.query.trim() === '' && !hasFilters(state.view.filters);
    search.input.hidden = nobody;
    filters.el.hidden = nobody;
    filters.render();
    const main = listOrEmpty({
      total, query: state.query.trim(), filters: state.view.filters, scroller: list.scroller,
      clearFilters: () => setView({ ...state.view, filters: emptyFilters() }),
      add: (name) => panel.open('add', name === undefined ? undefined : { name }),
      startImport, tryButton: () => tryButton({ api, runUndo, done: () => sampleChanged(true) }),
    });
    // The scroll box stays in the page between renders: taking it out would lose its position.
    if (listPane.firstChild === main) {
      while (main.nextSibling) main.nextSibling.remove();
    } else {
      replaceChildren(listPane, main);
    }
    if (main === list.scroller) {
      list.list.setAttribute('aria-label', former() ? 'Former colleagues' : 'People');
      list.renderRows();
    }
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
    openImportDialog({ api, listen: ctx.listen, onDone: () => { store.bump('people'); reload(); } });
  }

  async function bringBack(person) {
    try {
      const back = await api.restorePerson(person.id);
      store.bump('people');
      panel.forget();
      state.view = { ...state.view, filters: { ...state.view.filters, former: false } };
      store.set(VIEW_KEY, state.view);
      await reload(back.id);
      openPerson(back.id);
      announce(`${labelFor(back)} is back among your people`);
    } catch (err) { panel.showError(err); }
  }

  // People changed elsewhere (a file dropped on the window was imported, another computer's
  // changes came in while a form here held typing): the list and its filter choices are read
  // again, keeping the open person and what was typed. A change made here has already reloaded
  // by the time this looks (`heard`), so it is not read twice.
  let heard = store.get('people') ?? 0;
  const stopPeople = store.on('people', (changes) => queueMicrotask(() => {
    if (changes <= heard) return;
    loadChoices();
    reload();
  }));

  /** Presenting mode changed: labels everywhere, keeping what was typed (and the journal if it holds typing). */
  const stopPresenting = onPresentingChange(() => { if (state.loaded) panel.relabel(render); });

  // The first rows first: the core answers one call at a time, so the filter choices (a pass
  // over everyone) and the sample's status are asked for once the list shows.
  const ready = reload().then(() => {
    if (openId) openPerson(openId);
    loadChoices();
    loadSample();
  });

  return {
    el,
    /** Settles once the first rows show. */
    ready,
    /** Opens a person (from a pop-up or a link), loading the list again if they are not in it. */
    async open(id) {
      if (!personById(id)) await reload(id);
      if (!personById(id) && hasFilters(state.view.filters)) {
        // Filtered out (or a former colleague while the list shows current people): the list
        // shows everyone again, so the person opens where they are.
        const isFormer = (await api.listFormerPeople()).some((p) => p.id === id);
        await setView({ ...state.view, filters: { ...emptyFilters(), former: isFormer } }, { focusId: id });
      } else if (!personById(id) && (await api.listFormerPeople()).some((p) => p.id === id)) {
        await setView({ ...state.view, filters: { ...emptyFilters(), former: true } }, { focusId: id });
      }
      openPerson(id);
    },
    focusTitle: () => el.querySelector('h1').focus(),
    handle(action) {
      switch (action) {
        case 'new-person': panel.open('add'); return true;
        case 'search': if (search.input.hidden) return false; search.input.focus(); search.input.select(); return true;
        case 'save': return panel.save();
        case 'cancel': return (!panel.isOpen && unselect()) || panel.cancel();
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
    destroy() { search.stop(); list.destroy(); stopPresenting(); stopPeople(); },
  };
}
