// The People list: only the rows in view are in the page (10,000 people would make 10,000 rows
// otherwise), fetched a page at a time into a cache; one Tab stop moves through the whole list.
// Each row has a checkbox to select it (Space on a row does the same, Shift for a range).

import { h } from '../lib/dom.js';
import { modHeld } from '../lib/shortcuts.js';
import { describePerson, contactText, initials } from '../lib/format.js';
import { labelFor } from '../lib/presenting.js';
import { showToast } from '../lib/toast.js';
import { PageCache, listPadding, pagesFor, rowAfterKey, scrollToShow, visibleRange } from '../lib/virtual-list.js';

// Every row has the same height, so positions are arithmetic.
export const PAGE_SIZE = 100;
export const ROW_HEIGHT = 80; // px; the stylesheet sizes rows from --row-height
const MARGIN_ROWS = 10; // rendered beyond the view above and below, so scrolling shows no gap
const MAX_PAGES = 20; // pages kept; more are fetched again when scrolled back to

/** What the list knows: how many it holds, the pages fetched so far, and the row with the Tab stop. */
export function listState() {
  return {
    total: 0,
    cache: new PageCache({ pageSize: PAGE_SIZE, maxPages: MAX_PAGES }),
    // Bumped whenever the list starts again (a search, an edit): pages of an older list are dropped.
    generation: 0,
    inFlight: new Set(),
    activeIndex: 0,
  };
}

/** Starts the list again from its first fetched page ({ total, offset, people }). */
export function restartList(state, first) {
  state.generation += 1;
  state.inFlight = new Set();
  state.cache.clear();
  state.total = first.total;
  state.cache.put(first.offset / PAGE_SIZE, first.people);
}

/** The person with this id, if the list has fetched them. */
export function personIn(state, id) {
  return state.cache.find((p) => p.id === id)?.row ?? null;
}

/**
 * Row `i`: a placeholder while its page loads, else a checkbox (`checked` when selected) and
 * the person's name, role, tags and last contact.
 */
export function rowElement(i, { person: p, selected, label, checked }, total) {
  const position = { 'aria-setsize': String(total), 'aria-posinset': String(i + 1) };
  if (!p) {
    return h('li', position,
      h('button', { type: 'button', class: 'person-row loading', 'data-index': i, 'aria-busy': 'true' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }),
        h('span', { class: 'row-text' }, h('span', { class: 'person-placeholder' }, 'Loading…'))));
  }
  const attrs = { ...position, class: checked ? 'checked' : null };
  return h('li', attrs,
    // Off the Tab order: Space on the row selects, so the list stays one Tab stop.
    h('input', {
      type: 'checkbox', class: 'row-check', tabindex: '-1', 'data-id': p.id, 'data-index': i,
      checked: checked ? '' : null, 'aria-label': `Select ${label}`,
    }),
    h('button', {
      type: 'button', class: 'person-row', 'data-id': p.id, 'data-index': i,
      'aria-current': selected ? 'true' : null,
      'aria-description': checked ? 'selected' : null,
      title: 'Enter to open, Space to select (Shift for a range), Delete to delete',
    },
    h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(p.name)),
    h('span', { class: 'row-text' },
      h('span', { class: 'person-name' }, label),
      h('span', { class: 'person-meta' }, describePerson(p)),
      h('span', { class: 'row-foot' },
        p.tags ? h('span', { class: 'tags' }, p.tags.split(', ').map((t) => h('span', { class: 'tag' }, t))) : null,
        h('span', { class: 'person-contact' }, contactText(p))))));
}

/** The row's button (a loaded row starts with its checkbox). */
const rowButtonOf = (li) => li.querySelector('.person-row');

/**
 * The list's controller. `fetchPage(offset)` gets a page of whatever the list shows now;
 * `selectedId()` is the person open in the form; `onOpen(id)` opens a clicked row;
 * `onTotalChanged()` runs when a fetched page says the list's length changed underneath it.
 * `isChecked(id)` says who is selected; `onCheck(id, index, { range })` selects one (or a
 * range from the last); `onSelectAll()` is Ctrl+A in the list, `onClearSelection()` Escape
 * (it returns whether there was a selection to clear).
 */
