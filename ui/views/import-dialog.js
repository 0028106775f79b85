// Importing people: choose LinkedIn's Connections.csv, any CSV file or a vCard address book in the
// system's open dialog (or drop it on the window), see what would happen
// (new people, people already here, rows that cannot come in and why), fix a CSV file's column
// mapping, then import it all at once with a progress bar.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { baseName } from '../lib/format.js';
import { labelFor } from '../lib/presenting.js';

const TARGETS = [
  ['name', 'Name'], ['first_name', 'First name'], ['last_name', 'Last name'], ['role', 'Role'],
  ['department', 'Department'], ['organisation', 'Organisation'], ['email', 'Email'],
  ['notes', 'Notes'], ['how_met', 'How you met'], ['tags', 'Tags'],
  // Several values in one cell, each with an optional label: "work: dana@acme.example; d@ng.org".
  ['emails', 'All emails'], ['phones', 'Phone numbers'],
  // "1985-04-12", or "--04-12" without the year.
  ['birthday', 'Birthday'], ['anniversary', 'Work anniversary'], ['start_date', 'Start date'],
];

/** The format a file's name suggests, or null to keep the one chosen. */
export function guessFormat(name) {
  if (/\.(vcf|vcard)$/i.test(name)) return 'vcard';
  if (/connections/i.test(name)) return 'linkedin';
  return null;
}

/**
 * Opens the dialog, reading and importing through `api` (its progress heard through
 * `listen(name, handler)`); `onDone()` runs after people were imported. With `path` (a file dropped on the window) its preview shows at once.
 */
