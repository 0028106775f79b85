import { test } from 'node:test';
import assert from 'node:assert/strict';

import { toBase64 } from '../../ui/lib/bytes.js';

test('bytes become the same base64 as the standard encoder gives', () => {
  const text = new TextEncoder().encode('Élodie Durand,Société Générale\r\n');
  assert.equal(toBase64(text), Buffer.from(text).toString('base64'));
  assert.equal(toBase64(new Uint8Array()), '');
});

test('a file larger than one slice is encoded whole', () => {
  const big = new Uint8Array(200_000).map((_, i) => i % 251);
  assert.equal(toBase64(big.buffer), Buffer.from(big).toString('base64'));
});
