// Locking encrypted data: the shell closes it, and the page starts over at the lock screen
// with nothing of the data left in memory.

import { api } from './api.js';
import { showToast } from './toast.js';

/** A message shown once after the reload that follows locking or changing the encryption. */
export const FLASH_KEY = 'allies.flash';

/** Reloads the page, showing `message` once it is back. */
export function reloadWith(message) {
  if (message) sessionStorage.setItem(FLASH_KEY, message);
  location.reload();
}

/** Closes the data and reloads to the lock screen; `client` is the api to ask (a view passes its own). */
export async function lockApp(reason, client = api) {
  try {
    await client.lockNow();
  } catch (err) {
    showToast(`Could not lock: ${err.message}`);
    return;
  }
  reloadWith(reason);
}
