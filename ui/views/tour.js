// The newbie tour: in a new job or team, a plan of the teams, people and leaders to meet, each
// in a target week; the three questions to ask in each meeting and the answers; "who else
// should I meet?" turned into new people; progress at a glance. The 30/60/90-day check-ins it
// makes show in Reminders.

import { api } from '../lib/api.js';
import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { formField, openFormDialog } from '../lib/form-dialog.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { describePerson } from '../lib/format.js';
import { showToast } from '../lib/toast.js';
import { longDay, progressText, stopStatus, tourCheckIns, weekLabel } from '../lib/tour-format.js';

// A person's stop is named as presenting mode says; a team's by the team.
const stopName = (stop) => (stop.person_id ? labelFor(stop) : stop.name);

const KINDS = [['person', 'Person'], ['leader', 'Leader'], ['team', 'Team']];
const CHANNELS = [['', 'Not asked'], ['one_on_one', '1:1'], ['email', 'Email'], ['chat', 'Chat'], ['coffee', 'Coffee'], ['meeting', 'Meeting']];
export const QUESTIONS = [
  ['success', 'What does success look like for me at 30, 60 and 90 days?'],
  ['challenges', 'What are the challenges?'],
  ['who_else', 'Who else should I meet?'],
];

const today = () => {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function mountTour(ctx) {
  const { undo, runUndo } = ctx;
  let tour = null;
  let people = [];

  const body = h('div', { id: 'tour-body', class: 'tour-body' });
  const el = h('section', { class: 'view', 'aria-labelledby': 'tour-heading' },
    h('header', { class: 'view-head' }, h('h1', { id: 'tour-heading', tabindex: '-1' }, 'Newbie tour')),
    body);

  const field = formField;

  function startForm() {
    const form = h('form', { class: 'card tour-start', id: 'tour-start', novalidate: true },
      h('h2', {}, 'Start a tour'),
      h('p', { class: 'muted' }, 'New job or new team? Plan to meet each team, the people you will work with and the leaders, one target week each. In every meeting ask what success looks like, what the challenges are and who else to meet. Allies adds 30, 60 and 90-day check-ins to your reminders.'),
      field('tour', 'title', 'What is starting', h('input', { id: 'tour-title', type: 'text', placeholder: 'New job at Acme' })),
      field('tour', 'start_on', 'First day', h('input', { id: 'tour-start_on', type: 'date', value: today() })),
      h('p', { class: 'form-error', id: 'tour-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'tour-create' }, 'Start the tour')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFormErrors(form);
      try {
        tour = await api.createTour({ title: form.querySelector('#tour-title').value, start_on: form.querySelector('#tour-start_on').value });
        announce(`Started the tour ${tour.title}`);
        render();
      } catch (err) {
        showFormError(form, 'tour', err);
      }
    });
    return form;
  }

  function stopForm() {
    const p = 'stop';
    const options = h('datalist', { id: 'stop-people' },
      people.map((person) => h('option', { value: person.name }, describePerson(person))));
    const who = h('input', { id: `${p}-person`, type: 'text', list: 'stop-people', autocomplete: 'off', placeholder: 'Dana Ng, or someone new' });
    const team = h('input', { id: `${p}-team`, type: 'text', autocomplete: 'off', placeholder: 'Payments' });
    const role = h('input', { id: `${p}-role`, type: 'text', autocomplete: 'off' });
    const department = h('input', { id: `${p}-department`, type: 'text', autocomplete: 'off' });
    const kind = h('select', { id: `${p}-kind` }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
    const week = h('input', { id: `${p}-week`, type: 'number', min: 1, max: 52, value: 1 });
    const newFields = h('div', { class: 'form-row stop-new', hidden: true },
      field(p, 'role', 'Their role', role), field(p, 'department', 'Team or department', department));
    const whoField = field(p, 'person', 'Who', who, '');
    const teamField = field(p, 'team', 'Team', team);
    const hint = whoField.querySelector('.field-hint');
    const match = () => {
      const typed = who.value.trim().toLocaleLowerCase();
      return people.find((person) => person.name.toLocaleLowerCase() === typed) ?? null;
    };
    const refresh = () => {
      const isTeam = kind.value === 'team';
      whoField.hidden = isTeam;
      teamField.hidden = !isTeam;
      const known = match();
      const isNew = !isTeam && who.value.trim() && !known;
      newFields.hidden = !isNew;
      hint.textContent = isTeam || !who.value.trim() ? '' : known ? describePerson(known) || 'One of your people' : 'Someone new: they will be added to your people.';
    };
    who.addEventListener('input', refresh);
    kind.addEventListener('change', refresh);
    const form = h('form', { class: 'card tour-add', id: 'stop-form', novalidate: true },
      h('h2', {}, 'Add a meeting'),
      options,
      h('div', { class: 'form-row' }, field(p, 'kind', 'Meet', kind), field(p, 'week', 'Target week', week)),
      whoField, teamField, newFields,
      h('p', { class: 'form-error', id: `${p}-form-error`, role: 'alert', hidden: true }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'stop-add' }, 'Add to the tour')));
    refresh();
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      clearFormErrors(form);
      const known = match();
      const input = { kind: kind.value, week: Number(week.value) || 0, team: team.value };
      if (kind.value !== 'team') {
        if (known) input.person_id = known.id;
        else input.new_person = { name: who.value, role: role.value, department: department.value };
      }
      try {
        tour = await api.addTourStop(tour.id, input);
        if (!known && kind.value !== 'team') people = await api.listPeople('');
        announce(`Added ${kind.value === 'team' ? team.value : who.value} to week ${input.week}`);
        render({ focus: '#stop-person' });
      } catch (err) {
        showFormError(form, p, err.field === 'name' ? { ...err, message: err.message, field: 'person' } : err);
      }
    });
    return form;
  }

  async function meetingDialog(stop) {
    const p = 'meeting';
    const answers = QUESTIONS.map(([name, question]) =>
      field(p, name, question, h('textarea', { id: `${p}-${name}`, rows: 3 }, stop[name] ?? '')));
    const saved = await openFormDialog({
      id: 'meeting-dialog',
      className: 'meeting-dialog',
      title: `Meeting ${stopName(stop)}`,
      prefix: p,
      submitLabel: stop.met_on ? 'Save answers' : 'Met',
      fields: [
        field(p, 'met_on', 'Day you met', h('input', { id: `${p}-met_on`, type: 'date', value: stop.met_on ?? today(), max: today() })),
        answers,
        stop.person_id ? h('fieldset', { class: 'meeting-informed' },
          h('legend', {}, `How does ${stopName(stop)} like to be kept informed?`),
          h('div', { class: 'form-row' },
            field(p, 'channel', 'Channel', h('select', { id: `${p}-channel` }, CHANNELS.map(([v, t]) => h('option', { value: v }, t)))),
            field(p, 'cadence_days', 'Every how many days', h('input', { id: `${p}-cadence_days`, type: 'number', min: 1, max: 365, placeholder: '30' })))) : null,
      ],
      save: (form) => {
        const value = (name) => form.querySelector(`#${p}-${name}`)?.value ?? '';
        const cadence = value('cadence_days').trim();
        const days = cadence ? Number(cadence) : null;
        if (cadence && !(Number.isInteger(days) && days >= 1 && days <= 365)) {
          throw { field: 'cadence_days', message: 'Keep in touch every 1 to 365 days.' };
        }
        return api.recordTourMeeting(stop.id, {
          met_on: value('met_on'),
          success: value('success'),
          challenges: value('challenges'),
          who_else: value('who_else'),
          channel: value('channel') || null,
          cadence_days: days,
        });
      },
    });
    if (!saved) return;
    tour = saved;
    showToast(stop.met_on ? `Saved what ${stopName(stop)} said` : `Met ${stopName(stop)}: logged in their journal`);
    render({ focus: `[data-id="${stop.id}"] .stop-record` });
  }

  async function suggestionDialog(stop) {
    const p = 'suggest';
    let name = '';
    const saved = await openFormDialog({
      id: 'suggest-dialog',
      title: `Who ${stopName(stop)} suggested`,
      prefix: p,
      submitLabel: 'Add to the tour',
      fields: [
        h('p', { class: 'muted' }, `${stopName(stop)} suggested someone to meet. They are added to your people, linked as introduced by ${stopName(stop)}, with a meeting the week after.`),
        field(p, 'name', 'Name', h('input', { id: `${p}-name`, type: 'text', autocomplete: 'off' })),
        field(p, 'role', 'Role', h('input', { id: `${p}-role`, type: 'text', autocomplete: 'off' })),
        field(p, 'department', 'Team or department', h('input', { id: `${p}-department`, type: 'text', autocomplete: 'off' })),
      ],
      save: (form) => {
        const value = (field) => form.querySelector(`#${p}-${field}`).value;
        name = value('name');
        return api.addTourSuggestion(stop.id, { name, role: value('role'), department: value('department') });
      },
    });
    if (!saved) return;
    tour = saved;
    people = await api.listPeople('');
    announce(`Added ${labelFor({ name })} to the tour`);
    render();
  }

  async function removeStop(stop) {
    try {
      tour = await api.deleteTourStop(stop.id);
    } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Took ${stopName(stop)} off the tour`, async () => {
      await api.restoreTourStop(stop.id);
      tour = await api.currentTour();
      render();
    });
    render();
    showToast(`Took ${isolate(stopName(stop))} off the tour`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  async function reopen(stop) {
    try {
      tour = await api.clearTourMeeting(stop.id);
      render();
    } catch (err) { showToast(err.message); }
  }

  async function removeTour() {
    const t = tour;
    try { await api.deleteTour(t.id); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Deleted the tour ${t.title}`, async () => { tour = await api.restoreTour(t.id); render(); });
    tour = await api.currentTour();
    render();
    showToast('Deleted the tour and its check-ins', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  function stopItem(stop, now) {
    const status = stopStatus(stop, now);
    const answered = QUESTIONS.filter(([name]) => stop[name]);
    const whoText = stop.person_id ? [stop.role, stop.team].filter(Boolean).join(' · ') : 'Team meeting';
    return h('li', { class: `tour-stop status-${status.id}`, 'data-id': stop.id },
      h('div', { class: 'tour-stop-head' },
        h('span', { class: 'tour-stop-who' },
          stop.person_id ? h('a', { href: `#/people/${encodeURIComponent(stop.person_id)}`, class: 'tour-stop-name' }, stopName(stop)) : h('strong', { class: 'tour-stop-name' }, stopName(stop)),
          h('span', { class: `tour-kind kind-${stop.kind}` }, KINDS.find(([v]) => v === stop.kind)?.[1] ?? stop.kind),
          whoText ? h('span', { class: 'muted' }, whoText) : null,
          stop.suggested_by_name ? h('span', { class: 'muted' }, `suggested by ${labelFor(people.find((p) => p.name === stop.suggested_by_name) ?? { name: stop.suggested_by_name })}`) : null),
        h('span', { class: `tour-status status-${status.id}` }, status.text),
        h('span', { class: 'ledger-actions' },
          h('button', { type: 'button', class: 'stop-record', onclick: () => meetingDialog(stop) }, stop.met_on ? 'Answers' : 'Record meeting'),
          stop.met_on && stop.person_id ? h('button', { type: 'button', class: 'stop-suggest', onclick: () => suggestionDialog(stop) }, 'Add who they suggested') : null,
          stop.met_on ? h('button', { type: 'button', class: 'link stop-reopen', onclick: () => reopen(stop) }, 'Not met yet') : null,
          h('button', { type: 'button', class: 'link stop-delete', 'aria-label': `Remove ${stopName(stop)} from the tour`, onclick: () => removeStop(stop) }, 'Remove'))),
      answered.length ? h('dl', { class: 'tour-answers' }, answered.map(([name, question]) => [h('dt', {}, question), h('dd', {}, stop[name])])) : null);
  }

  function tourView() {
    const now = new Date();
    const next = tour.progress.next.map((id) => tour.stops.find((s) => s.id === id)).filter(Boolean);
    const weeks = new Map();
    for (const stop of tour.stops) {
      if (!weeks.has(stop.week)) weeks.set(stop.week, []);
      weeks.get(stop.week).push(stop);
    }
    const share = tour.progress.total ? tour.progress.met / tour.progress.total : 0;
    // Set through the CSSOM: the page's CSP allows no style attributes.
    const fill = h('span', { class: 'progress-fill' });
    fill.style.width = `${Math.round(share * 100)}%`;
    return [
      h('section', { class: 'card tour-summary', id: 'tour-summary', 'aria-labelledby': 'tour-name' },
        h('h2', { id: 'tour-name' }, tour.title),
        h('p', { class: 'muted' }, `Started ${longDay(tour.start_on)}. ${tourCheckIns(tour.start_on)}`),
        h('p', { class: 'tour-progress', id: 'tour-progress' }, progressText(tour.progress)),
        h('div', { class: 'progress-track', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': tour.progress.total, 'aria-valuenow': tour.progress.met, 'aria-labelledby': 'tour-progress' },
          fill),
        next.length ? h('p', { id: 'tour-next' }, h('strong', {}, 'Next to book: '), next.map((s, i) => [i ? ', ' : '', stopName(s)])) : null,
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'link danger', id: 'tour-delete', onclick: removeTour }, 'Delete the tour'))),
      stopForm(),
      h('section', { class: 'card tour-plan', 'aria-labelledby': 'tour-plan-title' },
        h('h2', { id: 'tour-plan-title' }, 'The plan'),
        tour.stops.length
          ? [...weeks.entries()].map(([week, stops]) => h('section', { class: 'tour-week' },
            h('h3', {}, weekLabel(week, tour.start_on)),
            h('ul', { class: 'tour-stops' }, stops.map((s) => stopItem(s, now)))))
          : h('p', { class: 'muted', id: 'tour-empty' }, 'No meetings planned yet. Start with your manager, your team and the leaders of the teams you depend on.')),
    ];
  }

  function render({ focus } = {}) {
    replaceChildren(body, tour ? tourView() : startForm());
    if (focus) body.querySelector(focus)?.focus();
  }

  async function load() {
    try {
      [tour, people] = await Promise.all([api.currentTour(), api.listPeople('')]);
      render();
      el.dataset.loaded = 'true';
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  const stopPresenting = onPresentingChange(() => { if (tour) render(); });
  load();
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() { stopPresenting(); } };
}
