import './support/dom.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { h, replaceChildren } from '../../ui/lib/dom.js';

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
