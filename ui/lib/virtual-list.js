// The arithmetic of a long list that shows only what is in view: which rows to render for a
// scroll position, which pages of rows to fetch, and a cache of fetched pages. No DOM.

/**
 * The rows to render, [start, end), for a list of `total` rows of `rowHeight` px scrolled to
 * `scrollTop` in a box `viewportHeight` px high, with `margin` extra rows above and below so
 * a short scroll never shows a gap.
 */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, total, margin = 0 }) {
  if (!(total > 0) || !(rowHeight > 0)) return { start: 0, end: 0 };
  const top = Math.max(0, Number(scrollTop) || 0);
  const height = Math.max(0, Number(viewportHeight) || 0);
  const first = Math.min(total - 1, Math.floor(top / rowHeight));
  const last = Math.min(total, Math.ceil((top + height) / rowHeight));
  return { start: Math.max(0, first - margin), end: Math.min(total, Math.max(last, first + 1) + margin) };
}

/** The page numbers (of `pageSize` rows) holding rows [start, end). */
export function pagesFor({ start, end }, pageSize) {
  if (end <= start) return [];
  const pages = [];
  for (let p = Math.floor(start / pageSize); p * pageSize < end; p += 1) pages.push(p);
  return pages;
}

/** The offset of the page (of `pageSize` rows) holding row `index`. */
export function pageOffset(index, pageSize) {
  return index - (index % pageSize);
}

/** A page of a list held whole, in the shape a fetched page has: { total, offset, people }. */
export function pageOf(rows, offset, pageSize) {
  return { total: rows.length, offset, people: rows.slice(offset, offset + pageSize) };
}

/** Padding, in px, standing in for the rows above and below `range` that are not rendered. */
export function listPadding({ start, end }, total, rowHeight) {
  return { top: start * rowHeight, bottom: (total - end) * rowHeight };
}

/**
 * The scrollTop that brings row `index` fully into view, moving as little as possible;
 * the current one if it is already in view.
 */
export function scrollToShow(index, { scrollTop, viewportHeight, rowHeight }) {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** The row a key moves to from `index` in a list of `total` with `perView` rows in view. */
export function rowAfterKey(key, index, total, perView) {
  if (total <= 0) return -1;
  const page = Math.max(1, perView - 1);
  const to = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: total - 1,
  }[key];
  if (to === undefined) return null;
  return Math.max(0, Math.min(total - 1, to));
}

/**
 * Fetched pages of one list, at most `maxPages` kept: the least recently used go first, but
 * never one still wanted (`keep`). Pages are numbered from 0, each `pageSize` rows long.
 */
export class PageCache {
  constructor({ pageSize, maxPages }) {
    this.pageSize = pageSize;
    this.maxPages = maxPages;
    // Page number -> rows; Map order is the order of last use, oldest first.
    this.pages = new Map();
  }

  /** The row at list position `index`, or undefined if its page is not here. */
  row(index) {
    const page = this.pages.get(Math.floor(index / this.pageSize));
    return page?.[index % this.pageSize];
  }

  has(page) {
    return this.pages.has(page);
  }

  /** Marks pages as just used, so they are the last to be evicted. */
  touch(pages) {
    for (const p of pages) {
      const rows = this.pages.get(p);
      if (rows) {
        this.pages.delete(p);
        this.pages.set(p, rows);
      }
    }
  }

  /** Stores a fetched page, then evicts beyond `maxPages`, sparing those in `keep`. */
  put(page, rows, keep = []) {
    this.pages.delete(page);
    this.pages.set(page, rows);
    const spare = new Set([...keep, page]);
    for (const p of [...this.pages.keys()]) {
      if (this.pages.size <= this.maxPages) break;
      if (!spare.has(p)) this.pages.delete(p);
    }
  }

  /** The first row anywhere in the cache for which `test(row)` holds, with its position. */
  find(test) {
    for (const [p, rows] of this.pages) {
      const i = rows.findIndex(test);
      if (i >= 0) return { index: p * this.pageSize + i, row: rows[i] };
    }
    return null;
  }

  /** Every row fetched, page by page in order of last use. */
  rows() {
    return [...this.pages.values()].flat();
  }

  clear() {
    this.pages.clear();
  }
}
