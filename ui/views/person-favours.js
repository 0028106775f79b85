// Favours with one person, both ways: received ones, once done, ask for a thank-you and the impact
// it had; the balance over the last months.
import { announce, h, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { changedFields, editMessage } from '../lib/row-edit.js';
import { dateText } from '../lib/format.js';
import { choice, doneAtOf, editButtons, errorLines, incompleteDate, localDay } from './ledger-parts.js';

const THANKS = ['In person', 'A message', 'An email', 'A note', 'A public shout-out', 'A small gift'];

/** The favours with `person`: the balance, the form to add one and the list; it loads its own data. */
export function personFavours(person, { api, runUndo }, editor) {
  const balance = h('p', { class: 'muted', id: 'favour-balance' });
  const favourList = h('ul', { class: 'ledger-list', id: 'favours', 'aria-label': `Favours with ${labelFor(person)}` });
  const favourForm = favourFormFor('favour');

  function favourFormFor(prefix, f = null) {
    const editing = Boolean(f);
    const doneDay = f?.done_at ? localDay(f.done_at) : localDay(new Date());
    return h('form', { class: `ledger-form${editing ? ' edit-form' : ''}`, id: `${prefix}-form`, novalidate: true, dataset: { doneDay } },
      h('label', { class: 'visually-hidden', for: `${prefix}-direction` }, 'Who does the favour'),
      h('select', { id: `${prefix}-direction` },
        choice('by_them', f?.direction, `${labelFor(person)} for me`),
        choice('by_me', f?.direction, `Me for ${labelFor(person)}`)),
      h('label', { class: 'visually-hidden', for: `${prefix}-description` }, 'The favour'),
      h('input', { id: `${prefix}-description`, type: 'text', autocomplete: 'off', placeholder: 'Reviewed my design doc', value: f?.description }),
      editing ? [
        h('label', { class: 'visually-hidden', for: `${prefix}-status` }, 'Status'),
        h('select', { id: `${prefix}-status` }, choice('open', f.status, 'Open'), choice('done', f.status, 'Done')),
        h('label', { class: 'visually-hidden', for: `${prefix}-done_at` }, 'Done on'),
        h('input', { id: `${prefix}-done_at`, type: 'date', title: 'Done on (when it is done)', value: doneDay }),
      ] : null,
      editing ? editButtons(prefix) : h('button', { type: 'submit', id: 'favour-add' }, 'Add favour'),
      errorLines(prefix, editing ? ['description', 'done_at'] : ['description']));
  }



  async function loadFavours() {
    try {
      const { favours, balance: b, balance_days: days } = await api.listFavours(person.id);
      const months = Math.round(days / 30);
      balance.textContent = b.by_them + b.by_me === 0
        ? 'No favours done either way lately.'
        : `Over the last ${months} months: ${labelFor(person)} did ${b.by_them} for you; you did ${b.by_me} for ${labelFor(person)}.`;
      replaceChildren(favourList, favours.length ? favours.map(favourItem)
        : h('li', { class: 'muted' }, 'Give before you ask: note what you do for each other.'));
    } catch (err) {
      replaceChildren(favourList, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  function favourItem(f) {
    const who = f.direction === 'by_them' ? `${labelFor(person)} for you` : `You for ${labelFor(person)}`;
    const state = f.status === 'open' ? 'open'
      : f.thanked_at ? `done, thanked ${dateText(f.thanked_at)}${f.thanked_how ? ` (${f.thanked_how})` : ''}${f.impact ? `; impact: ${f.impact}` : ''}`
        : f.direction === 'by_them' ? 'done: say thank you' : 'done';
    const how = f.thanks_due ? h('select', { id: `thank-how-${f.id}`, 'aria-label': 'How you thanked them' }, THANKS.map((t) => h('option', { value: t }, t))) : null;
    // What their help made possible; three weeks on, a reminder offers to tell them how it turned out.
    const impact = f.thanks_due ? h('input', { type: 'text', class: 'thank-impact', id: `thank-impact-${f.id}`, autocomplete: 'off', placeholder: 'Impact (optional)', 'aria-label': 'What their help made possible (optional)' }) : null;
    return h('li', { class: `ledger-item${f.thanks_due ? ' due' : ''}`, 'data-id': f.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, who), ': ', f.description, ' · ', h('span', { class: 'muted' }, state)),
      h('span', { class: 'ledger-actions' },
        f.status === 'open'
          ? h('button', { type: 'button', class: 'favour-done', onclick: () => favourDone(f, true) }, 'Mark done')
          : f.thanks_due ? [how, impact, h('button', { type: 'button', class: 'favour-thank', onclick: () => thank(f, how.value, impact.value) }, 'Thanked')]
            : h('button', { type: 'button', class: 'link', onclick: () => favourDone(f, false) }, 'Reopen'),
        h('button', { type: 'button', class: 'link favour-edit', 'aria-label': `Edit the favour “${f.description}”`, onclick: (e) => editFavour(f, e.target.closest('li')) }, 'Edit'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the favour “${f.description}”`, onclick: () => removeFavour(f) }, 'Delete')));
  }

  function editFavour(f, row) {
    const prefix = 'edit-favour';
    const form = favourFormFor(prefix, f);
    const dayField = form.querySelector(`#${prefix}-done_at`);
    const status = form.querySelector(`#${prefix}-status`);
    const showDay = () => { dayField.hidden = status.value !== 'done'; };
    status.addEventListener('change', showDay);
    showDay();
    editor.open(row, form, {
      prefix,
      editButton: '.favour-edit',
      save: async () => {
        if (incompleteDate(form, prefix, 'done_at', 'That date is not complete. Finish it, or leave the day it was done.')) return undefined;
        const day = dayField.value;
        const input = {
          direction: form.querySelector(`#${prefix}-direction`).value,
          description: form.querySelector(`#${prefix}-description`).value,
          status: status.value,
          // The day as it was keeps the time it was marked done.
          done_at: status.value === 'done' && day && day !== form.dataset.doneDay ? doneAtOf(day) : null,
        };
        const saved = await api.editFavour(f.id, input);
        await loadFavours();
        favourList.querySelector(`[data-id="${CSS.escape(f.id)}"] .favour-edit`)?.focus();
        return editMessage('the favour', changedFields(f, saved, {
          'who did it': (x) => x.direction,
          'the text': (x) => x.description,
          'the status': (x) => x.status,
          'the day it was done': (x) => x.done_at && localDay(x.done_at),
        }));
      },
    });
  }

  favourForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = {
      person_id: person.id,
      direction: favourForm.querySelector('#favour-direction').value,
      description: favourForm.querySelector('#favour-description').value,
    };
    try {
      await api.recordFavour(input);
      favourForm.querySelector('#favour-description').value = '';
      clearFormErrors(favourForm);
      announce('Favour noted');
      await loadFavours();
    } catch (err) {
      showFormError(favourForm, 'favour', err);
    }
  });

  async function favourDone(f, done) {
    try {
      const saved = await api.setFavourDone(f.id, done);
      await loadFavours();
      announce(saved.thanks_due ? `Done. Remember to thank ${labelFor(person)}.` : done ? 'Marked done' : 'Open again');
    } catch (err) { showToast(err.message); }
  }

  async function thank(f, how, impact = '') {
    try {
      await api.thankFavour(f.id, how, impact);
      await loadFavours();
      announce(`Noted that you thanked ${labelFor(person)}`);
    } catch (err) { showToast(err.message); }
  }

  async function removeFavour(f) {
    try { await api.deleteFavour(f.id); } catch (err) { showToast(err.message); return; }
    await loadFavours();
    showChange('Deleted the favour', runUndo);
  }


  loadFavours();

  return { els: [balance, favourForm, favourList], isDirty: () => Boolean(favourForm.querySelector('#favour-description').value) };
}
