// A person's emails and phone numbers under their details: read through the api given, each
// with its label, as text; hidden when the form's email field already says it all.
import { fakeApi, resetPage, textOf } from './support/dom.js';
import { settle } from './support/people.js';
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { personContacts, worthListing } from '../../ui/views/person-contacts.js';

beforeEach(() => resetPage());

const DANA = { id: 'p1', name: 'Dana Ng' };

test('every email and phone shows with its label, as text', async () => {
  const api = fakeApi({
    personContacts: [
      { kind: 'email', value: 'dana@acme.example', label: 'work' },
      { kind: 'email', value: '<b>d@ng.org</b>', label: '' },
      { kind: 'phone', value: '+1 555 010 0100', label: 'mobile' },
      { kind: 'phone', value: '555 0199', label: 'Assistant' },
    ],
  });
  const section = personContacts(DANA, { api });
  document.body.append(section.el);
  await settle();
  assert.deepEqual(api.calls, [['personContacts', 'p1']]);
  assert.equal(section.el.hidden, false);
  const items = [...section.el.querySelectorAll('#contact-list li')].map(textOf);
  assert.deepEqual(items, [
    'Work email dana@acme.example',
    'Email <b>d@ng.org</b>',
    'Mobile phone +1 555 010 0100',
    'Assistant phone 555 0199',
  ]);
  assert.equal(section.el.querySelector('b'), null, 'a value is text, never markup');
});

test('one unlabelled email, which the form shows already, is not listed again', async () => {
  assert.equal(worthListing([]), false);
  assert.equal(worthListing([{ kind: 'email', value: 'a@b.org', label: '' }]), false);
  assert.equal(worthListing([{ kind: 'email', value: 'a@b.org', label: 'work' }]), true);
  assert.equal(worthListing([{ kind: 'phone', value: '555 0100', label: '' }]), true);
  const api = fakeApi({ personContacts: [{ kind: 'email', value: 'a@b.org', label: '' }] });
  const section = personContacts(DANA, { api });
  await settle();
  assert.equal(section.el.hidden, true);
});

test('a refusal from the core is said in the section', async () => {
  const api = fakeApi({ personContacts: () => new Error('No such person') });
  const section = personContacts(DANA, { api });
  await settle();
  assert.equal(section.el.hidden, false);
  assert.equal(textOf(section.el.querySelector('[role="alert"]')), 'No such person');
});
