// Exporting the map over a fake api: the SVG handed to export_map and what the person is told.
import { mountWith, settle, toastText } from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

test('Export SVG saves the picture under the map\'s name and says where', async () => {
  const { api, $ } = await mountWith({ exportMap: '/home/me/Downloads/Allies map - Promotion to Staff.svg' });
  api.calls.length = 0;
  $('#export-svg').click();
  await settle();
  assert.equal(api.calls.length, 1);
  const [name, mapName, format, content] = api.calls[0];
  assert.deepEqual([name, mapName, format], ['exportMap', 'Promotion to Staff', 'svg']);
  assert.match(content, /^<\?xml|^<svg/);
  assert.ok(content.includes('>Dana Ng<') && content.includes('>Sam Patel<'), 'names as text');
  assert.ok(content.includes('Promotion to Staff'), 'the title');
  assert.equal(toastText(), 'Saved /home/me/Downloads/Allies map - Promotion to Staff.svg');
});

test('an export that fails says why', async () => {
  const { $ } = await mountWith({ exportMap: new Error('The disk is full') });
  $('#export-svg').click();
  await settle();
  assert.equal(toastText(), 'The disk is full');
});

test('a PNG is drawn from the SVG on a canvas and saved as a data URL', async () => {
  // linkedom draws nothing: a stand-in image and canvas record what the view asks of them.
  const drawn = [];
  globalThis.Image = class {
    set src(value) { drawn.push(value); this.naturalWidth = 1200; this.naturalHeight = 800; queueMicrotask(() => this.onload()); }
  };
  const create = document.createElement.bind(document);
  document.createElement = (tag) => (tag === 'canvas'
    ? { getContext: () => ({ scale: (x, y) => drawn.push(['scale', x, y]), drawImage: () => {} }), toDataURL: (type) => `data:${type};base64,AAAA` }
    : create(tag));
  try {
    const { api, $ } = await mountWith({ exportMap: '/tmp/map.png' });
    api.calls.length = 0;
    $('#export-png').click();
    await settle();
    assert.deepEqual(api.calls, [['exportMap', 'Promotion to Staff', 'png', 'data:image/png;base64,AAAA']]);
    assert.match(drawn[0], /^data:image\/svg\+xml;charset=utf-8,/);
    assert.deepEqual(drawn[1], ['scale', 2, 2], 'twice the size, for sharp slides');
  } finally {
    document.createElement = create;
    delete globalThis.Image;
  }
});
