// What the newbie tour draws, as functions of the tour and the user's people: no api, no
// state of their own. Buttons and forms call the handlers in `on`, which belong to the
// controller in tour.js.

import { personHash } from '../lib/router.js';
import { briefHash } from './brief-render.js';
import { h } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { formField as field } from '../lib/form-dialog.js';
import { describePerson } from '../lib/format.js';
import {
  findPerson, localDay, longDay, nextStops, progressText, stopHint, stopStatus, stopsByWeek, tourCheckIns, tourSummaryText, weekLabel,
} from '../lib/tour-format.js';

// A person's stop is named as presenting mode says; a team's by the team.
export const stopName = (stop) => (stop.person_id ? labelFor(stop) : stop.name);

const KINDS = [['person', 'Person'], ['leader', 'Leader'], ['team', 'Team']];
const CHANNELS = [['', 'Not asked'], ['one_on_one', '1:1'], ['email', 'Email'], ['chat', 'Chat'], ['coffee', 'Coffee'], ['meeting', 'Meeting']];
export const QUESTIONS = [
  ['success', 'What does success look like for me at 30, 60 and 90 days?'],
  ['challenges', 'What are the challenges?'],
  ['who_else', 'Who else should I meet?'],
];

/** The form that starts a tour; `on.start(form)` on submit, and `on.cancelStart()` when there is a tour to go back to. */
export function startForm(on, { canCancel = false } = {}) {
  const form = h('form', { class: 'card tour-start', id: 'tour-start', novalidate: true },
    h('h2', {}, 'Start a tour'),
    h('p', { class: 'muted' }, 'New job or new team? Plan to meet each team, the people you will work with and the leaders, one target week each. In every meeting ask what success looks like, what the challenges are and who else to meet. Allies adds 30, 60 and 90-day check-ins to your reminders.'),
    field('tour', 'title', 'What is starting', h('input', { id: 'tour-title', type: 'text', placeholder: 'New job at Acme' })),
    field('tour', 'start_on', 'First day', h('input', { id: 'tour-start_on', type: 'date', value: localDay() })),
    h('p', { class: 'form-error', id: 'tour-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' },
      canCancel ? h('button', { type: 'button', id: 'tour-start-cancel', onclick: () => on.cancelStart() }, 'Cancel') : null,
      h('button', { type: 'submit', class: 'primary', id: 'tour-create' }, 'Start the tour')));
  form.addEventListener('submit', (e) => { e.preventDefault(); on.start(form); });
  return form;
}

/**
 * The form that adds a meeting. As the user types, it says whether the name is one of
 * `people` or someone new (who then needs a role and team); `on.addStop(form, values, known)` on submit.
 */
function stopForm(people, on) {
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
  const refresh = () => {
    const isTeam = kind.value === 'team';
    whoField.hidden = isTeam;
    teamField.hidden = !isTeam;
    const known = findPerson(people, who.value);
    newFields.hidden = !(!isTeam && who.value.trim() && !known);
    hint.textContent = stopHint({ isTeam, typed: who.value, known, described: known && describePerson(known) });
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
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = { kind: kind.value, week: week.value, team: team.value, who: who.value, role: role.value, department: department.value };
    on.addStop(form, values, findPerson(people, who.value));
  });
  return form;
}

function stopItem(stop, now, people, on) {
  const status = stopStatus(stop, now);
  const answered = QUESTIONS.filter(([name]) => stop[name]);
  const whoText = stop.person_id ? [stop.role, stop.team].filter(Boolean).join(' · ') : 'Team meeting';
  const suggester = stop.suggested_by_name
    && labelFor(people.find((p) => p.name === stop.suggested_by_name) ?? { name: stop.suggested_by_name });
  return h('li', { class: `tour-stop status-${status.id}`, 'data-id': stop.id },
    h('div', { class: 'tour-stop-head' },
      h('span', { class: 'tour-stop-who' },
        stop.person_id ? h('a', { href: personHash(stop.person_id), class: 'tour-stop-name' }, stopName(stop)) : h('strong', { class: 'tour-stop-name' }, stopName(stop)),
        h('span', { class: `tour-kind kind-${stop.kind}` }, KINDS.find(([v]) => v === stop.kind)?.[1] ?? stop.kind),
        whoText ? h('span', { class: 'muted' }, whoText) : null,
        suggester ? h('span', { class: 'muted' }, `suggested by ${suggester}`) : null),
      h('span', { class: `tour-status status-${status.id}` }, status.text),
      h('span', { class: 'ledger-actions' },
        h('button', { type: 'button', class: 'stop-record', onclick: () => on.recordMeeting(stop) }, stop.met_on ? 'Answers' : 'Record meeting'),
        // The page to read before this meeting (views/brief.js).
        stop.person_id ? h('a', { class: 'button stop-brief', href: briefHash(stop.person_id), 'aria-label': `Brief before meeting ${stopName(stop)}` }, 'Brief') : null,
        h('button', { type: 'button', class: 'link stop-week', 'aria-label': `Change the target week of ${stopName(stop)}`, onclick: () => on.moveStop(stop) }, 'Week'),
        stop.met_on && stop.person_id ? h('button', { type: 'button', class: 'stop-suggest', onclick: () => on.addSuggestion(stop) }, 'Add who they suggested') : null,
        stop.met_on ? h('button', { type: 'button', class: 'link stop-reopen', onclick: () => on.reopen(stop) }, 'Not met yet') : null,
        h('button', { type: 'button', class: 'link stop-delete', 'aria-label': `Remove ${stopName(stop)} from the tour`, onclick: () => on.removeStop(stop) }, 'Remove'))),
    answered.length ? h('dl', { class: 'tour-answers' }, answered.map(([name, question]) => [h('dt', {}, question), h('dd', {}, stop[name])])) : null);
}

