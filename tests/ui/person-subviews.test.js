// A person's sub-views and the dialogs People opens talk to the api they are given (the view's
// ctx.api), never to a module of their own: a fake one sees every call.
import { click, mountWith, peopleAnswers, person, settle, type } from './support/people.js';
import { readFileSync } from 'node:fs';
import { fakeApi, fakeContext, resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { personNetwork } from '../../ui/views/person-network.js';
import { FIRST_MEETING_PROMPT, personJournal } from '../../ui/views/person-journal.js';
import { logInteractionWith, thankFor } from '../../ui/views/quick-actions.js';
import { openImportDialog } from '../../ui/views/import-dialog.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const DANA = person(1, { name: 'Dana Ng' });

test('a person\'s connections load and add links through the api given', async () => {
  const api = fakeApi(peopleAnswers([DANA, person(2, { name: 'Sam Patel' })], {
    personLinks: [{ id: 'l1', from_id: 'p1', to_id: 'p2', kind: 'reports_to', strength: 'strong', note: '', to_name: 'Sam Patel' }],
    addLink: {},
  }));
  const network = personNetwork(DANA, { api, runUndo() {} });
  document.body.append(network.el);
  await settle();
  assert.deepEqual(api.calls.slice(0, 3), [['listPeople', ''], ['personLinks', 'p1'], ['introPaths', 'p1']]);
  assert.equal(textOf(network.el.querySelector('#links .ledger-text')), 'Dana Ng reports to Sam Patel · strong');
  network.el.querySelector('#link-to_id option[value="p2"]').setAttribute('selected', ''); // linkedom: no select.value setter
  type(network.el.querySelector('#link-note'), 'weekly 1:1');
  submit(network.el.querySelector('#link-form'));
  await settle();
  const [, input] = api.calls.find(([name]) => name === 'addLink');
  assert.equal(input.from_id, 'p1');
  assert.equal(input.to_id, 'p2');
  assert.equal(input.note, 'weekly 1:1');
});

test('deleting a link goes through the api given, and its Undo asks the app to undo', async () => {
  let links = [{ id: 'l1', from_id: 'p1', to_id: 'p2', kind: 'reports_to', strength: 'strong', note: '', to_name: 'Sam Patel' }];
  const api = fakeApi(peopleAnswers([DANA, person(2, { name: 'Sam Patel' })], {
    personLinks: () => links,
    deleteLink: (id) => { links = links.filter((l) => l.id !== id); return null; },
  }));
  let undos = 0;
  const network = personNetwork(DANA, { api, runUndo() { undos += 1; } });
  document.body.append(network.el);
  await settle();
  api.calls.length = 0;
  click(network.el.querySelector('#links button[aria-label="Delete the link “Dana Ng reports to Sam Patel”"]'));
  await settle();
  assert.deepEqual(api.calls.slice(0, 2), [['deleteLink', 'l1'], ['listPeople', '']]);
  assert.ok(api.calls.some(([name]) => name === 'personLinks'), 'the links are read again');
  assert.match(textOf(network.el.querySelector('#links')), /^No links yet\./);
  assert.equal(textOf($('#toasts .toast > span')), 'Deleted the link');
  api.calls.length = 0;
  click($('#toast-undo'));
  await settle();
  assert.equal(undos, 1, 'the Undo is the app\'s');
  assert.deepEqual(api.calls, [], 'the view restores nothing itself');
});

test('the journal, its ledger and its network all load through the api given', async () => {
  const api = fakeApi(peopleAnswers([DANA], { logInteraction: {} }));
  const journal = personJournal(DANA, { api, runUndo() {}, onChange() {} });
  document.body.append(journal.el);
  await settle();
  const asked = new Set(api.calls.map(([name, id]) => `${name} ${id ?? ''}`.trim()));
  for (const call of ['getProfile p1', 'personStances p1', 'personTimelinePage p1', 'listFavours p1', 'listPromises p1', 'listConflicts p1', 'personLinks p1', 'introPaths p1']) {
    assert.ok(asked.has(call), `${call} was asked of the api given`);
  }
  assert.equal(textOf($('#timeline-empty')).startsWith('Nothing logged with Dana Ng yet.'), true);
  type($('#interaction-notes'), 'Talked about the reorg');
  assert.equal(journal.isDirty(), true, 'typed text counts as unsaved');
  submit($('#log-form'));
  await settle();
  const [, input] = api.calls.find(([name]) => name === 'logInteraction');
  assert.deepEqual(input.people, ['p1']);
  assert.equal(input.notes, 'Talked about the reorg');
  assert.equal(journal.isDirty(), false);
});

test('quick actions take the api first: logging an interaction and a thank-you', async () => {
  const api = fakeApi({ logInteraction: { id: 'i1' }, thankFavour: { id: 'f1' } });
  const logged = logInteractionWith(api, DANA, 'one_on_one');
  assert.match(textOf($('#quick-log-dialog-title')), /^Log an interaction with Dana Ng$/);
  submit($('#quick-log-dialog form'));
  assert.deepEqual(await logged, { id: 'i1' });
  const [name, input] = api.calls.find(([n]) => n === 'logInteraction');
  assert.equal(name, 'logInteraction');
  assert.equal(input.kind, 'one_on_one');
  assert.deepEqual(input.people, ['p1']);
  assert.equal($('#quick-log-dialog'), null, 'the dialog closes');
  const thanked = thankFor(api, { favour_id: 'f1', name: 'Dana Ng', description: 'Reviewed my doc' });
  type($('#quick-thank-how'), 'Coffee');
  submit($('#quick-thank-dialog form'));
  assert.deepEqual(await thanked, { id: 'f1' });
  assert.deepEqual(api.calls.at(-1), ['thankFavour', 'f1', 'Coffee', ''], 'no impact typed: an empty one');
});

test('the quick log asks "how can we help each other?" only before anything is logged with them', async () => {
  const COFFEE = { id: 'i1', occurred_at: '2026-03-02T10:00:00Z', kind: 'coffee', notes: '', follow_up: '', people: [{ id: 'p1', name: 'Dana Ng' }] };
  for (const [page, first] of [
    [{ interactions: [], older: null }, true],
    [{ interactions: [COFFEE], older: null }, false],
    [{ interactions: [], older: 'cursor' }, false],
    [new Error('offline'), false],
  ]) {
    const api = fakeApi({ personTimelinePage: page });
    const logged = logInteractionWith(api, DANA);
    await settle();
    assert.deepEqual(api.calls[0], ['personTimelinePage', 'p1'], 'it reads whether anything was logged with them');
    const prompt = $('#quick-log-first-meeting');
    assert.equal(prompt.hidden, !first, `prompt shown: ${first} for ${JSON.stringify(page)}`);
    assert.equal(textOf(prompt), FIRST_MEETING_PROMPT);
    const placeholder = $('#quick-log-notes').getAttribute('placeholder') ?? '';
    assert.equal(/help each other/.test(placeholder), first);
    click($('#quick-log-dialog .dialog-cancel'));
    assert.equal(await logged, null);
  }
});

test('the import dialog previews and imports through the api given, with its progress, then says it is done', async () => {
  const preview = { unit: 'row', new: 2, duplicates: [], problems: [], sample: [{ person: { name: 'Kim Lee', role: 'CTO', organisation: '' } }], notice: null };
  const shell = fakeContext(null);
  let midway = null;
  const api = fakeApi({
    chooseFileToOpen: '/home/me/Downloads/Connections.csv',
    importPreview: { preview, mapping: null, headers: [] },
    importApply: () => {
      shell.emit('import-progress', { done: 1, total: 2 });
      midway = [$('#import-progress').value, $('#import-progress').max];
      return { added: 2, merged: 0, skipped: 0, problems: [] };
    },
  });
  const done = [];
  openImportDialog({ api, listen: shell.listen, onDone: (s) => done.push(s) });
  click($('#import-choose'));
  await settle();
  assert.deepEqual(api.calls[0], ['chooseFileToOpen', 'people'], 'the system\'s open dialog is asked for a file of people');
  assert.equal(textOf($('#import-file-name')), 'Connections.csv', 'the chosen file is named');
  assert.deepEqual(api.calls[1], ['importPreview', 'linkedin', '/home/me/Downloads/Connections.csv', null],
    'the core reads the chosen path; the name says it is LinkedIn\'s');
  assert.equal(textOf($('#import-summary')), '2 new people.');
  assert.equal(textOf($('#import-confirm')), 'Import 2 people');
  click($('#import-confirm'));
  await settle();
  assert.deepEqual(api.calls[2], ['importApply', 'linkedin', '/home/me/Downloads/Connections.csv', null, 'merge']);
  assert.equal(textOf($('#import-done')), 'Added 2, merged 0, skipped 0.');
  assert.equal(done.length, 1);
  assert.deepEqual(midway, ['1', '2'], 'the bar follows the shell\'s progress events');
  assert.equal(shell.heard.get('import-progress').size, 0, 'and stops listening once done');
});

test('cards that are not people are shown apart from the errors, as skipped', async () => {
  const preview = {
    unit: 'card', new: 1, duplicates: [], sample: [], notice: null,
    problems: [{ row: 3, reason: 'it has no name (FN or N)' }],
    not_people: [{ row: 1, reason: 'a company card, \u2068<b>Acme</b>\u2069 (KIND:org)' }, { row: 2, reason: 'a group, \u2068Book club\u2069 (KIND:group)' }],
  };
  const api = fakeApi({
    importPreview: { preview, mapping: null, headers: [] },
    importApply: { added: 1, merged: 0, skipped: 0, problems: preview.problems, not_people: preview.not_people },
  });
  openImportDialog({ api, listen: fakeContext(null).listen, onDone() {}, path: '/tmp/people.vcf' });
  await settle();
  assert.equal(textOf($('#import-summary')), '1 new person, 2 skipped (not a person), 1 card that cannot be imported.');
  assert.equal($('#import-not-people summary').textContent, 'Skipped, not a person (2)');
  assert.deepEqual([...$('#import-not-people').querySelectorAll('li')].map(textOf),
    ['Card 1: a company card, \u2068<b>Acme</b>\u2069 (KIND:org)', 'Card 2: a group, \u2068Book club\u2069 (KIND:group)'],
    'each with its reason, as text');
  assert.equal($('#import-not-people b'), null, 'a name in a card is never markup');
  assert.equal($('#import-not-people').closest('.import-problems'), null, 'not among the errors');
  assert.equal($('#import-problems summary').textContent, 'Cards that cannot be imported (1)');
  click($('#import-confirm'));
  await settle();
  assert.equal(textOf($('#import-done')), 'Added 1, merged 0, skipped 0; 2 cards skipped (not a person); 1 card could not be imported.');
});

test('cancelling the open dialog reads nothing and keeps the dialog as it was', async () => {
  const api = fakeApi({ chooseFileToOpen: null });
  openImportDialog({ api, onDone() {} });
  click($('#import-choose'));
  await settle();
  assert.deepEqual(api.calls, [['chooseFileToOpen', 'people']], 'no preview without a file');
  assert.equal(textOf($('#import-file-name')), 'No file chosen');
  assert.equal($('#import-error'), null, 'cancelling is not an error');
  assert.equal($('#import-confirm').disabled, true);
});

test('a dropped file\'s preview shows at once, its error naming the file', async () => {
  const api = fakeApi({ importPreview: new Error('Allies could not read /tmp/people.vcf: it is a folder, not a file.') });
  openImportDialog({ api, listen: fakeContext(null).listen, onDone() {}, path: '/tmp/people.vcf' });
  await settle();
  assert.deepEqual(api.calls, [['importPreview', 'vcard', '/tmp/people.vcf', null]], 'a .vcf file is read as vCard');
  assert.match(textOf($('#import-error')), /people\.vcf/);
});

test('importing from People reads the list again and tells other views people changed', async () => {
  const preview = { unit: 'row', new: 1, duplicates: [], problems: [], sample: [], notice: null };
  const { api, ctx, el } = await mountWith(peopleAnswers([DANA], {
    chooseFileToOpen: '/home/me/people.vcf',
    importPreview: { preview, mapping: null, headers: [] },
    importApply: { added: 1, merged: 0, skipped: 0, problems: [] },
  }));
  click(el.querySelector('#import-people'));
  click($('#import-choose'));
  await settle();
  assert.equal(api.calls.at(-1)[1], 'vcard', 'the format follows the file name');
  api.calls.length = 0;
  click($('#import-confirm'));
  await settle();
  assert.deepEqual(api.calls.map(([name]) => name), ['importApply', 'peoplePage']);
  assert.equal(ctx.store.get('people'), 1);
});

test('People and its parts never import the api module\'s own instance', () => {
  const files = ['people.js', 'people-list.js', 'people-search.js', 'person-form.js', 'person-remove.js',
    'person-journal.js', 'person-profile.js', 'person-interactions.js', 'person-ledger.js', 'person-favours.js', 'person-promises.js', 'person-conflicts.js', 'ledger-parts.js', 'person-network.js', 'quick-actions.js', 'import-dialog.js'];
  for (const name of files) {
    const source = readFileSync(new URL(`../../ui/views/${name}`, import.meta.url), 'utf8');
    assert.doesNotMatch(source, /import\s*\{[^}]*\bapi\b[^}]*\}\s*from\s*'\.\.\/lib\/api\.js'/, name);
  }
});
