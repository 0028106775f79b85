// A person's profile: what they care about, how they like to be kept informed, what success means
// for them; saved as one form, with how much of it is filled in.

import { announce, h, replaceChildren, isolate } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { showFormError } from '../lib/form-errors.js';
import { showToast } from '../lib/toast.js';

const LEVELS = [['senior_leader', 'Senior leader'], ['skip_level', 'Skip-level'], ['manager', 'Manager'], ['peer', 'Peer'], ['junior', 'Junior'], ['external', 'External']];
const CHANNELS = [['one_on_one', '1:1'], ['email', 'Email'], ['chat', 'Chat'], ['coffee', 'Coffee'], ['meeting', 'Meeting']];
const ALLY_ROLES = [['collaborator', 'Collaborator'], ['supporter', 'Supporter'], ['endorser', 'Endorser'], ['mentor', 'Mentor'], ['sponsor', 'Sponsor']];
const INFO_LENGTHS = [['short', 'Short: the headline'], ['detailed', 'Detailed: the whole of it']];
const INFO_STYLES = [['data', 'Data: numbers first'], ['story', 'Story: the narrative first']];

// The profile's fields in the order a person would fill them in.
const PROFILE_FIELDS = [
  { name: 'level', label: 'Level relative to you', choices: LEVELS },
  { name: 'how_met', label: 'How you met' },
  { name: 'motivations', label: 'What they care about', multiline: true },
  { name: 'influences', label: 'What influences them', multiline: true },
  { name: 'success_30', label: 'Success for them at 30 days' },
  { name: 'success_60', label: 'Success for them at 60 days' },
  { name: 'success_90', label: 'Success for them at 90 days' },
  { name: 'challenges', label: 'Their current challenges', multiline: true },
  { name: 'channel', label: 'How they like to be kept informed', choices: CHANNELS },
  { name: 'cadence_days', label: 'Every how many days', number: true },
  { name: 'pitch', label: 'Your pitch to them', multiline: true },
  { name: 'ally_role', label: 'Ally role', choices: ALLY_ROLES },
  { name: 'needs_from_me', label: 'What they need from you', multiline: true },
  { name: 'leadership_style', label: 'Their leadership style' },
  { name: 'info_format', label: 'The format they like information in' },
  { name: 'info_length', label: 'How much of it', choices: INFO_LENGTHS },
  { name: 'info_style', label: 'Data or story', choices: INFO_STYLES },
  { name: 'one_on_one_weeks', label: 'Regular 1:1 every how many weeks (a reminder keeps it)', number: true, max: 52 },
];

/** The profile of `person` as a folding section; `onSaved` runs after each save. */
export function personProfile(person, { api }, onSaved) {
  const profileForm = h('form', { class: 'profile-form', id: 'profile-form', novalidate: true });
  const filled = h('p', { class: 'muted', id: 'profile-filled' });
  const el = h('details', { class: 'profile', id: 'profile-section' },
    h('summary', {}, h('span', { class: 'section-title' }, 'Profile'), ' ', filled),
    profileForm);

  function fieldControl(f, value) {
    const id = `profile-${f.name}`;
    if (f.choices) {
      return h('select', { id, name: f.name },
        h('option', { value: '' }, 'Not set'),
        f.choices.map(([v, text]) => h('option', { value: v, selected: v === value }, text)));
    }
    if (f.number) return h('input', { id, name: f.name, type: 'number', min: '1', max: String(f.max ?? 365), step: '1', value: value ?? '' });
    if (f.multiline) return h('textarea', { id, name: f.name, rows: '3', value: value ?? '' });
    return h('input', { id, name: f.name, type: 'text', autocomplete: 'off', value: value ?? '' });
  }

  function renderProfile(profile) {
    const missing = PROFILE_FIELDS.filter((f) => profile[f.name] === null || profile[f.name] === '' || profile[f.name] === undefined);
    filled.textContent = missing.length === 0 ? 'complete'
      : `${PROFILE_FIELDS.length - missing.length} of ${PROFILE_FIELDS.length} filled in; add ${missing[0].label.toLowerCase()}`;
    replaceChildren(profileForm,
      PROFILE_FIELDS.map((f) => h('div', { class: 'field' },
        h('label', { for: `profile-${f.name}` }, f.label),
        fieldControl(f, profile[f.name]),
        h('p', { class: 'field-error', id: `profile-${f.name}-error`, hidden: true }))),
      h('p', { class: 'form-error', id: 'profile-form-error', role: 'alert', hidden: true }),
      h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'profile-save' }, 'Save profile')));
    profileForm.dataset.saved = JSON.stringify(readProfile());
  }

  function readProfile() {
    const value = (name) => profileForm.querySelector(`#profile-${name}`)?.value ?? '';
    return Object.fromEntries(PROFILE_FIELDS.map((f) => {
      const v = value(f.name);
      if (f.choices) return [f.name, v || null];
      if (f.number) return [f.name, v.trim() === '' ? null : Number(v)];
      return [f.name, v];
    }));
  }

  profileForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const profile = readProfile();
    if (profile.cadence_days !== null && !Number.isInteger(profile.cadence_days)) {
      showFormError(profileForm, 'profile', { field: 'cadence_days', message: 'Write a whole number of days, such as 14.' });
      return;
    }
    if (profile.one_on_one_weeks !== null && !Number.isInteger(profile.one_on_one_weeks)) {
      showFormError(profileForm, 'profile', { field: 'one_on_one_weeks', message: 'Write a whole number of weeks, such as 2.' });
      return;
    }
    try {
      renderProfile(await api.saveProfile(person.id, profile));
      profileForm.querySelector('#profile-save')?.focus(); // the old button went with the old form
      announce(`Saved ${labelFor(person)}'s profile`);
      onSaved?.(); // their own cadence may have changed
      showToast(`Saved ${isolate(labelFor(person))}'s profile`, { timeoutMs: 4000 });
    } catch (err) {
      showFormError(profileForm, 'profile', err);
    }
  });

  (async () => {
    try {
      renderProfile(await api.getProfile(person.id));
    } catch (err) {
      replaceChildren(profileForm, h('p', { class: 'form-error', role: 'alert' }, err.message));
    }
  })();

  return {
    el,
    /** True while the form differs from what was saved. */
    isDirty: () => profileForm.dataset.saved !== undefined && profileForm.dataset.saved !== JSON.stringify(readProfile()),
  };
}
