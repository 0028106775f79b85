// Settings → Reminders: when to remind (time zone, mornings, quiet hours, weekly review,
// thank-yous) and whether Allies starts at login. Each part loads and saves its own data through
// the `api` it is given.

import { h, replaceChildren, announce } from '../lib/dom.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';

const DAYS = [['Mon', 'Monday'], ['Tue', 'Tuesday'], ['Wed', 'Wednesday'], ['Thu', 'Thursday'], ['Fri', 'Friday'], ['Sat', 'Saturday'], ['Sun', 'Sunday']];
const THANK_YOU = [['same_day', 'At once'], ['next_morning', 'The next morning'], ['in_days', 'After some days']];
// Fields whose control's value is the setting as it is.
const PLAIN = ['morning', 'quiet_start', 'quiet_end', 'weekly_review_time', 'weekly_review_day', 'thank_you'];

/** "Start at login": Allies then starts in the tray, so reminders come without opening it. */
export function autostartToggle(api) {
  const box = h('input', { type: 'checkbox', id: 'autostart', disabled: true });
  const error = h('p', { class: 'form-error', id: 'autostart-error', role: 'alert', hidden: true });
  const show = (on) => { box.checked = on; box.disabled = false; box.dataset.loaded = 'true'; };
  const fail = (err) => { error.textContent = err.message; error.hidden = false; };
  box.addEventListener('change', async () => {
    error.hidden = true;
    box.disabled = true;
    try {
      show(await api.setAutostart(box.checked));
      announce(box.checked ? 'Allies will start when you log in' : 'Allies will not start at login');
    } catch (err) {
      show(!box.checked);
      fail(err);
    }
  });
  api.getAutostart().then(show, fail);
  return h('div', { class: 'settings-form' },
    h('label', { class: 'check', for: 'autostart' }, box,
      'Start Allies when I log in, in the tray, so reminders come without opening it'),
    error);
}

/** The form, empty; `fill` puts settings in it. */
function settingsForm() {
  const input = (name, type, extra = {}) => h('input', { id: `rs-${name}`, type, ...extra });
  const error = (name) => h('p', { class: 'field-error', id: `rs-${name}-error`, hidden: true });
  const labelled = (name, label, control) => h('label', { for: `rs-${name}` }, label, control);
  return h('form', { class: 'settings-form', id: 'reminder-settings', novalidate: true },
    labelled('time_zone', 'Time zone', h('select', { id: 'rs-time_zone' })), error('time_zone'),
    h('div', { class: 'form-row' },
      labelled('morning', 'Morning reminders at', input('morning', 'time')),
      labelled('quiet_start', 'Quiet from', input('quiet_start', 'time')),
      labelled('quiet_end', 'until', input('quiet_end', 'time'))),
    error('morning'), error('quiet_start'), error('quiet_end'),
    h('label', { class: 'check', for: 'rs-quiet_weekends' }, input('quiet_weekends', 'checkbox'), 'Quiet all weekend too'),
    h('label', { class: 'check', for: 'rs-weekly_review' }, input('weekly_review', 'checkbox'), 'A weekly review'),
    h('div', { class: 'form-row' },
      labelled('weekly_review_day', 'on', h('select', { id: 'rs-weekly_review_day' }, DAYS.map(([v, t]) => h('option', { value: v }, t)))),
      labelled('weekly_review_time', 'at', input('weekly_review_time', 'time'))),
    error('weekly_review_time'),
    h('div', { class: 'form-row' },
      labelled('thank_you', 'Remind me to say thank you', h('select', { id: 'rs-thank_you' }, THANK_YOU.map(([v, t]) => h('option', { value: v }, t)))),
      labelled('thank_you_days', 'days', input('thank_you_days', 'number', { min: 1, max: 30 }))),
    error('thank_you_days'),
    h('label', { class: 'check', for: 'rs-birthday_reminders' }, input('birthday_reminders', 'checkbox'),
      'Remind me of birthdays on the day (each person can say otherwise)'),
    h('label', { class: 'check', for: 'rs-work_date_reminders' }, input('work_date_reminders', 'checkbox'),
      'Remind me of work anniversaries and start dates on the day'),
    h('p', { class: 'form-error', id: 'rs-form-error', role: 'alert', hidden: true }),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'rs-save' }, 'Save reminder settings'),
      h('p', { class: 'success', id: 'rs-saved', role: 'status', hidden: true }, 'Saved.')));
}

/** The reminder settings form; it loads and saves its own data. */
/** The reminder settings; a saved time zone goes to `store`, where "today" is read. */
export function reminderSettingsForm(api, store) {
  const state = { loaded: null }; // the settings as last read or saved; fields the form lacks are kept from them
  const form = settingsForm();
  const f = (name) => form.querySelector(`#rs-${name}`);
  const saved = form.querySelector('#rs-saved');

  function fill(s) {
    state.loaded = s;
    for (const name of PLAIN) f(name).value = s[name];
    f('time_zone').value = s.time_zone;
    f('thank_you_days').value = String(s.thank_you_days);
    f('quiet_weekends').checked = s.quiet_weekends;
    f('weekly_review').checked = s.weekly_review;
    f('birthday_reminders').checked = Boolean(s.birthday_reminders);
    f('work_date_reminders').checked = s.work_date_reminders !== false;
    syncEnabled();
  }

  // A day, a time or a number of days only matters when what it belongs to is switched on.
  function syncEnabled() {
    f('weekly_review_day').disabled = !f('weekly_review').checked;
    f('weekly_review_time').disabled = !f('weekly_review').checked;
    f('thank_you_days').disabled = f('thank_you').value !== 'in_days';
  }
  form.addEventListener('change', syncEnabled);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    saved.hidden = true;
    const settings = {
      ...state.loaded,
      time_zone: f('time_zone').value,
      morning: f('morning').value,
      quiet_start: f('quiet_start').value,
      quiet_end: f('quiet_end').value,
      quiet_weekends: f('quiet_weekends').checked,
      weekly_review: f('weekly_review').checked,
      weekly_review_day: f('weekly_review_day').value,
      weekly_review_time: f('weekly_review_time').value,
      thank_you: f('thank_you').value,
      thank_you_days: Number(f('thank_you_days').value),
      birthday_reminders: f('birthday_reminders').checked,
      work_date_reminders: f('work_date_reminders').checked,
    };
    try {
      const kept = await api.saveReminderSettings(settings);
      fill(kept);
      store?.set('time_zone', kept.time_zone);
      clearFormErrors(form);
      saved.hidden = false;
      announce('Reminder settings saved');
    } catch (err) {
      showFormError(form, 'rs', err);
    }
  });

  api.getReminderSettings().then(({ settings, time_zones }) => {
    replaceChildren(f('time_zone'), time_zones.map((z) => h('option', { value: z }, z.replaceAll('_', ' '))));
    fill(settings);
    form.dataset.loaded = 'true';
  }, (err) => {
    const p = form.querySelector('#rs-form-error');
    p.textContent = err.message;
    p.hidden = false;
  });
  return form;
}
