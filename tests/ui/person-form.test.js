// The person form over a fake api: adding, editing, errors at their field, and typed text
// never lost without asking.
import { callsTo, click, mountWith, people, peopleAnswers, person, settle, type } from './support/people.js';
import { resetPage, textOf } from './support/dom.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError } from '../../ui/lib/api.js';
import { FIELDS, fieldsChanged, formKey, openedForm, pick } from '../../ui/views/person-form.js';

beforeEach(() => resetPage());

const $ = (s) => document.querySelector(s);
const submit = () => $('#person-form').dispatchEvent(new Event('submit', { cancelable: true }));
const EMPTY = { name: '', role: '', department: '', organisation: '', email: '', tags: '', notes: '' };

/** A back end that adds people to `everyone` as the core would. */
function growing(everyone, extra = {}) {
  return peopleAnswers(everyone, {
    addPerson: (input) => {
      const added = { ...person(everyone.length + 100), ...input };
      everyone.push(added);
      return added;
    },
    ...extra,
  });
}

test('adding sends every field, loads the page around the new person and focuses their row', async () => {
  const everyone = people(2);
  const { api, ctx, el } = await mountWith(growing(everyone));
  click(el.querySelector('#add-person'));
  assert.equal(document.activeElement.id, 'person-name', 'the form opens at the name');
  assert.equal(textOf($('#person-panel .form-title')), 'Add a person');
  assert.equal($('#person-delete'), null, 'nothing to delete yet');
  type($('#person-name'), 'Dana Ng');
  type($('#person-role'), 'Engineering Manager');
  type($('#person-notes'), 'Met at the offsite');
  api.calls.length = 0;
  submit();
  await settle();
  assert.deepEqual(api.calls.slice(0, 2), [
    ['addPerson', { ...EMPTY, name: 'Dana Ng', role: 'Engineering Manager', notes: 'Met at the offsite' }],
    ['peoplePage', { query: '' }, 0, 100, 'p102'],
  ]);
  assert.equal(ctx.store.get('people'), 1, 'other views hear that people changed');
  assert.equal(api.calls.filter(([n]) => n === 'peoplePage').length, 1, 'the list is read once: its own change is not heard again as one from elsewhere');
  assert.ok($('#person-panel .panel-hint'), 'the form closes');
  assert.equal(document.activeElement.dataset.id, 'p102', 'focus lands on the new row');
  assert.equal(textOf(el.querySelector('#people-count')), '3 people');
  assert.match(textOf($('#toasts')), /^Added \u2068Dana Ng\u2069/);
});

test('an error naming a field is shown next to it, and nothing typed is lost', async () => {
  const { ctx, el } = await mountWith(peopleAnswers(people(1), {
    addPerson: new ApiError({ code: 'person.name_empty', message: 'Enter a name.', field: 'name' }),
  }));
  click(el.querySelector('#add-person'));
  type($('#person-name'), '   ');
  type($('#person-role'), 'Director');
  submit();
  await settle();
  assert.equal(textOf($('#person-name-error')), 'Enter a name.');
  assert.equal($('#person-name-error').hidden, false);
  assert.equal($('#person-name').getAttribute('aria-invalid'), 'true');
  assert.equal($('#person-name').getAttribute('aria-describedby'), 'person-name-error');
  assert.equal($('#person-form-error').hidden, true, 'not as the form\'s message');
  assert.equal($('#person-role').value, 'Director');
  assert.equal(ctx.store.get('people'), 0, 'nothing changed, nothing announced to other views');
});

test('an error with no field is the form\'s message', async () => {
  await mountWith(peopleAnswers(people(1), { updatePerson: new ApiError({ code: 'db.busy', message: 'Try again.' }) }));
  click($('.person-row[data-id="p0"]'));
  await settle();
  submit();
  await settle();
  assert.equal(textOf($('#person-form-error')), 'Try again.');
  assert.equal($('#person-form-error').hidden, false);
});

