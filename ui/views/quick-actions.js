// Small dialogs that close an insight where it is shown: log an interaction, schedule a
// follow-up, record a thank-you. Each resolves to what was done, or null when cancelled.
// Each takes the view's `api` (ctx.api) first.

import { h } from '../lib/dom.js';
import { isPresenting, labelFor } from '../lib/presenting.js';
import { formField as field, openFormDialog as formDialog } from '../lib/form-dialog.js';
import { localDateTimeValue } from '../lib/format.js';
import { FIRST_MEETING_NOTES, FIRST_MEETING_PROMPT, KINDS } from './person-journal.js';

/** Logs a 1:1, coffee or meeting with `person` that happened now or earlier. */
export function logInteractionWith(api, person, kind = 'coffee') {
  const p = 'quick-log';
  const logged = formDialog({
    id: 'quick-log-dialog',
    title: `Log an interaction with ${labelFor(person)}`,
    prefix: p,
    submitLabel: 'Log it',
    fields: [
      field(p, 'kind', 'Kind', h('select', { id: `${p}-kind` },
        KINDS.map(([v, text]) => h('option', { value: v, selected: v === kind }, text)))),
      field(p, 'occurred_at', 'When', h('input', { id: `${p}-occurred_at`, type: 'datetime-local', value: localDateTimeValue(new Date()) })),
      h('p', { class: 'hint first-meeting', id: `${p}-first-meeting`, hidden: true }, FIRST_MEETING_PROMPT),
      field(p, 'notes', 'Notes', h('textarea', { id: `${p}-notes`, rows: 3 })),
    ],
    save: async (form) => {
      const when = form.querySelector(`#${p}-occurred_at`).value;
      return api.logInteraction({
        kind: form.querySelector(`#${p}-kind`).value,
        people: [person.id],
        occurred_at: when ? new Date(when).toISOString() : null,
        notes: form.querySelector(`#${p}-notes`).value,
        follow_up: '',
      });
    },
  });
  askFirstMeeting(api, person, p);
  return logged;
}

/**
 * With nothing logged with `person` yet, the dialog asks the first meeting's question, as the
 * person's own log form does. Unknown (the timeline cannot be read), it asks nothing.
 */
async function askFirstMeeting(api, person, p) {
  let page;
  try {
    page = await api.personTimelinePage(person.id);
  } catch {
    return;
  }
  const first = !page?.interactions?.length && !page?.older;
  const prompt = document.getElementById(`${p}-first-meeting`);
  if (!first || !prompt) return;
  prompt.hidden = false;
  document.getElementById(`${p}-notes`).placeholder = FIRST_MEETING_NOTES;
}

/** A written reminder to get in touch with `person`, tomorrow morning unless changed. */
export function scheduleWith(api, person) {
  const p = 'quick-schedule';
  const tomorrow = new Date();
  tomorrow.setDate(tomorrow.getDate() + 1);
  tomorrow.setHours(9, 0, 0, 0);
  return formDialog({
    id: 'quick-schedule-dialog',
    title: `Schedule time with ${labelFor(person)}`,
    prefix: p,
    submitLabel: 'Remind me',
    fields: [
      // The title is saved: while presenting it leaves the name out rather than store initials.
      field(p, 'title', 'Reminder', h('input', {
        id: `${p}-title`, type: 'text', value: isPresenting() ? 'Get in touch' : `Get in touch with ${person.name}`,
      })),
      field(p, 'due', 'When', h('input', { id: `${p}-due`, type: 'datetime-local', value: localDateTimeValue(tomorrow) })),
    ],
    save: (form) => api.addReminder({
      title: form.querySelector(`#${p}-title`).value,
      due: form.querySelector(`#${p}-due`).value,
      person_id: person.id,
      note: '',
      repeat: 'never',
    }),
  });
}

/** Records how the user thanked someone for a favour. */
export function thankFor(api, favour) {
  const p = 'quick-thank';
  return formDialog({
    id: 'quick-thank-dialog',
    title: `Thank ${labelFor(favour)}`,
    prefix: p,
    submitLabel: 'Thanked',
    fields: [
      h('p', { class: 'muted' }, `For: ${favour.description}`),
      field(p, 'how', 'How you thanked them', h('input', { id: `${p}-how`, type: 'text', placeholder: 'A note, a coffee, credit in the team channel' })),
      field(p, 'impact', 'What their help made possible (optional)', h('textarea', { id: `${p}-impact`, rows: '2' })),
    ],
    save: (form) => api.thankFavour(favour.favour_id, form.querySelector(`#${p}-how`).value, form.querySelector(`#${p}-impact`).value),
  });
}
