import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PageCache, pagesFor, rowAfterKey, scrollToShow, visibleRange } from '../../ui/lib/virtual-list.js';

const ROW = 80;

test('the rows in view, with a margin, at the top, in the middle and at the end', () => {
  const view = { viewportHeight: 400, rowHeight: ROW, total: 10_000, margin: 5 };
  assert.deepEqual(visibleRange({ ...view, scrollTop: 0 }), { start: 0, end: 10 }, 'rows 0–4 in view, 5 more below');
  assert.deepEqual(visibleRange({ ...view, scrollTop: 8000 }), { start: 95, end: 110 }, 'row 100 at the top');
  assert.deepEqual(visibleRange({ ...view, scrollTop: 8040 }), { start: 95, end: 111 }, 'half rows count as shown');
  const end = 10_000 * ROW - 400;
  assert.deepEqual(visibleRange({ ...view, scrollTop: end }), { start: 9990, end: 10_000 }, 'never past the last row');
});

test('odd inputs never give rows that do not exist', () => {
  const base = { viewportHeight: 400, rowHeight: ROW, margin: 3 };
  assert.deepEqual(visibleRange({ ...base, total: 0, scrollTop: 0 }), { start: 0, end: 0 }, 'an empty list renders nothing');
  assert.deepEqual(visibleRange({ ...base, total: 3, scrollTop: 0 }), { start: 0, end: 3 }, 'a short list renders whole');
  assert.deepEqual(visibleRange({ ...base, total: 3, scrollTop: 1e9 }), { start: 0, end: 3 }, 'a stale scrollTop past the end');
  assert.deepEqual(visibleRange({ ...base, total: 50, scrollTop: -100 }), { start: 0, end: 8 }, 'overscroll at the top');
  assert.deepEqual(visibleRange({ ...base, total: 50, scrollTop: 0, viewportHeight: 0 }), { start: 0, end: 4 },
    'a box not laid out yet still shows its first row');
});

test('the pages to fetch cover the rows to render', () => {
  assert.deepEqual(pagesFor({ start: 0, end: 10 }, 100), [0]);
  assert.deepEqual(pagesFor({ start: 95, end: 110 }, 100), [0, 1], 'a range across a page boundary needs both');
  assert.deepEqual(pagesFor({ start: 9990, end: 10_000 }, 100), [99]);
  assert.deepEqual(pagesFor({ start: 100, end: 200 }, 100), [1], 'end is exclusive');
  assert.deepEqual(pagesFor({ start: 0, end: 0 }, 100), [], 'nothing to render, nothing to fetch');
});

test('scrolling to show a row moves as little as possible', () => {
  const box = { viewportHeight: 400, rowHeight: ROW };
  assert.equal(scrollToShow(3, { ...box, scrollTop: 0 }), 0, 'already in view');
  assert.equal(scrollToShow(5, { ...box, scrollTop: 0 }), 80, 'the row below comes in at the bottom');
  assert.equal(scrollToShow(2, { ...box, scrollTop: 400 }), 160, 'the row above comes in at the top');
  assert.equal(scrollToShow(9999, { ...box, scrollTop: 0 }), 9999 * ROW + ROW - 400, 'End');
});

test('keys move through the whole list, not just the rendered rows', () => {
  assert.equal(rowAfterKey('ArrowDown', 0, 10_000, 5), 1);
  assert.equal(rowAfterKey('ArrowDown', 9999, 10_000, 5), 9999, 'stays on the last row');
  assert.equal(rowAfterKey('ArrowUp', 0, 10_000, 5), 0, 'stays on the first row');
  assert.equal(rowAfterKey('End', 3, 10_000, 5), 9999);
  assert.equal(rowAfterKey('Home', 9999, 10_000, 5), 0);
  assert.equal(rowAfterKey('PageDown', 10, 10_000, 5), 14, 'a page keeps one row in sight');
  assert.equal(rowAfterKey('PageUp', 2, 10_000, 5), 0);
  assert.equal(rowAfterKey('Enter', 2, 10_000, 5), null, 'other keys are not movement');
  assert.equal(rowAfterKey('End', 0, 0, 5), -1, 'nowhere to go in an empty list');
});

test('the cache gives rows by list position and forgets the least recently used page', () => {
  const cache = new PageCache({ pageSize: 2, maxPages: 2 });
  cache.put(0, ['a', 'b']);
  cache.put(1, ['c', 'd']);
  assert.equal(cache.row(3), 'd');
  assert.equal(cache.row(4), undefined, 'a page not fetched');
  cache.touch([0]);
  cache.put(2, ['e', 'f']);
  assert.deepEqual([cache.has(0), cache.has(1), cache.has(2)], [true, false, true], 'page 1 was used longest ago');
  cache.put(3, ['g'], [2]);
  assert.deepEqual([cache.has(0), cache.has(2), cache.has(3)], [false, true, true], 'a page still in view is kept');
  assert.deepEqual(cache.find((r) => r === 'g'), { index: 6, row: 'g' });
  assert.equal(cache.find((r) => r === 'a'), null);
  cache.clear();
  assert.equal(cache.row(4), undefined, 'a new search starts empty');
});

test('the cache may hold more than its size while every page is still wanted', () => {
  const cache = new PageCache({ pageSize: 1, maxPages: 1 });
  cache.put(0, ['a']);
  cache.put(1, ['b'], [0, 1]);
  assert.deepEqual([cache.has(0), cache.has(1)], [true, true], 'rows in view never vanish');
  cache.put(2, ['c']);
  assert.deepEqual([cache.has(0), cache.has(1), cache.has(2)], [false, false, true]);
});
