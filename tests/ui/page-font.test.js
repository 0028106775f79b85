// The page's font: the desktop's own on macOS and Windows, the generic sans-serif on Linux, where
// WebKitGTK's look-up of `system-ui` costs more than twice as much for each size and weight.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { choosePageFont, systemFontWanted } from '../../ui/lib/page-font.js';
import './support/dom.js';

test('system-ui is asked for on macOS and Windows, not on Linux or the BSDs', () => {
  assert.equal(systemFontWanted({ platform: 'MacIntel' }), true);
  assert.equal(systemFontWanted({ platform: 'Win32' }), true);
  assert.equal(systemFontWanted({ userAgentData: { platform: 'Windows' }, platform: '' }), true);
  assert.equal(systemFontWanted({ platform: 'Linux x86_64' }), false);
  assert.equal(systemFontWanted({ platform: 'FreeBSD amd64' }), false);
  assert.equal(systemFontWanted({ userAgentData: { platform: 'Linux' } }), false);
  assert.equal(systemFontWanted(undefined), true, 'nothing says: the desktop\'s own');
});

test('the choice is a class on the document element, which the stylesheet follows', () => {
  const root = document.createElement('html');
  choosePageFont(root, { platform: 'MacIntel' });
  assert.equal(root.classList.contains('system-font'), true);
  choosePageFont(root, { platform: 'Linux x86_64' });
  assert.equal(root.classList.contains('system-font'), false);
  const css = readFileSync(new URL('../../ui/styles.css', import.meta.url), 'utf8');
  assert.match(css, /:root \{[^}]*--page-font: sans-serif;[^}]*font: 15px\/1\.45 var\(--page-font\);/, 'the page starts in sans-serif');
  assert.match(css, /:root\.system-font \{ --page-font: system-ui, sans-serif; \}/);
});