test('editing fills the form, saves through updatePerson and keeps the person open', async () => {
  const dana = person(1, { name: 'Dana Ng', role: 'VP', tags: 'mentor', notes: 'Cares about on-call' });
  let everyone = [dana];
  const { api, ctx } = await mountWith(peopleAnswers(everyone, {
    updatePerson: (id, input) => { everyone[0] = { ...dana, ...input }; return everyone[0]; },
    peoplePage: (...args) => peopleAnswers(everyone).peoplePage(...args),
  }));
  click($('.person-row[data-id="p1"]'));
  await settle();
  assert.deepEqual(Object.fromEntries(FIELDS.map((f) => [f.name, $(`#person-${f.name}`).value])),
    { ...EMPTY, name: 'Dana Ng', role: 'VP', tags: 'mentor', notes: 'Cares about on-call' });
  assert.equal($('.person-row[data-id="p1"]').getAttribute('aria-current'), 'true', 'the row shows who is open');
  assert.ok($('#profile-form'), 'their journal is below');
  assert.ok(callsTo(api, 'getProfile').some(([id]) => id === 'p1'), 'the journal loads through the same api');
  type($('#person-name'), 'Dana Ng-Li');
  api.calls.length = 0;
  submit();
  await settle();
  assert.deepEqual(api.calls[0], ['updatePerson', 'p1', { ...EMPTY, name: 'Dana Ng-Li', role: 'VP', tags: 'mentor', notes: 'Cares about on-call' }]);
  assert.deepEqual(api.calls[1], ['peoplePage', { query: '' }, 0, 100], 'the list is read again from where it is');
  assert.equal(textOf($('#person-panel .form-title')), 'Edit Dana Ng-Li');
  assert.equal(textOf($('.person-row[data-id="p1"] .person-name')), 'Dana Ng-Li');
  assert.equal(ctx.store.get('people'), 1);
  assert.equal(api.calls.filter(([n]) => n === 'getProfile').length, 0, 'the journal stays, with whatever it holds');
});

test('Esc with unsaved changes asks first; a second Esc discards them', async () => {
  const { view } = await mountWith(peopleAnswers(people(1)));
  view.handle('new-person');
  type($('#person-name'), 'Kim Lee');
  assert.equal(view.handle('cancel'), true);
  assert.match(textOf($('#person-form-error')), /Press Esc again/);
  assert.equal($('#person-name').value, 'Kim Lee');
  assert.equal(view.handle('cancel'), true);
  assert.ok($('#person-panel .panel-hint'));
  assert.equal(document.activeElement.id, 'add-person', 'focus goes back to Add person');
  assert.equal(view.handle('cancel'), false, 'Esc with no form is not the view\'s');
});

test('opening someone else with unsaved changes is refused with a message', async () => {
  await mountWith(peopleAnswers(people(2)));
  click($('.person-row[data-id="p0"]'));
  await settle();
  type($('#person-role'), 'Changed');
  click($('.person-row[data-id="p1"]'));
  await settle();
  assert.equal($('#person-name').value, 'Person 000', 'the first person stays open');
  assert.equal(textOf($('#person-form-error')), 'You have unsaved changes to Person 000. Save or cancel them first.');
});

test('Cancel closes without asking and puts the focus back on the person\'s row', async () => {
  await mountWith(peopleAnswers(people(2)));
  click($('.person-row[data-id="p1"]'));
  await settle();
  type($('#person-role'), 'Changed');
  click($('#person-cancel'));
  assert.ok($('#person-panel .panel-hint'));
  assert.equal(document.activeElement.dataset.id, 'p1');
});

test('Ctrl+Enter saves the person form; with no form open it is not the view\'s', async () => {
  const { api, view } = await mountWith(growing(people(1)));
  assert.equal(view.handle('save'), false);
  view.handle('new-person');
  type($('#person-name'), 'Ana');
  assert.equal(view.handle('save'), true);
  await settle();
  assert.deepEqual(callsTo(api, 'addPerson'), [[{ ...EMPTY, name: 'Ana' }]]);
});

test('form state: what counts as changed, and which person the form is for', () => {
  const dana = person(1, { name: 'Dana', role: null });
  const { form, values } = openedForm('edit', dana);
  assert.equal(formKey(form), 'p1');
  assert.deepEqual(form.saved, { ...EMPTY, name: 'Dana' }, 'a missing value is an empty field');
  assert.equal(values.name, 'Dana');
  assert.equal(fieldsChanged(form, { ...EMPTY, name: 'Dana' }), false);
  assert.equal(fieldsChanged(form, { ...EMPTY, name: 'Dana', notes: 'x' }), true);
  const adding = openedForm('add', { name: 'Kim' });
  assert.equal(formKey(adding.form), 'new');
  assert.equal(adding.form.person, null);
  assert.equal(adding.values.name, 'Kim', 'a search can prefill the name');
  assert.equal(fieldsChanged(adding.form, { ...EMPTY, name: 'Kim' }), true, 'a prefilled name is unsaved text');
  assert.deepEqual(pick({ name: 'A', id: 'x', extra: 1 }), { ...EMPTY, name: 'A' });
});
