// Favours, promises and conflicts with one person: the ledger kept kindly. Each part is its own
// component (person-favours, person-promises, person-conflicts); they share one row editor.

import { h } from '../lib/dom.js';
import { rowEditor } from './ledger-parts.js';
import { personFavours } from './person-favours.js';
import { personPromises } from './person-promises.js';
import { personConflicts } from './person-conflicts.js';

export { doneAtOf } from './ledger-parts.js';

/** The favours, promises and conflicts section for `person`; each part loads its own data. */
export function personLedger(person, ctx) {
  const editor = rowEditor(ctx.runUndo);
  const parts = [personFavours, personPromises, personConflicts].map((part) => part(person, ctx, editor));
  const el = h('section', { class: 'ledger', 'aria-labelledby': 'ledger-title' },
    h('h3', { id: 'ledger-title', class: 'section-title' }, 'Favours, promises and conflicts'),
    parts.flatMap((p) => p.els));
  return {
    el,
    /** True while a form holds typed text, a resolution is being typed, or a row is being edited. */
    isDirty: () => parts.some((p) => p.isDirty()) || editor.isDirty(),
  };
}
