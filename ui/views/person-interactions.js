// Interactions with one person: the quick form that logs one (asking a first meeting's question),
// and the timeline, a page at a time, each row editable in place.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { keyLabel, undoHint } from '../lib/shortcuts.js';
import { labelFor } from '../lib/presenting.js';
import { dateText, dateTimeText, localDateTimeValue } from '../lib/format.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { showChange, showToast } from '../lib/toast.js';
import { changedFields, editInRow, editMessage, formValues } from '../lib/row-edit.js';

export const KINDS = [['one_on_one', '1:1'], ['coffee', 'Coffee'], ['meeting', 'Meeting'], ['message', 'Message'], ['email', 'Email'], ['event', 'Event'], ['introduction', 'Introduction'], ['gave_credit', 'Gave public credit'], ['endorsed', 'Endorsed them']];

/** The question a first meeting with someone new is for, shown while nothing is logged yet. */
export const FIRST_MEETING_PROMPT = 'First time you meet? Ask: how can we help each other?';
export const FIRST_MEETING_NOTES = 'How can we help each other? What they need, what you can offer';

const labelOf = (choices, value) => choices.find(([v]) => v === value)?.[1] ?? value;

/** The interactions section for `person`; `onChange` runs after each change. It loads its own data. */
export function personInteractions(person, { api, runUndo, onChange }) {
  const logForm = interactionForm();
  const timeline = h('ol', { class: 'timeline', id: 'timeline', 'aria-label': `Interactions with ${labelFor(person)}` });
  let shown = []; // the interactions listed, newest first
  let older = null; // where the next page starts, when there is one
  let editor = null;
  const olderButton = h('button', { type: 'button', id: 'timeline-older', hidden: true, onclick: () => loadOlder() }, 'Show older');
  const el = h('section', { class: 'interactions', 'aria-labelledby': 'interactions-title' },
    h('h3', { id: 'interactions-title', class: 'section-title' }, 'Interactions'),
    logForm, timeline, olderButton);

  /**
   * The interaction form: with no `i`, the quick form that logs one with this person (and
   * whoever else was there); with `i`, the same form pre-filled to edit it, everyone it was with
   * chosen, Save and Cancel. Ids start with `prefix` for showFormError.
   */
  function interactionFormFor(prefix, i = null) {
    const editing = Boolean(i);
    const withSelect = h('select', { id: `${prefix}-people`, multiple: true, size: '4' });
    const withField = h('div', { class: 'field', hidden: true },
      h('label', { for: `${prefix}-people` }, editing ? 'With' : 'Also with (optional)'),
      withSelect,
      h('p', { class: 'field-error', id: `${prefix}-people-error`, hidden: true }));
    const chosen = new Set((i?.people ?? []).map((p) => p.id));
    api.listPeople('').then((everyone) => {
      const choices = editing ? everyone : everyone.filter((p) => p.id !== person.id);
      // Someone it was with who is not listed (a former colleague, say) stays chosen.
      const missing = (i?.people ?? []).filter((p) => !choices.some((c) => c.id === p.id));
      const options = [...choices, ...missing];
      replaceChildren(withSelect, options.map((p) => h('option', { value: p.id, selected: chosen.has(p.id) }, labelFor(p))));
      withSelect.size = Math.max(2, Math.min(4, options.length));
      withField.hidden = options.length === 0 || (editing && options.length === 1);
      if (editing) form.dataset.opened = formValues(form);
    }, () => { withField.hidden = true; });
    const when = editing ? localDateTimeValue(new Date(i.occurred_at)) : localDateTimeValue(new Date());
    const form = h('form', { class: `log-form${editing ? ' edit-form' : ''}`, id: editing ? `${prefix}-form` : 'log-form', novalidate: true, dataset: { when } },
      h('div', { class: 'log-row' },
        h('div', { class: 'field' },
          h('label', { for: `${prefix}-kind` }, 'Kind'),
          h('select', { id: `${prefix}-kind` }, KINDS.map(([v, text]) => h('option', { value: v, selected: v === i?.kind }, text)))),
        h('div', { class: 'field' },
          h('label', { for: `${prefix}-occurred_at` }, 'When'),
          h('input', { id: `${prefix}-occurred_at`, type: 'datetime-local', value: when }),
          h('p', { class: 'field-error', id: `${prefix}-occurred_at-error`, hidden: true }))),
      editing ? null : h('p', { class: 'hint first-meeting', id: 'first-meeting-prompt', hidden: true }, FIRST_MEETING_PROMPT),
      h('div', { class: 'field' },
        h('label', { for: `${prefix}-notes` }, `What passed between you and ${labelFor(person)}`),
        h('textarea', { id: `${prefix}-notes`, rows: '3', placeholder: 'What they said, what they need, what you agreed', value: i?.notes }),
        h('p', { class: 'field-error', id: `${prefix}-notes-error`, hidden: true })),
      h('div', { class: 'field' },
        h('label', { for: `${prefix}-follow_up` }, 'Follow-up'),
        h('input', { id: `${prefix}-follow_up`, type: 'text', autocomplete: 'off', placeholder: 'Send the deck by Friday', value: i?.follow_up }),
        h('p', { class: 'field-error', id: `${prefix}-follow_up-error`, hidden: true })),
      withField,
      h('p', { class: 'form-error', id: `${prefix}-form-error`, role: 'alert', hidden: true }),
      h('div', { class: 'actions' },
        editing
          ? [h('button', { type: 'submit', class: 'primary', id: `${prefix}-save`, title: keyLabel('mod+enter') }, 'Save'),
            h('button', { type: 'button', class: 'edit-cancel', id: `${prefix}-cancel` }, 'Cancel')]
          : h('button', { type: 'submit', class: 'primary', id: 'interaction-log', title: keyLabel('mod+enter') }, 'Log interaction')));
    return form;
  }

  /** What the form says, as the core takes it, or null after showing why it cannot be read. */
  function readInteraction(form, prefix, { editing }) {
    const whenText = form.querySelector(`#${prefix}-occurred_at`).value;
    const at = whenText ? new Date(whenText) : new Date();
    if (Number.isNaN(at.getTime())) {
      showFormError(form, prefix, { field: 'occurred_at', message: 'Choose a date and time, or leave it empty for now.' });
      return null;
    }
    const chosen = [...form.querySelectorAll(`#${prefix}-people option`)].filter((o) => o.selected).map((o) => o.value);
    return {
      // Editing, an untouched or emptied time keeps the one it had, to the second.
      occurred_at: editing && (!whenText || whenText === form.dataset.when) ? null : at.toISOString(),
      kind: form.querySelector(`#${prefix}-kind`).value,
      people: editing ? chosen : [person.id, ...chosen],
      notes: form.querySelector(`#${prefix}-notes`).value,
      follow_up: form.querySelector(`#${prefix}-follow_up`).value,
    };
  }

  function interactionForm() {
    const form = interactionFormFor('interaction');
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = form.querySelector('#interaction-log');
      if (button.disabled) return;
      const input = readInteraction(form, 'interaction', { editing: false });
      if (!input) return;
      button.disabled = true;
      try {
        await api.logInteraction(input);
        form.querySelector('#interaction-notes').value = '';
        form.querySelector('#interaction-follow_up').value = '';
        form.querySelector('#interaction-occurred_at').value = localDateTimeValue(new Date());
        for (const o of form.querySelector('#interaction-people')?.options ?? []) o.selected = false;
        clearFormErrors(form);
        announce(`Logged a ${labelOf(KINDS, input.kind)} with ${labelFor(person)}`);
        await loadTimeline();
        onChange?.();
      } catch (err) {
        showFormError(form, 'interaction', err);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  // ---------- the timeline, a page at a time, each row editable in place ----------

  const byNewest = (a, b) => (a.occurred_at === b.occurred_at ? (a.id < b.id ? 1 : -1) : (a.occurred_at < b.occurred_at ? 1 : -1));

  function editInteraction(i, row) {
    editor?.cancel();
    const prefix = 'edit-interaction';
    const form = interactionFormFor(prefix, i);
    const current = {};
    const cancel = () => { opened.close(); if (editor === current) editor = null; };
    const opened = editInRow(row, form, { cancel, returnFocus: () => row.querySelector('.interaction-edit') });
    Object.assign(current, { cancel, isDirty: opened.isDirty });
    editor = current;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const input = readInteraction(form, prefix, { editing: true });
      if (!input) return;
      let saved;
      try {
        saved = await api.editInteraction(i.id, input);
      } catch (err) {
        showFormError(form, prefix, err);
        return;
      }
      editor = null;
      shown = shown.filter((x) => x.id !== i.id);
      if (saved.people.some((p) => p.id === person.id)) shown = [...shown, saved].sort(byNewest);
      renderTimeline();
      timeline.querySelector(`[data-id="${CSS.escape(i.id)}"] .interaction-edit`)?.focus();
      const message = editMessage(`the ${labelOf(KINDS, saved.kind)}`, changedFields(i, saved, {
        'the date': (x) => x.occurred_at,
        'the kind': (x) => x.kind,
        'the people': (x) => x.people.map((p) => p.id).sort(),
        'the notes': (x) => x.notes,
        'the follow-up': (x) => x.follow_up,
      }));
      showChange(message, runUndo);
      announce(message);
      onChange?.();
    });
  }

  /** With nothing logged yet, the log form asks the first meeting's question. */
  function showFirstMeetingPrompt() {
    const first = shown.length === 0 && !older;
    const prompt = logForm.querySelector('#first-meeting-prompt');
    if (prompt) prompt.hidden = !first;
    const notes = logForm.querySelector('#interaction-notes');
    if (notes) notes.placeholder = first ? FIRST_MEETING_NOTES : 'What they said, what they need, what you agreed';
  }

  function renderTimeline() {
    showFirstMeetingPrompt();
    replaceChildren(timeline, shown.length
      ? shown.map((i) => h('li', { class: 'interaction', 'data-id': i.id },
        h('div', { class: 'interaction-head' },
          h('strong', {}, labelOf(KINDS, i.kind)),
          h('time', { datetime: i.occurred_at }, dateTimeText(i.occurred_at)),
          i.people.length > 1 ? h('span', { class: 'muted' }, `with ${i.people.filter((p) => p.id !== person.id).map((p) => labelFor(p)).join(', ')}`) : null,
          h('button', { type: 'button', class: 'link interaction-edit', 'aria-label': `Edit the ${labelOf(KINDS, i.kind)} of ${dateText(i.occurred_at)}`, onclick: (e) => editInteraction(i, e.target.closest('li')) }, 'Edit'),
          h('button', { type: 'button', class: 'link interaction-delete', 'aria-label': `Delete the ${labelOf(KINDS, i.kind)} of ${dateText(i.occurred_at)}`, onclick: () => removeInteraction(i) }, 'Delete')),
        i.notes ? h('p', { class: 'interaction-notes' }, i.notes) : null,
        i.follow_up ? h('p', { class: 'interaction-follow-up' }, 'Follow-up: ', i.follow_up) : null))
      : h('li', { class: 'muted', id: 'timeline-empty' }, `Nothing logged with ${labelFor(person)} yet. Every 1:1, coffee or message you note here builds the picture.`));
    olderButton.hidden = !older;
  }

  async function loadTimeline() {
    editor = null;
    try {
      const page = await api.personTimelinePage(person.id, null);
      shown = page.interactions;
      older = page.older;
      renderTimeline();
    } catch (err) {
      replaceChildren(timeline, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function loadOlder() {
    if (!older) return;
    olderButton.disabled = true;
    try {
      const page = await api.personTimelinePage(person.id, older);
      const known = new Set(shown.map((x) => x.id));
      const first = page.interactions.find((x) => !known.has(x.id));
      shown = [...shown, ...page.interactions.filter((x) => !known.has(x.id))];
      older = page.older;
      editor?.cancel();
      renderTimeline();
      announce(`Showing ${shown.length} interactions${older ? '' : ', all of them'}`);
      // Focus moves to the first newly shown row, so keyboard users continue where they were.
      if (first) timeline.querySelector(`[data-id="${CSS.escape(first.id)}"] .interaction-edit`)?.focus();
    } catch (err) {
      showToast(err.message);
    } finally {
      olderButton.disabled = false;
    }
  }

  async function removeInteraction(i) {
    try {
      await api.deleteInteraction(i.id);
    } catch (err) { showToast(err.message); return; }
    const label = `Deleted a ${labelOf(KINDS, i.kind)} with ${labelFor(person)}`;
    await loadTimeline();
    onChange?.();
    announce(`${label}. ${undoHint()}`);
    showChange(label, runUndo);
  }

  loadTimeline();

  return {
    el,
    /** True while the log form holds typed text or a row is being edited. */
    isDirty: () => ['#interaction-notes', '#interaction-follow_up'].some((id) => logForm.querySelector(id)?.value)
      || Boolean(editor?.isDirty()),
  };
}
