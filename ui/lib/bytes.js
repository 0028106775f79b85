// Bytes for the trip to the Rust side: file contents as base64, in slices so a large file does
// not overflow the argument list of String.fromCharCode.

const SLICE = 0x8000;

/** Base64 of `bytes` (a Uint8Array or ArrayBuffer). */
export function toBase64(bytes) {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += SLICE) {
    binary += String.fromCharCode(...view.subarray(i, i + SLICE));
  }
  return btoa(binary);
}