export function peopleList({
  fetchPage, selectedId, onOpen, onTotalChanged,
  isChecked = () => false, onCheck = () => {}, onSelectAll = () => {}, onClearSelection = () => false,
}) {
  const state = listState();
  const list = h('ul', { id: 'people-list', class: 'people-list' });
  list.style.setProperty('--row-height', `${ROW_HEIGHT}px`);
  // The list scrolls on its own, so the search above it and the links below it stay in view.
  const scroller = h('div', { class: 'people-scroll', tabindex: '-1' }, list);
  // Rendered rows by list position: { li, person (undefined while its page loads), selected, label }.
  const rowEls = new Map();

  function currentRange() {
    return visibleRange({
      scrollTop: scroller.scrollTop, viewportHeight: scroller.clientHeight, rowHeight: ROW_HEIGHT, total: state.total, margin: MARGIN_ROWS,
    });
  }

  /**
   * Renders the rows in view and a margin, keeping those already there (and so the focus),
   * and fetches the pages they need.
   */
  function renderRows() {
    const { total } = state;
    const range = currentRange();
    const selected = selectedId();
    const padding = listPadding(range, total, ROW_HEIGHT);
    // Padding stands in for the rows not rendered, so the scroll bar spans the whole list.
    list.style.paddingTop = `${padding.top}px`;
    list.style.paddingBottom = `${padding.bottom}px`;
    const wanted = (i) => {
      const person = state.cache.row(i);
      return {
        person, selected: !!person && person.id === selected, label: person ? labelFor(person) : '', checked: !!person && isChecked(person.id),
      };
    };
    let focusLost = false;
    for (const [i, row] of rowEls) {
      const want = wanted(i);
      const same = row.person === want.person && row.selected === want.selected && row.label === want.label
        && row.checked === want.checked && row.li.getAttribute('aria-setsize') === String(total);
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
        row.li = rowElement(i, row, total);
        rowEls.set(i, row);
        list.insertBefore(row.li, next);
      }
      next = row.li;
    }
    // One Tab stop in the list: the active row, or the first in view when it is scrolled away.
    const tabStop = rowEls.has(state.activeIndex) ? state.activeIndex : range.start;
    for (const [i, row] of rowEls) rowButtonOf(row.li).tabIndex = i === tabStop ? 0 : -1;
    if (focusLost) (rowEls.has(state.activeIndex) ? rowButtonOf(rowEls.get(state.activeIndex).li) : scroller).focus({ preventScroll: true });
    fetchPages(range);
  }

  /**
   * Fetches the pages holding rows [start, end) that are neither here nor on their way. Then,
   * while nothing else is on its way, reads ahead one page at a time: the page after them and
   * the list's last page, so reading on and jumping to the end (End, the scroll bar dragged
   * down) find their people already here. A page scrolled to waits for one page read ahead at
   * most, however slow a page is to read (some sorts at ten years of data).
   */
  function fetchPages(range) {
    const wanted = pagesFor(range, PAGE_SIZE);
    state.cache.touch(wanted);
    for (const page of wanted) fetchOne(page);
    if (state.inFlight.size > 0 || wanted.length === 0) return;
    const last = Math.max(0, Math.ceil(state.total / PAGE_SIZE) - 1);
    const ahead = [wanted.at(-1) + 1, last].find((p) => p <= last && !state.cache.has(p));
    if (ahead !== undefined) fetchOne(ahead);
  }

  function fetchOne(page) {
    if (state.cache.has(page) || state.inFlight.has(page)) return;
    const mine = state.generation;
    const pending = state.inFlight;
    pending.add(page);
    Promise.resolve(fetchPage(page * PAGE_SIZE))
      .then((got) => {
        pending.delete(page);
        if (destroyed || mine !== state.generation) return;
        const inView = pagesFor(currentRange(), PAGE_SIZE);
        state.cache.put(page, got.people, inView);
        if (got.total !== state.total) {
          // The list changed meanwhile (an import, another window): show its new length.
          state.total = got.total;
          onTotalChanged();
        } else if (inView.includes(page)) {
          scheduleRows(); // which fetches what is still missing, and reads on ahead
        } else {
          fetchPages(currentRange());
        }
      })
      .catch((err) => {
        pending.delete(page);
        // A page read ahead that failed is asked for again when it is needed, and says so then.
        if (!destroyed && mine === state.generation && pagesFor(currentRange(), PAGE_SIZE).includes(page)) showToast(err.message);
      });
  }

  let frame = 0;
  let destroyed = false;
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
    if (i < 0 || i >= state.total) return;
    state.activeIndex = i;
    scroller.scrollTop = scrollToShow(i, { scrollTop: scroller.scrollTop, viewportHeight: scroller.clientHeight, rowHeight: ROW_HEIGHT });
    renderRows();
    if (focus && rowEls.has(i)) rowButtonOf(rowEls.get(i).li).focus({ preventScroll: true });
  }

  scroller.addEventListener('click', (e) => {
    const check = e.target.closest('.row-check');
    const row = e.target.closest('.person-row[data-id]');
    if (check) {
      const { id } = check.dataset;
      // The box shows the selection, also when a range kept it checked.
      Promise.resolve(onCheck(id, Number(check.dataset.index), { range: e.shiftKey })).then(() => { check.checked = isChecked(id); });
    } else if (row && e.shiftKey) {
      // Shift-click on a row selects the range up to it, as on its checkbox.
      e.preventDefault();
      onCheck(row.dataset.id, Number(row.dataset.index), { range: true });
    } else if (row) {
      onOpen(row.dataset.id);
    }
  });
  scroller.addEventListener('focusin', (e) => {
    const row = e.target.closest('.person-row');
    if (row) state.activeIndex = Number(row.dataset.index);
  });
  // Arrows, Page Up/Down, Home and End move through the whole list, fetching rows as needed.
  scroller.addEventListener('keydown', (e) => {
    const row = e.target.closest('.person-row');
    if (!row && e.target !== scroller) return;
    if (modHeld(e) && (e.key === 'a' || e.key === 'A')) {
      e.preventDefault();
      onSelectAll();
      return;
    }
    if (e.key === 'Escape' && onClearSelection()) {
      e.preventDefault();
      e.stopPropagation();
      return;
    }
    if (e.key === ' ' && row?.dataset.id) {
      e.preventDefault(); // not a click: Space selects, Enter opens
      onCheck(row.dataset.id, Number(row.dataset.index), { range: e.shiftKey });
      return;
    }
    const from = row ? Number(row.dataset.index) : state.activeIndex;
    const to = rowAfterKey(e.key, from, state.total, Math.floor(scroller.clientHeight / ROW_HEIGHT));
    if (to === null || to < 0) return;
    e.preventDefault();
    focusRow(to);
  });

  return {
    state,
    list,
    scroller,
    renderRows,
    focusRow,
    /** The first row of the page in view: where a reload that keeps the scroll position starts. */
    topRow: () => Math.floor(scroller.scrollTop / ROW_HEIGHT),
    /**
     * Starts again from `first`, scrolled to the top if `fromTop`, with the Tab stop on `focusId`
     * when that page holds them; says whether it did.
     */
    restart(first, { fromTop, focusId }) {
      restartList(state, first);
      if (fromTop) {
        scroller.scrollTop = 0;
        state.activeIndex = 0;
      }
      state.activeIndex = Math.min(state.activeIndex, Math.max(0, state.total - 1));
      const focusAt = focusId ? first.people.findIndex((p) => p.id === focusId) : -1;
      if (focusAt >= 0) state.activeIndex = first.offset + focusAt;
      return focusAt >= 0;
    },
    personById: (id) => personIn(state, id),
    /** The rendered row button of the person with this id, if it is in the page. */
    rowButton: (id) => [...list.querySelectorAll('.person-row[data-id]')].find((b) => b.dataset.id === id) ?? null,
    destroy() {
      destroyed = true;
      cancelAnimationFrame(frame);
    },
  };
}
