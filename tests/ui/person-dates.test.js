// A person's dates that matter under their details: listed as text in the user's words, set
// and removed through the api given, each change one undoable step with a toast offering Undo.
import { fakeApi, fakeContext, resetPage, settle, textOf } from './support/dom.js';
import './support/view-shims.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { dateValue, dayText, personDates, remindText } from '../../ui/views/person-dates.js';

beforeEach(() => resetPage());

const DANA = { id: 'p1', name: 'Dana Ng' };
const submit = (form) => form.dispatchEvent(new Event('submit', { cancelable: true }));
const choose = (select, value) => { select.value = value; };
const click = (el) => el.dispatchEvent(new Event('click', { bubbles: true }));

test('the form\'s parts become the day the core reads, with or without a year', () => {
  assert.equal(dateValue({ day: '12', month: '4', year: '1985' }), '1985-04-12');
  assert.equal(dateValue({ day: '9', month: '12', year: '' }), '--12-09', 'no year: vCard\'s day');
  assert.equal(dateValue({ day: '', month: '4', year: '1985' }), null, 'no day, nothing to send');
  assert.equal(dateValue({ day: '3', month: '', year: '' }), null);
});

test('a date reads as a day and month, with its year when known', () => {
  const withYear = dayText({ month: 4, day: 12, year: 1985 });
  assert.match(withYear, /12/);
  assert.match(withYear, /1985/);
  assert.doesNotMatch(dayText({ month: 2, day: 29, year: null }), /2000/, 'no made-up year');
  assert.equal(remindText({ kind: 'birthday', remind: null }), 'reminder as in Settings');
  assert.equal(remindText({ kind: 'anniversary', remind: false }), 'no reminder');
});

test('dates are listed, set in one step with Undo offered, and a refused one shows at its field', async () => {
  const saved = [{ kind: 'birthday', month: 4, day: 12, year: null, remind: true }];
  const api = fakeApi({
    personDates: [],
    setPersonDate: (_, input) => (input.date === '--02-30'
      ? Object.assign(new Error('“--02-30” is not a date Allies can read.'), { field: 'date', code: 'dates.bad_date' })
      : saved),
    removePersonDate: [],
  });
  const ctx = fakeContext(api);
  const section = personDates(DANA, { api, runUndo: ctx.runUndo });
  document.body.append(section.el);
  await settle();
  assert.equal(textOf(section.el.querySelector('#dates-empty')), 'No birthday or work dates yet.');

  const $ = (sel) => section.el.querySelector(sel);
  $('#date-date').value = '30';
  choose($('#date-month'), '2');
  submit($('#date-form'));
  await settle();
  assert.equal(textOf($('#date-date-error')), '“--02-30” is not a date Allies can read.', 'the core\'s message, at the day');

  $('#date-date').value = '12';
  choose($('#date-month'), '4');
  choose($('#date-remind'), 'true');
  submit($('#date-form'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['setPersonDate', 'p1', { kind: 'birthday', date: '--04-12', remind: true }]);
  const row = textOf($('#date-list li'));
  assert.match(row, /^Birthday (12 April|April 12) · /, 'the day and month, in the locale, no year made up');
  assert.match(row, /reminds you on the day/);
  assert.equal(section.isDirty(), false, 'the form is emptied once saved');
  click(document.getElementById('toast-undo'));
  assert.equal(ctx.undos, 1, 'the toast\'s Undo undoes the change');

  click($('.date-remove'));
  await settle();
  assert.deepEqual(api.calls.at(-1), ['removePersonDate', 'p1', 'birthday']);
  assert.ok($('#dates-empty'));
});

test('a name written as markup stays text in the messages', async () => {
  const api = fakeApi({ personDates: [], setPersonDate: [{ kind: 'start_date', month: 9, day: 2, year: 2019, remind: null }] });
  const section = personDates({ id: 'p2', name: '<img src=x onerror=alert(1)>' }, { api, runUndo: async () => {} });
  document.body.append(section.el);
  await settle();
  choose(section.el.querySelector('#date-kind'), 'start_date');
  section.el.querySelector('#date-date').value = '2';
  choose(section.el.querySelector('#date-month'), '9');
  section.el.querySelector('#date-year').value = '2019';
  submit(section.el.querySelector('#date-form'));
  await settle();
  assert.equal(document.querySelector('img'), null, 'no element made from the name');
  assert.match(textOf(document.getElementById('toasts')), /Saved \u2068<img src=x onerror=alert\(1\)>\u2069’s start date/);
});
