// Editing a record where it is listed: the row becomes the record's form, pre-filled, until it
// is saved or cancelled (Cancel or Escape), and focus comes back to the row's Edit button.
// Also the words a toast uses to say what an edit changed.

/** What the form's controls hold, to tell whether anything was typed since it opened. */
export function formValues(form) {
  return JSON.stringify([...form.querySelectorAll('input, select, textarea')].map((c) => (
    c.multiple ? [...c.querySelectorAll('option')].filter((o) => o.selected).map((o) => o.value) : c.value)));
}

/**
 * Puts `form` in place of `row`'s content. Its `.edit-cancel` button and Escape call `cancel`.
 * Returns { close, isDirty }: close() puts the row back as it was (and focuses `returnFocus`).
 */
export function editInRow(row, form, { cancel, returnFocus }) {
  const before = [...row.childNodes];
  row.classList.add('editing');
  row.replaceChildren(form);
  // A form that fills its choices later records them again in dataset.opened.
  form.dataset.opened = formValues(form);
  form.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    cancel();
  });
  form.querySelector('.edit-cancel')?.addEventListener('click', () => cancel());
  form.querySelector('input, select, textarea')?.focus();
  return {
    close() {
      row.classList.remove('editing');
      row.replaceChildren(...before);
      returnFocus?.()?.focus();
    },
    isDirty: () => form.isConnected && formValues(form) !== form.dataset.opened,
  };
}

/** "the date", "the date and the notes", "the date, the kind and the notes". */
export function listOfChanges(labels) {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * The labels of the fields that differ between `before` and `after`: `fields` maps a label to
 * a function reading the value compared (arrays compare by their items).
 */
export function changedFields(before, after, fields) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  return Object.entries(fields).filter(([, read]) => !same(read(before), read(after))).map(([label]) => label);
}

/** The toast after an edit: "Changed the coffee: the date and the notes", or "Nothing changed in…". */
export function editMessage(what, changes) {
  return changes.length ? `Changed ${what}: ${listOfChanges(changes)}` : `Nothing changed in ${what}`;
}