export function openImportDialog({ api, listen, onDone, path = null }) {
  let format = 'linkedin';
  let content = null; // the chosen file's path; the core reads it for the preview and the import
  let mapping = null;
  let preview = null;
  let stopProgress = null;

  const chooseButton = h('button', { type: 'button', id: 'import-choose' }, 'Choose a file…');
  const fileName = h('span', { id: 'import-file-name', class: 'muted' }, 'No file chosen');
  const formatChoice = h('fieldset', { class: 'import-format' },
    h('legend', {}, 'What are you importing?'),
    ...[['linkedin', 'LinkedIn connections (Connections.csv from LinkedIn’s data export)'], ['vcard', 'An address book (vCard .vcf from Outlook, Google or Apple Contacts)'], ['csv', 'Another CSV file, such as a spreadsheet export']]
      .map(([value, label]) => h('label', { class: 'check' },
        h('input', { type: 'radio', name: 'import-format', value, id: `import-format-${value}`, checked: value === format }), label)));
  const body = h('div', { class: 'import-body', id: 'import-body', 'aria-live': 'polite' });
  const confirm = h('button', { type: 'button', class: 'primary', id: 'import-confirm', disabled: true }, 'Import');
  const cancel = h('button', { type: 'button', id: 'import-cancel' }, 'Cancel');
  const dialog = h('dialog', { id: 'import-dialog', class: 'dialog import-dialog', 'aria-labelledby': 'import-title' },
    h('h2', { id: 'import-title' }, 'Import people'),
    formatChoice,
    h('p', { class: 'import-file' }, chooseButton, ' ', fileName),
    body,
    h('div', { class: 'actions' }, confirm, cancel));

  const close = () => {
    stopProgress?.();
    dialog.close();
    dialog.remove();
  };
  cancel.addEventListener('click', close);
  dialog.addEventListener('cancel', (e) => { e.preventDefault(); close(); });

  formatChoice.addEventListener('change', (e) => {
    format = e.target.value;
    mapping = null;
    if (content) showPreview();
  });

  function useFile(chosen) {
    const name = baseName(chosen);
    fileName.textContent = name;
    fileName.className = '';
    replaceChildren(body, h('p', { class: 'muted' }, `Reading ${name}…`));
    content = chosen;
    mapping = null;
    const guessed = guessFormat(name);
    if (guessed) {
      format = guessed;
      dialog.querySelector(`#import-format-${guessed}`).checked = true;
    }
    showPreview();
  }

  chooseButton.addEventListener('click', async () => {
    let chosen;
    try {
      chosen = await api.chooseFileToOpen('people');
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', id: 'import-error', role: 'alert' }, err.message));
      return;
    }
    // Cancelling the open dialog changes nothing: the file chosen before, if any, stays.
    if (chosen) useFile(chosen);
  });

  async function showPreview() {
    confirm.disabled = true;
    try {
      const result = await api.importPreview(format, content, mapping);
      preview = result.preview;
      mapping = result.mapping;
      renderPreview(result);
    } catch (err) {
      preview = null;
      replaceChildren(body, h('p', { class: 'form-error', id: 'import-error', role: 'alert' }, err.message));
    }
  }

  function renderPreview({ headers }) {
    const p = preview;
    const unit = p.unit.charAt(0).toUpperCase() + p.unit.slice(1);
    // Company, group and place cards of an address book: left out on purpose, not errors.
    const notPeople = p.not_people ?? [];
    const parts = [];
    if (p.notice) parts.push(h('p', { class: 'notice', id: 'import-notice' }, p.notice));
    if (format === 'csv') parts.push(mappingTable(headers));
    parts.push(h('p', { id: 'import-summary' },
      h('strong', {}, `${p.new} new ${p.new === 1 ? 'person' : 'people'}`),
      p.duplicates.length ? `, ${p.duplicates.length} already in Allies` : '',
      notPeople.length ? `, ${notPeople.length} skipped (not a person)` : '',
      p.problems.length ? `, ${p.problems.length} ${p.unit}${p.problems.length === 1 ? '' : 's'} that cannot be imported` : '', '.'));
    if (p.sample.length) {
      parts.push(h('ul', { class: 'import-sample', id: 'import-sample', 'aria-label': 'First new people' },
        p.sample.map((c) => h('li', {}, h('strong', {}, labelFor(c.person)),
          [c.person.role, c.person.organisation].filter(Boolean).length ? ` · ${[c.person.role, c.person.organisation].filter(Boolean).join(', ')}` : '')),
        p.new > p.sample.length ? h('li', { class: 'muted' }, `…and ${p.new - p.sample.length} more`) : null));
    }
    if (p.duplicates.length) {
      parts.push(h('fieldset', { class: 'import-duplicates', id: 'import-duplicates' },
        h('legend', {}, 'Already in Allies'),
        h('ul', {}, p.duplicates.slice(0, 20).map((d) => h('li', {}, `${unit} ${d.row}: ${labelFor({ name: d.name })} looks like ${labelFor({ name: d.existing_name })} (${d.reason})`))),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'import-dup', value: 'merge', id: 'import-merge', checked: true }),
          'Merge: fill in what their details lack, change nothing they have'),
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'import-dup', value: 'skip', id: 'import-skip' }), 'Skip them')));
    }
    if (notPeople.length) {
      parts.push(h('details', { class: 'import-not-people', id: 'import-not-people', open: notPeople.length <= 10 },
        h('summary', {}, `Skipped, not a person (${notPeople.length})`),
        h('ul', {}, notPeople.slice(0, 200).map((x) => h('li', {}, `${unit} ${x.row}: ${x.reason}`)))));
    }
    if (p.problems.length) {
      parts.push(h('details', { class: 'import-problems', id: 'import-problems', open: p.problems.length <= 10 },
        h('summary', {}, `${unit}s that cannot be imported (${p.problems.length})`),
        h('ul', {}, p.problems.slice(0, 200).map((x) => h('li', {}, `${unit} ${x.row}: ${x.reason}`)))));
    }
    replaceChildren(body, parts);
    const coming = p.new + p.duplicates.length;
    confirm.disabled = coming === 0;
    confirm.textContent = p.new ? `Import ${p.new} ${p.new === 1 ? 'person' : 'people'}` : 'Import';
  }

  function mappingTable(headers) {
    const rows = TARGETS.map(([key, label]) => {
      const select = h('select', { id: `import-map-${key}`, 'aria-label': `Column for ${label}` },
        h('option', { value: '' }, '—'),
        headers.map((name, i) => h('option', { value: String(i), selected: mapping?.[key] === i }, name || `Column ${i + 1}`)));
      select.addEventListener('change', () => {
        mapping = { ...mapping, [key]: select.value === '' ? null : Number(select.value) };
        showPreview();
      });
      return h('label', {}, label, select);
    });
    return h('fieldset', { class: 'import-mapping', id: 'import-mapping' }, h('legend', {}, 'Columns'), rows);
  }

  confirm.addEventListener('click', async () => {
    if (!preview) return;
    const onDuplicate = dialog.querySelector('#import-skip')?.checked ? 'skip' : 'merge';
    const bar = h('progress', { id: 'import-progress', max: '1', value: '0' });
    replaceChildren(body, h('p', {}, 'Importing…'), bar);
    confirm.disabled = true;
    chooseButton.disabled = true;
    stopProgress = await listen('import-progress', ({ done, total }) => {
      bar.max = String(Math.max(total, 1));
      bar.value = String(done);
    });
    try {
      const s = await api.importApply(format, content, mapping, onDuplicate);
      const notPeople = s.not_people?.length ?? 0;
      const said = `Added ${s.added}, merged ${s.merged}, skipped ${s.skipped}`
        + (notPeople ? `; ${notPeople} ${preview.unit}${notPeople === 1 ? '' : 's'} skipped (not a person)` : '')
        + (s.problems.length ? `; ${s.problems.length} ${preview.unit}${s.problems.length === 1 ? '' : 's'} could not be imported` : '') + '.';
      replaceChildren(body, h('p', { class: 'success', id: 'import-done', role: 'status' }, said));
      announce(said);
      cancel.textContent = 'Close';
      onDone?.(s);
    } catch (err) {
      replaceChildren(body, h('p', { class: 'form-error', id: 'import-error', role: 'alert' },
        `${err.message} Nothing was imported.`));
    } finally {
      stopProgress?.();
      stopProgress = null;
    }
  });

  document.body.append(dialog);
  dialog.showModal();
  chooseButton.focus();
  if (path) useFile(path);
}
