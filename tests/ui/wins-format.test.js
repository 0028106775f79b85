import { test } from 'node:test';
import assert from 'node:assert/strict';

import { HOW, gapText, howLabel, isWebLink, knownText, todayValue, toldText, winInput } from '../../ui/lib/wins-format.js';

test('every way of telling has a label, and an unknown one shows as written', () => {
  assert.deepEqual(HOW.map(([v]) => v), ['one_on_one', 'demo', 'email', 'meeting', 'other'], 'the core accepts exactly these');
  assert.equal(howLabel('demo'), 'At a demo');
  assert.equal(howLabel('smoke_signal'), 'smoke_signal');
});

test('the form becomes the core input: no goal is null, the link trimmed', () => {
  assert.deepEqual(winInput({ title: 'T', won_on: '2026-11-01', impact: 'I', map_id: '', link: ' https://x.org ' }),
    { title: 'T', won_on: '2026-11-01', impact: 'I', map_id: null, link: 'https://x.org' });
  assert.equal(winInput({ map_id: 'm1' }).map_id, 'm1');
});

test('only web addresses may be opened as links', () => {
  assert.ok(isWebLink('https://example.com/demo'));
  assert.ok(isWebLink('HTTP://example.com'));
  for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'example.com', 'https://a b', '', null]) {
    assert.equal(isWebLink(bad), false, `${bad} must stay text`);
  }
});

test('today is the local calendar day, zero-padded', () => {
  assert.equal(todayValue(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
});

test('sentences count people and name no one', () => {
  assert.equal(knownText(0), 'Nobody has heard of it yet');
  assert.equal(knownText(1), 'Known by 1 person');
  assert.equal(knownText(3), 'Known by 3 people');
  assert.equal(toldText({ how: 'email', shared_on: '2026-11-03' }, (d) => `<${d}>`), 'By email on <2026-11-03>');
  const gap = { people: [{ name: 'Dana Ng' }, { name: 'Sam' }] };
  assert.equal(gapText(gap), '2 people with power have heard of none of your recent wins.');
  assert.ok(!gapText(gap).includes('Dana'), 'names are shown through presenting mode, not in the sentence');
});
