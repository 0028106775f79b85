// The page's font: the desktop's own. On macOS and Windows `system-ui`; on Linux, where WebKitGTK's
// look-up of `system-ui` costs more than twice as much for each size and weight, GTK's interface
// font by name (the shell hands it over), else the generic sans-serif.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { choosePageFont, fontFamilyList, systemFontWanted } from '../../ui/lib/page-font.js';
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

test('on Linux the page names GTK\'s interface font, with sans-serif after it', () => {
  const root = document.createElement('html');
  choosePageFont(root, { platform: 'Linux x86_64' }, 'Ubuntu');
  assert.equal(root.style.getPropertyValue('--page-font'), '"Ubuntu", sans-serif');
  assert.equal(root.classList.contains('system-font'), false);
  choosePageFont(root, { platform: 'Linux x86_64' }, undefined);
  assert.equal(root.style.getPropertyValue('--page-font'), '', 'no font from the shell: the stylesheet\'s sans-serif');
  choosePageFont(root, { platform: 'MacIntel' }, 'Ubuntu');
  assert.equal(root.style.getPropertyValue('--page-font'), '', 'system-ui where it is cheap');
  assert.equal(root.classList.contains('system-font'), true);
});

test('a GTK family becomes a quoted CSS list, whatever its name holds', () => {
  assert.equal(fontFamilyList('Cantarell'), '"Cantarell", sans-serif');
  assert.equal(fontFamilyList('Inter Variable, Sans'), '"Inter Variable", "Sans", sans-serif');
  assert.equal(fontFamilyList('A"B\\C\n'), '"A\\"B\\\\C", sans-serif');
  for (const none of ['', ' , ', null, undefined, 42]) assert.equal(fontFamilyList(none), null);
});
