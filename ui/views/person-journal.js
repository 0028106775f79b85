// A person's journal: their profile, the maps they are on, every interaction, the ledger of
// favours, promises and conflicts, asks, connections and what they know of your work. Each
// section is its own component; this one lays them out and answers for them together.

import { h } from '../lib/dom.js';
import { personAsks } from './person-asks.js';
import { personInteractions } from './person-interactions.js';
import { personLedger } from './person-ledger.js';
import { personMaps } from './person-maps.js';
import { personNetwork } from './person-network.js';
import { personProfile } from './person-profile.js';
import { personWins } from './person-wins.js';

export { FIRST_MEETING_NOTES, FIRST_MEETING_PROMPT, KINDS } from './person-interactions.js';

/** Builds the journal for `person`; each section loads its own data through `api`. */
export function personJournal(person, { api, runUndo, onChange }) {
  const onMaps = personMaps(person, { api, runUndo });
  const profile = personProfile(person, { api }, () => onMaps.reloadCadence());
  const interactions = personInteractions(person, { api, runUndo, onChange });
  const ledger = personLedger(person, { api, runUndo });
  const network = personNetwork(person, { api, runUndo });
  const wins = personWins(person, { api });
  const asks = personAsks(person, { api, runUndo });
  const el = h('div', { class: 'journal' },
    profile.el, onMaps.el, interactions.el, ledger.el, asks.el, network.el, wins.el);

  return {
    el,
    /** True while the profile or the log form holds typed text that is not saved. */
    isDirty() {
      return profile.isDirty() || interactions.isDirty() || ledger.isDirty();
    },
    /** Ctrl+Enter inside one of the journal's forms submits that form. */
    submitFocused() {
      const focused = document.activeElement;
      if (!focused || !el.contains(focused)) return false;
      // In a favour's or conflict's own controls, Ctrl+Enter does that item's main action.
      const item = focused.closest('.ledger-item');
      if (item && !focused.closest('form')) {
        item.querySelector('.conflict-resolve, .favour-thank')?.click();
        return true;
      }
      const form = focused.closest('form');
      form?.requestSubmit();
      return Boolean(form);
    },
  };
}
