// The sample workspace: "Try it with sample people" on the empty People view, and while the
// sample is there, a banner (People) and a card part (Settings → Your data) with "Remove the
// sample people". Adding and removing are one undoable step each; the toast offers Undo.

import { h, announce } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { showChange, showToast } from '../lib/toast.js';

/** "A, B and C". */
function joined(words) {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** What adding the sample did, for the toast and the announcement. */
export function addedMessage(added) {
  return `Added ${added.people} sample people and the map “${added.map_name}”. Remove them any time from the banner on People.`;
}

/**
 * What removing the sample did: the sample people kept because the user's own records mention
 * them are named (as presenting mode shows names), and a kept map is said.
 */
export function removedMessage(removed, label = labelFor) {
  const parts = [removed.people === 1 ? 'Removed 1 sample person.' : `Removed the ${removed.people} sample people.`];
  const kept = removed.kept ?? [];
  if (kept.length) {
    const names = joined(kept.map((k) => label(k)));
    parts.push(`Kept ${names}: your own records mention ${kept.length === 1 ? 'them' : 'them all'}.`);
  }
  if (removed.kept_map) parts.push('The sample map stays, with the people you put on it.');
  return parts.join(' ');
}

/** Runs `call`, then says what it did with Undo; a refusal is shown as it is. */
async function change(call, message, { runUndo, done, button }) {
  if (button) button.disabled = true;
  try {
    const result = await call();
    const text = message(result);
    showChange(text, runUndo);
    announce(text);
    await done?.(result);
  } catch (err) {
    showToast(err.message);
    if (button) button.disabled = false;
  }
}

/** The empty state's "Try it with sample people" button. */
export function tryButton({ api, runUndo, done }) {
  const button = h('button', { type: 'button', id: 'try-sample' }, 'Try it with sample people');
  button.addEventListener('click', () => change(() => api.addSampleWorkspace(), addedMessage, { runUndo, done, button }));
  return button;
}

/** "Remove the sample people", from the banner or Settings (`id` tells them apart). */
export function removeButton({ api, runUndo, done, id = 'remove-sample' }) {
  const button = h('button', { type: 'button', id }, 'Remove the sample people');
  button.addEventListener('click', () => change(() => api.removeSampleWorkspace(), (r) => removedMessage(r), { runUndo, done, button }));
  return button;
}

/** What stays when the sample goes, said before the user removes it. */
export const REMOVING_KEEPS = 'Removing takes away everything the sample added, with any changes you made to it. People you added stay, and so does a sample person your own notes, favours, promises, links or maps mention.';

/** The banner on People while the sample is there. */
export function sampleBanner({ api, runUndo, done }) {
  return h('div', { class: 'sample-banner', id: 'sample-banner', role: 'region', 'aria-label': 'Sample people' },
    h('p', {}, h('strong', {}, 'These are sample people. '), REMOVING_KEEPS),
    h('div', { class: 'actions' }, removeButton({ api, runUndo, done })));
}

/** Settings → Your data: the sample's part, shown only while the sample is there. */
export function sampleSettings({ api, runUndo }) {
  const el = h('div', { class: 'sample-settings', id: 'sample-settings', hidden: true });
  const fill = (status) => {
    el.hidden = !status?.present;
    if (el.hidden) { el.replaceChildren(); return; }
    el.replaceChildren(
      h('h3', {}, 'Sample people'),
      h('p', {}, `${status.people} sample people are here. `, REMOVING_KEEPS),
      h('div', { class: 'actions' }, removeButton({
        api, runUndo, id: 'settings-remove-sample',
        done: async () => fill(await api.sampleWorkspaceStatus()),
      })));
  };
  api.sampleWorkspaceStatus().then(fill, () => { /* no sample part if the status cannot be read */ });
  return el;
}
