// A person's emails and phone numbers with their labels ("work", "mobile", an address book's
// own words), as imported, read-only under their details. Shown only when there is more than
// the one email the form already holds. Values are dotted out while presenting (styles.css).

import { h, replaceChildren } from '../lib/dom.js';

const KIND_LABEL = { email: 'Email', phone: 'Phone' };

/** Whether `contacts` say more than the form's email field: another email, a phone, a label. */
export function worthListing(contacts) {
  return contacts.length > 1 || contacts.some((c) => c.kind !== 'email' || c.label !== '');
}

/** One contact as a list item: "Work email  dana@example.com". */
export function contactItem(c) {
  const kind = KIND_LABEL[c.kind] ?? c.kind;
  const what = c.label ? `${c.label.charAt(0).toUpperCase()}${c.label.slice(1)} ${kind.toLowerCase()}` : kind;
  return h('li', { class: 'contact', 'data-kind': c.kind },
    h('span', { class: 'contact-label muted' }, what),
    ' ',
    h('span', { class: 'contact-value presenting-mask' }, c.value));
}

/** The section for `person`; it loads its own data through `api`. */
export function personContacts(person, { api }) {
  const list = h('ul', { class: 'contact-list', id: 'contact-list' });
  const el = h('section', { class: 'person-contacts', id: 'person-contacts', 'aria-labelledby': 'person-contacts-title', hidden: true },
    h('h3', { id: 'person-contacts-title', class: 'section-title' }, 'Emails and phone numbers'),
    list);

  async function load() {
    let contacts;
    try {
      contacts = (await api.personContacts(person.id)) ?? [];
    } catch (err) {
      el.hidden = false;
      replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    el.hidden = !worthListing(contacts);
    replaceChildren(list, contacts.map(contactItem));
  }

  load();
  return { el, load };
}
