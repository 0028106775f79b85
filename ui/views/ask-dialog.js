// The dialogs that add or change an ask or a forum, shared by the Asks & forums view and a
// person's page. Each resolves to what the core saved, or null when cancelled; errors show at
// their field.

import { h } from '../lib/dom.js';
import { formField, openFormDialog } from '../lib/form-dialog.js';
import { ASK_KINDS, askInput } from '../lib/ask-format.js';
import { labelFor } from '../lib/presenting.js';

const option = (value, text, selected) => h('option', { value, selected: selected || null }, text);

/**
 * Opens the ask dialog. `choices`: { people, maps, forums } to pick from; `ask` the ask to
 * change (null for a new one); `personId` fixes the person (from their page).
 */
export function openAskDialog(api, choices, { ask = null, personId = null } = {}) {
  const p = 'ask';
  const who = personId
    ? null
    : formField(p, 'person_id', 'Whom you asked', h('select', { id: `${p}-person_id` },
      option('', 'Choose someone', !ask),
      choices.people.map((x) => option(x.id, labelFor(x), x.id === ask?.person_id))));
  const kind = h('select', { id: `${p}-kind` }, ASK_KINDS.map(([k, text]) => option(k, text, k === (ask?.kind ?? 'sounding_board'))));
  const forum = h('select', { id: `${p}-forum_id` },
    option('', 'No particular forum', !ask?.forum_id),
    choices.forums.map((f) => option(f.id, f.name, f.id === ask?.forum_id)));
  const forumField = formField(p, 'forum_id', 'In which forum', forum);
  const showForum = () => { forumField.hidden = kind.value !== 'advocate'; };
  kind.addEventListener('change', showForum);
  showForum();
  const fields = [
    who,
    formField(p, 'kind', 'Kind of support', kind),
    forumField,
    formField(p, 'map_id', 'For which goal', h('select', { id: `${p}-map_id` },
      option('', 'No particular goal', !ask?.map_id),
      choices.maps.map((m) => option(m.id, m.name, m.id === ask?.map_id)))),
    formField(p, 'what', 'What you asked', h('textarea', { id: `${p}-what`, rows: '3', value: ask?.what ?? '' })),
  ];
  return openFormDialog({
    id: 'ask-dialog',
    title: ask ? 'Change the ask' : 'Ask for support',
    prefix: p,
    submitLabel: ask ? 'Save' : 'Add ask',
    fields,
    save: (form) => {
      const value = (name) => form.querySelector(`#${p}-${name}`)?.value ?? '';
      const chosen = personId ?? value('person_id');
      if (!chosen) throw { field: 'person_id', message: 'Choose whom you asked.' };
      const input = askInput({ person_id: chosen, kind: value('kind'), map_id: value('map_id'), forum_id: value('forum_id'), what: value('what') });
      return ask ? api.editAsk(ask.id, input) : api.addAsk(input);
    },
  });
}

/** Opens the forum dialog: name, what it decides, its goal and who sits on it (checkboxes). */
export function openForumDialog(api, choices, forum = null) {
  const p = 'forum';
  const members = new Set((forum?.members ?? []).map((m) => m.person_id));
  const fields = [
    formField(p, 'name', 'Name', h('input', { id: `${p}-name`, type: 'text', autocomplete: 'off', value: forum?.name ?? '', placeholder: 'Promotion panel' })),
    formField(p, 'decides', 'What it decides', h('textarea', { id: `${p}-decides`, rows: '2', value: forum?.decides ?? '' })),
    formField(p, 'map_id', 'For which goal', h('select', { id: `${p}-map_id` },
      option('', 'Every goal', !forum?.map_id),
      choices.maps.map((m) => option(m.id, m.name, m.id === forum?.map_id)))),
    h('fieldset', { class: 'forum-members', id: `${p}-members` },
      h('legend', {}, 'Who sits on it'),
      choices.people.length
        ? choices.people.map((x) => h('label', { class: 'check' },
          h('input', { type: 'checkbox', value: x.id, checked: members.has(x.id) || null, class: 'forum-member' }), ` ${labelFor(x)}`))
        : h('p', { class: 'muted' }, 'Add people first; then choose who sits on it.')),
  ];
  return openFormDialog({
    id: 'forum-dialog',
    title: forum ? `Change ${forum.name}` : 'Add a forum',
    prefix: p,
    submitLabel: forum ? 'Save' : 'Add forum',
    fields,
    save: (form) => {
      const value = (name) => form.querySelector(`#${p}-${name}`)?.value ?? '';
      const input = {
        name: value('name'),
        decides: value('decides'),
        map_id: value('map_id') || null,
        members: [...form.querySelectorAll('.forum-member:checked')].map((c) => c.value),
      };
      return forum ? api.editForum(forum.id, input) : api.addForum(input);
    },
  });
}