/** A tour under way: its summary and progress, the form to add a meeting, and the plan week by week. */
export function tourView(tour, people, on, now = new Date()) {
  const next = nextStops(tour);
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
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'tour-export', onclick: () => on.exportTour() }, 'Export as text'),
        h('button', { type: 'button', id: 'tour-print', onclick: () => on.printTour() }, 'Print'),
        h('button', { type: 'button', class: 'link', id: 'tour-edit', onclick: () => on.editTour() }, 'Edit title and first day'),
        h('button', { type: 'button', class: 'link danger', id: 'tour-delete', onclick: () => on.removeTour() }, 'Delete the tour'))),
    stopForm(people, on),
    h('section', { class: 'card tour-plan', 'aria-labelledby': 'tour-plan-title' },
      h('h2', { id: 'tour-plan-title' }, 'The plan'),
      tour.stops.length
        ? stopsByWeek(tour.stops).map(([week, stops]) => h('section', { class: 'tour-week' },
          h('h3', {}, weekLabel(week, tour.start_on)),
          h('ul', { class: 'tour-stops' }, stops.map((s) => stopItem(s, now, people, on)))))
        : h('p', { class: 'muted', id: 'tour-empty' }, 'No meetings planned yet. Start with your manager, your team and the leaders of the teams you depend on.')),
  ];
}

/** The fields of the meeting dialog: the day, the three answers, and for a person how they like to be kept informed. */
export function meetingFields(stop) {
  const p = 'meeting';
  return [
    field(p, 'met_on', 'Day you met', h('input', { id: `${p}-met_on`, type: 'date', value: stop.met_on ?? localDay(), max: localDay() })),
    QUESTIONS.map(([name, question]) => field(p, name, question, h('textarea', { id: `${p}-${name}`, rows: 3 }, stop[name] ?? ''))),
    stop.person_id ? h('fieldset', { class: 'meeting-informed' },
      h('legend', {}, `How does ${stopName(stop)} like to be kept informed?`),
      h('div', { class: 'form-row' },
        field(p, 'channel', 'Channel', h('select', { id: `${p}-channel` }, CHANNELS.map(([v, t]) => h('option', { value: v }, t)))),
        field(p, 'cadence_days', 'Every how many days', h('input', { id: `${p}-cadence_days`, type: 'number', min: 1, max: 365, placeholder: '30' })))) : null,
  ];
}

/** The fields of the "who they suggested" dialog. */
export function suggestionFields(stop) {
  const p = 'suggest';
  return [
    h('p', { class: 'muted' }, `${stopName(stop)} suggested someone to meet. They are added to your people, linked as introduced by ${stopName(stop)}, with a meeting the week after.`),
    field(p, 'name', 'Name', h('input', { id: `${p}-name`, type: 'text', autocomplete: 'off' })),
    field(p, 'role', 'Role', h('input', { id: `${p}-role`, type: 'text', autocomplete: 'off' })),
    field(p, 'department', 'Team or department', h('input', { id: `${p}-department`, type: 'text', autocomplete: 'off' })),
  ];
}

/**
 * Every tour, the current one first, the one shown marked; `on.showTour(id)` opens one and
 * `on.newTour()` starts another (the older ones are kept).
 */
export function tourList(tours, shownId, on) {
  return h('nav', { class: 'card tour-list', 'aria-labelledby': 'tour-list-title' },
    h('h2', { id: 'tour-list-title' }, 'Your tours'),
    h('ul', { class: 'ledger-list', id: 'tours' }, tours.map((t, i) => h('li', { class: 'ledger-item', 'data-id': t.id },
      h('button', { type: 'button', class: 'link tour-open', 'aria-current': t.id === shownId ? 'true' : null, onclick: () => on.showTour(t.id) },
        h('strong', {}, t.title)),
      h('span', { class: 'muted' }, `${i === 0 ? 'Current · ' : ''}${tourSummaryText(t)}`)))),
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'tour-new', onclick: () => on.newTour() }, 'Start a new tour')));
}

/** The fields of the dialog that renames a tour or moves its first day. */
export function tourFields(tour) {
  const p = 'tour-edit';
  return [
    field(p, 'title', 'What is starting', h('input', { id: `${p}-title`, type: 'text', autocomplete: 'off', value: tour.title })),
    field(p, 'start_on', 'First day', h('input', { id: `${p}-start_on`, type: 'date', value: tour.start_on })),
    h('p', { class: 'muted' }, 'The 30, 60 and 90-day check-ins and the target weeks move with the first day.'),
  ];
}

/** The field of the dialog that moves a meeting to another target week. */
export function weekFields(stop) {
  const p = 'stop-week';
  return [field(p, 'week', `Target week for ${stopName(stop)}`, h('input', { id: `${p}-week`, type: 'number', min: 1, max: 52, value: stop.week }))];
}
