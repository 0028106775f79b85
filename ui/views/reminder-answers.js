// The buttons that answer a reminder, drawn from what the core says it offers (`item.offers`):
// the same on the Reminders page and the Review page. Pure: `on.complete(item)` and
// `on.answer(item, answer)` belong to the page's controller; `say` hides names while presenting.

import { h } from '../lib/dom.js';
import { doneLabel } from '../lib/reminder-format.js';

/** The contacts "Got in touch" offers, one click each. */
export const CONTACTS = [['one_on_one', '1:1'], ['coffee', 'Coffee'], ['meeting', 'Meeting'], ['message', 'Message'], ['email', 'Email']];

/** A safe piece of an element id from a subject ("promise:abc" -> "promise-abc"). */
export const idFor = (subject) => String(subject).replace(/[^A-Za-z0-9_-]/g, '-');

/** The controls answering `item`: one group per offer. Items from before offers existed get Done. */
export function answerControls(item, say, on) {
  const offers = item.offers ?? ['done'];
  const title = say(item.title);
  const id = idFor(item.subject);
  const button = (cls, label, answer, extra = {}) => h('button', { type: 'button', class: cls, onclick: () => on.answer(item, answer), ...extra }, label);
  return offers.map((offer) => {
    switch (offer) {
      case 'got_in_touch': {
        const note = h('input', { type: 'text', class: 'answer-note', id: `note-${id}`, autocomplete: 'off', placeholder: 'Note (optional)', 'aria-label': `Note on getting in touch (optional): ${title}` });
        return h('span', { class: 'answer-group got-in-touch', role: 'group', 'aria-label': `Got in touch: ${title}` },
          h('span', { class: 'answer-label' }, 'Got in touch:'),
          CONTACTS.map(([kind, label]) => h('button', {
            type: 'button', class: `answer-contact contact-${kind}`,
            onclick: () => on.answer(item, { answer: 'got_in_touch', kind, note: note.value }),
          }, label)),
          note);
      }
      case 'resolve': {
        const how = h('input', { type: 'text', class: 'answer-how', id: `how-${id}`, autocomplete: 'off', placeholder: 'How was it resolved?', 'aria-label': `How it was resolved: ${title}` });
        how.addEventListener('keydown', (e) => {
          if (e.key === 'Enter') { e.preventDefault(); on.answer(item, { answer: 'resolved', how: how.value }); }
        });
        return h('span', { class: 'answer-group resolve', role: 'group', 'aria-label': `Resolve: ${title}` },
          how, button('answer-resolved', 'Resolved', null, { onclick: () => on.answer(item, { answer: 'resolved', how: how.value }) }));
      }
      case 'kept': return button('answer-kept', 'Kept', { answer: 'kept' });
      case 'not_kept': return button('answer-not-kept', 'Not kept', { answer: 'not_kept' });
      case 'ask_again': return button('answer-ask-again', 'Ask again in a week', { answer: 'ask_again' });
      case 'met': return button('answer-met', 'Met', { answer: 'met' });
      case 'went': return button('answer-went', 'Went', { answer: 'went' });
      case 'agreed': return button('answer-agreed', 'Agreed', { answer: 'agreed' });
      case 'declined': return button('answer-declined', 'Declined', { answer: 'declined' });
      case 'log_one_on_one': return button('answer-log-one-on-one', 'Log the 1:1', { answer: 'logged_one_on_one', note: '' }, { 'aria-label': `Log the 1:1: ${title}` });
      case 'review': return h('a', { class: 'button answer-review', href: '#/review' }, 'Open the review');
      default: return h('button', { type: 'button', class: 'reminder-done', onclick: () => on.complete(item) }, doneLabel(item.kind));
    }
  });
}

/** What the app says once `answer` closed the reminder titled `title`. */
export function answeredText(answer, title) {
  const contact = CONTACTS.find(([k]) => k === answer.kind)?.[1] ?? 'contact';
  switch (answer.answer) {
    case 'got_in_touch': return `Logged a ${contact === '1:1' ? '1:1' : contact.toLowerCase()}: ${title}`;
    case 'resolved': return `Resolved: ${title}`;
    case 'kept': return `Kept: ${title}`;
    case 'not_kept': return `Not kept: ${title}`;
    case 'ask_again': return `Will ask again in a week: ${title}`;
    case 'met': return `Met: ${title}`;
    case 'went': return `Went: ${title}`;
    case 'agreed': return `Agreed: ${title}`;
    case 'declined': return `Declined: ${title}`;
    case 'logged_one_on_one': return `Logged the 1:1: ${title}`;
    default: return `Done: ${title}`;
  }
}
