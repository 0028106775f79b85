import './support/dom.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h, replaceChildren, updateChildren } from '../../ui/lib/dom.js';

test('user text becomes text, never markup', () => {
  const hostile = '<img src=x onerror=alert(1)>';
  const el = h('p', { title: hostile, 'data-x': 1 }, 'Hi ', hostile, null, false, ['a', 2]);
  assert.equal(el.querySelector('img'), null, 'no element is made from the text');
  assert.equal(el.textContent, `Hi ${hostile}a2`);
  assert.equal(el.getAttribute('title'), hostile, 'attributes hold the text as written');
});

test('handlers are listeners and replaceChildren drops what was there', () => {
  let clicks = 0;
  const button = h('button', { onclick: () => { clicks += 1; } }, 'Go');
  button.dispatchEvent(new Event('click'));
  assert.equal(clicks, 1);
  const box = h('div', {}, 'old');
  replaceChildren(box, h('span', {}, 'new'));
  assert.equal(box.innerHTML, '<span>new</span>');
});

test('updateChildren keeps the rows that did not change and touches nothing when none did', () => {
  const row = (key, text) => h('li', { 'data-key': key }, text);
  const list = h('ul', {}, row('a', 'Ann'), row('b', 'Ben'), row('c', 'Cy'));
  const [ann, ben, cy] = list.children;
  let changes = 0;
  const watch = list.insertBefore.bind(list);
  list.insertBefore = (...args) => { changes += 1; return watch(...args); };
  updateChildren(list, row('a', 'Ann'), row('b', 'Ben'), row('c', 'Cy'));
  assert.equal(changes, 0, 'the same rows: nothing moved');
  assert.deepEqual([...list.children], [ann, ben, cy]);

  updateChildren(list, row('c', 'Cy'), row('b', 'Ben, changed'), row('a', 'Ann'), row('d', 'Dee'));
  const [first, second, third, fourth] = list.children;
  assert.equal(first, cy, 'a row that moved is the same node');
  assert.notEqual(second, ben, 'a changed row is the new one');
  assert.equal(second.textContent, 'Ben, changed');
  assert.equal(third, ann);
  assert.equal(fourth.textContent, 'Dee');
  assert.equal(list.children.length, 4);
  assert.equal(ben.isConnected, false, 'the old row left');

  updateChildren(list, 'Nothing here', null, [row('a', 'Ann')]);
  assert.equal(list.textContent, 'Nothing hereAnn', 'text and arrays are children as in h()');
  assert.equal(list.lastChild, ann);
});

test('updateChildren gives text typed in a changed row to the new field of the same id', () => {
  const row = (due) => h('li', {}, h('input', { id: 'note-1' }), h('span', {}, due), h('input', { id: 'note-2' }));
  const list = h('ul', {}, row('due today'));
  list.querySelector('#note-1').value = 'Talked about the reorg';
  updateChildren(list, row('due yesterday'));
  assert.equal(list.textContent, 'due yesterday');
  assert.equal(list.querySelector('#note-1').value, 'Talked about the reorg', 'the typed text moved over');
  assert.equal(list.querySelector('#note-2').value, '', 'an empty field stays empty');
});
