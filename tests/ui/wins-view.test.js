import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { setPresentingMode } from '../../ui/lib/presenting.js';
import { mountWins } from '../../ui/views/wins.js';
import { personWins } from '../../ui/views/person-wins.js';

const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const click = (el) => el.dispatchEvent(new Event('click'));

const win = (extra = {}) => ({
  id: 'w1', title: 'Cut builds in half', won_on: '2026-11-01', impact: 'Saved a day a week', map_id: 'm1',
  map_name: 'Promotion', link: 'javascript:alert(1)', known_by: 1, ...extra,
});
const share = { id: 's1', win_id: 'w1', win_title: 'Cut builds in half', won_on: '2026-11-01', person_id: 'p1', name: 'Dana Ng', role: 'VP', shared_on: '2026-11-03', how: 'demo' };
const dana = { id: 'p1', name: 'Dana Ng', role: 'VP' };

async function mount(answers = {}, openId = null) {
  resetPage();
  for (const d of document.querySelectorAll('dialog')) d.remove();
  const api = fakeApi({
    listWins: [win()], getWin: { ...win(), shares: [share] }, listMaps: [{ id: 'm1', name: 'Promotion' }],
    listPeople: [dana], ...answers,
  });
  const ctx = fakeContext(api);
  const view = mountWins(ctx, openId);
  document.getElementById('main').append(view.el);
  await settle();
  return { api, ctx, view, $: (sel) => view.el.querySelector(sel) };
}

afterEach(() => setPresentingMode('names'));

test('the list shows each win, its goal, and a link only as text', async () => {
  const { $ } = await mount();
  const item = $('li[data-id="w1"]');
  assert.equal(textOf(item.querySelector('.win-title')), 'Cut builds in half');
  assert.equal(item.querySelector('.win-meta a').getAttribute('href'), '#/map/m1');
  assert.equal(textOf(item.querySelector('.win-link-text')), 'javascript:alert(1)');
  assert.equal(item.querySelector('.win-link a'), null, 'a typed link never becomes a link the app follows');
  assert.equal(textOf(item.querySelector('.win-known')), 'Known by 1 person');
  assert.equal(item.querySelector('.win-who').getAttribute('aria-expanded'), 'false');
});

test('an empty log says what to do', async () => {
  const { $ } = await mount({ listWins: [] });
  assert.match(textOf($('#wins-empty')), /^No wins logged yet/);
});

test('"Who knows" lists the tellings, names hidden while presenting', async () => {
  const { $, api } = await mount();
  click($('li[data-id="w1"] .win-who'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['getWin', 'w1']);
  const li = $('#win-shares-w1 li[data-id="s1"]');
  assert.equal(textOf(li.querySelector('.share-person')), 'Dana Ng');
  assert.match(textOf(li), /At a demo on/);
  setPresentingMode('initials');
  await settle();
  assert.equal(textOf($('#win-shares-w1 .share-person')), 'DN');
});

test('opening #/wins/<id> shows that win’s tellings at once', async () => {
  const { $ } = await mount({}, 'w1');
  assert.ok($('#win-shares-w1'), 'the tellings show');
  assert.equal($('li[data-id="w1"] .win-who').getAttribute('aria-expanded'), 'true');
});

test('logging a win sends the form as the core takes it and offers Undo', async () => {
  const { $, api, ctx } = await mount({ createWin: { ...win({ id: 'w2', title: 'Shipped' }), shares: [] } });
  click($('#win-add'));
  await settle();
  const dialog = document.getElementById('win-dialog');
  assert.ok(dialog.hasAttribute('open'));
  dialog.querySelector('#win-title').value = 'Shipped';
  dialog.querySelector('#win-won_on').value = '2026-11-20';
  submit(dialog.querySelector('form'));
  await settle();
  const sent = api.calls.find((c) => c[0] === 'createWin')[1];
  assert.deepEqual(sent, { title: 'Shipped', won_on: '2026-11-20', impact: '', map_id: null, link: '' });
  const undo = document.getElementById('toast-undo');
  assert.ok(undo, 'the change offers Undo');
  click(undo);
  assert.equal(ctx.undos, 1);
});

test('a refused win shows the message at its field', async () => {
  const err = new ApiError({ code: 'wins.title_required', field: 'title', message: 'Say what you achieved.' });
  const { $ } = await mount({ createWin: err });
  click($('#win-add'));
  await settle();
  const dialog = document.getElementById('win-dialog');
  submit(dialog.querySelector('form'));
  await settle();
  assert.equal(textOf(dialog.querySelector('#win-title-error')), 'Say what you achieved.');
  assert.equal(dialog.querySelector('#win-title').getAttribute('aria-invalid'), 'true');
});

test('Tell someone records who, when and how, and says who now knows', async () => {
  const { $, api } = await mount({ tellWin: { ...win(), shares: [share] } });
  click($('li[data-id="w1"] .win-tell'));
  await settle();
  const dialog = document.getElementById('tell-dialog');
  dialog.querySelector('#tell-shared_on').value = '2026-11-03';
  dialog.querySelector('#tell-how').value = 'email';
  submit(dialog.querySelector('form'));
  await settle();
  assert.deepEqual(api.calls.find((c) => c[0] === 'tellWin'), ['tellWin', 'w1', { person_id: 'p1', shared_on: '2026-11-03', how: 'email' }]);
  assert.match(textOf(document.getElementById('toasts')), /Dana Ng now knows of/);
});

test('deleting a win is one call, with Undo', async () => {
  const { $, api } = await mount();
  click($('li[data-id="w1"] .win-delete'));
  await settle();
  assert.deepEqual(api.calls.find((c) => c[0] === 'deleteWin'), ['deleteWin', 'w1']);
  assert.ok(document.getElementById('toast-undo'));
});

test('a person’s page lists what they know of your work', async () => {
  resetPage();
  const api = fakeApi({ personWins: [share] });
  const section = personWins(dana, { api });
  await settle();
  assert.equal(textOf(section.el.querySelector('h3')), 'What they know of your work');
  const link = section.el.querySelector('li[data-id="s1"] a');
  assert.equal(link.getAttribute('href'), '#/wins/w1');
  assert.equal(textOf(link), 'Cut builds in half');

  const none = personWins(dana, { api: fakeApi({ personWins: [] }) });
  await settle();
  assert.match(textOf(none.el), /Dana Ng has heard of none of your wins yet/);
});
