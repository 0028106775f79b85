// Runs beside app.js (see index.html): starts loading the code of the section the window opens on
// as soon as the few modules below have arrived, while the shell's own modules are still loading,
// so the two are fetched and parsed side by side instead of one after the other.

import { sectionFromHash, startHash } from './lib/router.js';
import { preload } from './lib/view-loader.js';

let storage = null;
try {
  storage = globalThis.localStorage;
} catch {
  // Storage turned off: the window opens on the section its address names, or People.
}
// The address app.js opens: it puts the section kept from last time in place of one naming none.
preload(sectionFromHash(startHash(globalThis.location?.hash, storage) ?? globalThis.location?.hash));
