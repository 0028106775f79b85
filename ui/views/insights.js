// Insights: what to do next. For now, the professional groups to show up at, at least once a
// quarter; the rest of the section describes what is still to come.

import { api } from '../lib/api.js';
import { announce, h, replaceChildren } from '../lib/dom.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { sinceText } from '../lib/format.js';
import { daysBetween, dayIn } from '../lib/reminder-format.js';
import { showToast } from '../lib/toast.js';

const QUARTER_DAYS = 91;
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export function mountInsights(ctx) {
  const { undo, runUndo } = ctx;
  const list = h('ul', { class: 'ledger-list', id: 'groups', 'aria-label': 'Professional groups' });
  const form = h('form', { class: 'ledger-form', id: 'group-form', novalidate: true },
    h('label', { class: 'visually-hidden', for: 'group-name' }, 'Group'),
    h('input', { id: 'group-name', type: 'text', autocomplete: 'off', placeholder: 'Rust Berlin meetup' }),
    h('button', { type: 'submit', id: 'group-add' }, 'Add group'),
    h('p', { class: 'field-error', id: 'group-name-error', hidden: true }),
    h('p', { class: 'form-error', id: 'group-form-error', role: 'alert', hidden: true }));

  const el = h('section', { class: 'view', 'aria-labelledby': 'insights-title' },
    h('header', { class: 'view-head' }, h('h1', { id: 'insights-title', tabindex: '-1' }, 'Insights')),
    h('div', { class: 'cards' },
      h('section', { class: 'card', 'aria-labelledby': 'groups-title' },
        h('h2', { id: 'groups-title' }, 'Professional groups'),
        h('p', { class: 'muted' }, 'Communities, meetups and guilds where people get to know you. Go at least once a quarter; Allies reminds you when one has waited too long.'),
        form, list),
      h('section', { class: 'card', id: 'insights-empty', 'aria-labelledby': 'insights-next' },
        h('h2', { id: 'insights-next' }, 'Still to come here'),
        h('p', {}, 'Who is going cold, where your alliances are thin, favours you owe, and who can introduce you to the people you need. Until then, the Reminders section lists who to get in touch with.'))));

  function groupItem(g, today) {
    const ago = g.last_attended ? daysBetween(g.last_attended, today, 'UTC') : null;
    const due = ago === null || ago >= QUARTER_DAYS;
    const when = g.last_attended
      ? `last went ${sinceText(`${g.last_attended}T12:00:00`)} (${g.times_attended} ${g.times_attended === 1 ? 'time' : 'times'})`
      : 'not been yet';
    const date = h('input', { type: 'date', class: 'attend-on', value: today, max: today, 'aria-label': `Day you went to ${g.name}` });
    return h('li', { class: `ledger-item${due ? ' due' : ''}`, 'data-id': g.id },
      h('span', { class: 'ledger-text' }, h('strong', {}, g.name), ' · ', h('span', { class: 'muted' }, when)),
      h('span', { class: 'ledger-actions' }, date,
        h('button', { type: 'button', class: 'group-attend', onclick: () => attend(g, date.value) }, 'I went'),
        h('button', { type: 'button', class: 'link', 'aria-label': `Delete the group “${g.name}”`, onclick: () => remove(g) }, 'Delete')));
  }

  async function load() {
    try {
      const groups = await api.listGroups();
      const today = dayIn(new Date(), localZone());
      replaceChildren(list, groups.length ? groups.map((g) => groupItem(g, today))
        : h('li', { class: 'muted' }, 'No groups yet.'));
    } catch (err) {
      replaceChildren(list, h('li', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function attend(g, on) {
    try {
      const a = await api.attendGroup(g.id, on);
      const entry = undo.push(`Noted going to ${g.name}`, async () => { await api.deleteAttendance(a.id); await load(); });
      await load();
      showToast(`Noted: you went to ${g.name}`, { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
    } catch (err) { showToast(err.message); }
  }

  async function remove(g) {
    try { await api.deleteGroup(g.id); } catch (err) { showToast(err.message); return; }
    const entry = undo.push(`Deleted the group “${g.name}”`, async () => { await api.restoreGroup(g.id); await load(); });
    await load();
    showToast('Deleted the group', { actionLabel: 'Undo', id: 'toast-undo', onAction: () => runUndo(entry) });
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api.addGroup({ name: form.querySelector('#group-name').value });
      form.reset();
      clearFormErrors(form);
      announce('Group added');
      await load();
    } catch (err) {
      showFormError(form, 'group', err);
    }
  });

  load();
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() {} };
}
