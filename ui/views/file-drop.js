// Files dropped on the window: a hint while one is dragged over it, then the import preview for a
// CSV or vCard file, or the restore confirmation for an Allies backup. One file at a time.
// The window's native drag-and-drop events (the app's drag-enter, drag-drop…) carry the files' paths.

import { announce, h } from '../lib/dom.js';
import { baseName } from '../lib/format.js';
import { showToast } from '../lib/toast.js';

// The import preview and the restore confirmation are loaded on the first drop, not at start:
// the shell loads this module before its first section, and most starts drop nothing.

const WHAT = 'a CSV or vCard file to import people, or an Allies backup (.json) to restore it';

/** What dropping `paths` does: { kind: 'import' | 'restore', path } or { kind: 'message', text }. */
export function dropAction(paths) {
  const files = Array.isArray(paths) ? paths.filter((p) => typeof p === 'string' && p) : [];
  if (files.length === 0) return { kind: 'message', text: `Nothing to import was dropped. Drop ${WHAT}.` };
  if (files.length > 1) {
    return { kind: 'message', text: `${files.length} files were dropped; Allies imports one at a time. Drop ${WHAT}.` };
  }
  const [path] = files;
  if (/\.(csv|vcf|vcard)$/i.test(path)) return { kind: 'import', path };
  if (/\.json$/i.test(path)) return { kind: 'restore', path };
  return { kind: 'message', text: `Allies cannot import ${baseName(path)}. Drop ${WHAT}.` };
}

/**
 * Listens for files dragged onto the window through `listen(name, handler)`
 * (the app's ctx.listen). `onImported()` runs after people were imported from a dropped file.
 */
export function watchFileDrops({ api, listen, onImported }) {
  const hint = h('div', { id: 'drop-hint', class: 'drop-hint', hidden: true, 'aria-hidden': 'true' },
    h('p', {}, `Drop ${WHAT}`));
  document.body.append(hint);
  const showHint = (shown) => { hint.hidden = !shown; };
  const say = (text, ok = true) => { showToast(text, { timeoutMs: ok ? 10000 : 12000 }); announce(text); };

  listen('drag-enter', () => { showHint(true); announce(`Drop ${WHAT}`); });
  listen('drag-over', () => showHint(true));
  listen('drag-leave', () => showHint(false));
  // Resolves once the drop was handled (its dialog open), or says why it could not be.
  listen('drag-drop', async (payload) => {
    showHint(false);
    if (document.querySelector('dialog[open]')) {
      say('Close the open dialog first, then drop the file again.', false);
      return;
    }
    const action = dropAction(payload?.paths);
    try {
      if (action.kind === 'import') {
        const { openImportDialog } = await import('./import-dialog.js');
        openImportDialog({ api, listen, onDone: onImported, path: action.path });
      } else if (action.kind === 'restore') {
        const { restoreBackupAt } = await import('./settings-data.js');
        restoreBackupAt(api, action.path, say); // asks first; says itself how it went
      } else {
        say(action.text, false);
      }
    } catch (err) {
      say(`The dropped file could not be opened: ${err.message}`, false);
    }
  });
}
