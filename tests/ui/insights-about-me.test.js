import { fakeApi, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { aboutMeCards } from '../../ui/views/insights-about-me.js';

const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click'));

const insights = {
  about: { department: 'Platform', level: 'Senior engineer', manager_id: 'b1', organisation: 'Acme' },
  manager: { person_id: 'b1', name: 'Bo Boss', role: 'Director', department: 'Platform', ally: false },
  allies: 3, outside_department: 0, senior: 1, peer: 2, junior: 0, no_level: 0, one_department: 'Platform',
  boss_peers: [{ person_id: 'x1', name: 'Xi Lead', role: 'Director', department: 'Sales', ally: false }],
  gaps: [{ code: 'about_me.boss_not_ally', text: 'Your manager is not an ally yet.' }],
};
const gap = { map_id: 'm1', map_name: 'Promotion', people: [{ person_id: 'v1', name: 'Vera Vice', role: 'VP', power: 0.9 }], suggested: { win_id: 'w1', title: 'Shipped', won_on: '2026-11-01' } };

async function mount(answers = {}) {
  resetPage();
  for (const d of document.querySelectorAll('dialog')) d.remove();
  const api = fakeApi({ aboutMeInsights: insights, winsGap: [gap], listPeople: [{ id: 'b1', name: 'Bo Boss', role: 'Director' }], ...answers });
  let undos = 0;
  const cards = aboutMeCards({ api, runUndo: () => { undos += 1; } });
  document.getElementById('main').append(cards.about, cards.known);
  await settle();
  return { api, cards, undos: () => undos };
}

afterEach(() => setPresentingMode('names'));

test('About me says where you sit, whether the boss is an ally, and the named gaps', async () => {
  const { cards } = await mount();
  const $ = (sel) => cards.about.querySelector(sel);
  assert.equal(textOf($('#about-me-summary')), 'You: Senior engineer, Platform, Acme.');
  assert.equal(textOf($('#about-me-boss')), 'Your manager Bo Boss is not an ally yet.');
  assert.equal(textOf($('#about-me-levels')), '3 allies: 1 senior, 2 peer, 0 junior. 0 outside your department.');
  assert.equal(textOf($('#about-me-boss-peers li')), 'Xi Lead');
  assert.equal($('#about-me-gaps li').className, 'insight-gap gap-boss_not_ally');
});

test('names follow presenting mode', async () => {
  const { cards } = await mount();
  setPresentingMode('roles');
  await settle();
  assert.equal(textOf(cards.about.querySelector('#about-me-boss a')), 'Director');
  assert.equal(textOf(cards.known.querySelector('.gap-people a')), 'VP');
});

test('the gap names the goal and the win to tell, linking to it', async () => {
  const { cards } = await mount();
  const li = cards.known.querySelector('li[data-id="m1"]');
  assert.match(textOf(li), /^Promotion: 1 person with power has heard of none of your recent wins\. Vera Vice/);
  assert.equal(li.querySelector('.gap-suggested a').getAttribute('href'), '#/wins/w1');
});

test('the About me form saves once and offers Undo', async () => {
  const { cards, api, undos } = await mount({ saveAboutMe: insights.about });
  click(cards.about.querySelector('#about-me-edit'));
  await settle();
  const dialog = document.getElementById('about-dialog');
  assert.equal(dialog.querySelector('#about-department').value, 'Platform');
  dialog.querySelector('#about-level').value = 'Staff engineer';
  submit(dialog.querySelector('form'));
  await settle();
  assert.deepEqual(api.calls.find((c) => c[0] === 'saveAboutMe')[1],
    { department: 'Platform', level: 'Staff engineer', manager_id: 'b1', organisation: 'Acme' });
  click(document.getElementById('toast-undo'));
  assert.equal(undos(), 1);
});
