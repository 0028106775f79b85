// The side panel over a fake api: the overview with its gaps, and a chosen card's panel
// (stance, where to move, where they are needed, open, take off).
import {
  DANA, MIA, SAM, announced, keyboardClick, mountWith, placed, settle, textOf, toastText,
} from './support/map-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateText } from '../../ui/lib/format.js';

const chooseCard = ($, id) => keyboardClick($(`.map-card[data-person-id="${id}"]`));

test('the overview names the map and lists the largest gaps first', async () => {
  const { $, $$ } = await mountWith({
    mapPlacements: [
      placed(DANA, 0.9, 0.3, { desired: { power: 0.9, interest: 0.8 } }),
      placed(SAM, 0.8, 0.8),
      placed(MIA, 0.2, 0.4, { desired: { power: 0.9, interest: 0.9 } }),
    ],
  });
  const side = $('#map-side');
  assert.equal(side.getAttribute('aria-label'), 'Selected person');
  assert.equal(textOf($('.map-description')), 'Review in March');
  assert.ok(textOf(side).includes(`Target date: ${dateText('2027-03-31')}`), textOf(side));
  assert.match(textOf(side), /3 people on this map/);
  assert.deepEqual($$('#gaps li').map(textOf), ['Mia Chen Monitor → Manage closely (86)', 'Dana Ng Keep satisfied → Manage closely (50)']);
  assert.equal($$('.legend li').length, 6, 'every stance in the legend');
  $$('#gaps li button')[1].click();
  assert.equal(textOf($('#card-panel h2')), 'Dana Ng');
});

test('one person, and no gaps yet, read as such', async () => {
  const { $ } = await mountWith({ mapPlacements: [placed(SAM, 0.8, 0.8)] });
  assert.match(textOf($('#map-side')), /1 person on this map/);
  assert.equal($('#gaps'), null);
  assert.match(textOf($('#map-side')), /the biggest gaps show here/);
});

test('a chosen card\'s panel shows where they are and their stance', async () => {
  const { $, $$ } = await mountWith();
  chooseCard($, 'p1');
  const panel = $('#card-panel');
  assert.equal(textOf(panel.querySelector('h2')), 'Dana Ng');
  assert.match(textOf(panel), /VP Engineering/);
  assert.match(textOf(panel), /Keep satisfied · power 90%, interest 30%/);
  assert.deepEqual([...panel.querySelectorAll('input[name="stance"][checked]')].map((i) => i.value), ['skeptic']);
  assert.deepEqual($$('#card-panel .quadrant-buttons').map((g) => g.getAttribute('aria-label')), ['Move to', 'Where I need them']);
  assert.deepEqual($$('#card-panel [id^="move-"]').map((b) => b.id), ['move-manage_closely', 'move-keep_satisfied', 'move-keep_informed', 'move-monitor']);
  assert.ok($('#desired-clear'), 'Dana has a desired position to clear');
  chooseCard($, 'p2');
  assert.equal($('#desired-clear'), null, 'Sam has none');
});

test('setting the stance saves it and restyles the card', async () => {
  const { api, $ } = await mountWith({ setStance: placed(DANA, 0.9, 0.3, { stance: 'champion' }) });
  chooseCard($, 'p1');
  api.calls.length = 0;
  $('#card-panel input[value="champion"]').dispatchEvent(new Event('change'));
  await settle();
  assert.deepEqual(api.calls, [['setStance', 'm1', 'p1', 'champion']]);
  assert.ok($('.map-card[data-person-id="p1"]').classList.contains('stance-champion'));
  assert.equal(await announced(), 'Dana Ng is now Champion');
});

test('a failed stance change is shown and changes nothing', async () => {
  const { $ } = await mountWith({ setStance: new Error('The map was deleted') });
  chooseCard($, 'p1');
  $('#card-panel input[value="champion"]').dispatchEvent(new Event('change'));
  await settle();
  assert.equal(toastText(), 'The map was deleted');
  assert.ok($('.map-card[data-person-id="p1"]').classList.contains('stance-skeptic'));
});

test('Move to sends the card to the quadrant\'s centre', async () => {
  const { api, $ } = await mountWith({ placePerson: (m, id, position) => ({ ...placed(DANA, 0, 0), position }) });
  chooseCard($, 'p1');
  api.calls.length = 0;
  $('#move-monitor').click();
  await settle();
  assert.deepEqual(api.calls, [['placePerson', 'm1', 'p1', { power: 0.25, interest: 0.25 }, null]]);
  assert.equal(await announced(), 'Dana Ng moved to Monitor');
  assert.match(textOf($('#card-panel')), /Monitor · power 25%, interest 25%/, 'the panel follows');
});

test('Where I need them sets and clears the desired position', async () => {
  const { api, $, $$ } = await mountWith({
    setDesired: (m, id, desired) => ({ ...placed(DANA, 0.9, 0.3, { stance: 'skeptic' }), desired }),
  });
  chooseCard($, 'p1');
  api.calls.length = 0;
  $('#desired-keep_informed').click();
  await settle();
  assert.deepEqual(api.calls, [['setDesired', 'm1', 'p1', { power: 0.25, interest: 0.75 }]]);
  assert.equal(await announced(), 'You need Dana Ng in Keep informed');
  $('#desired-clear').click();
  await settle();
  assert.deepEqual(api.calls[1], ['setDesired', 'm1', 'p1', null]);
  assert.equal(await announced(), 'Cleared where you need Dana Ng');
  assert.equal($$('.ghost').length, 0);
});

test('Take off map and Open person act on the chosen card; Close returns to the overview', async () => {
  const { api, $ } = await mountWith({ unplacePerson: placed(SAM, 0.8, 0.8) });
  chooseCard($, 'p2');
  $('#open-person').click();
  assert.equal(location.hash, '#/people/p2');
  api.calls.length = 0;
  $('#take-off').click();
  await settle();
  assert.deepEqual(api.calls, [['unplacePerson', 'm1', 'p2']]);
  assert.equal($('#card-panel'), null, 'nobody chosen any more');
  chooseCard($, 'p1');
  [...$('#card-panel').querySelectorAll('button.link')].find((b) => textOf(b) === 'Close').click();
  assert.ok($('#map-side .overview'));
});

test('in roles mode the panel does not repeat the role under the heading', async () => {
  const { setPresentingMode } = await import('../../ui/lib/presenting.js');
  const { $ } = await mountWith();
  try {
    setPresentingMode('roles');
    chooseCard($, 'p1');
    assert.equal(textOf($('#card-panel h2')), 'VP Engineering');
    assert.equal($('#card-panel p.muted'), null);
  } finally {
    setPresentingMode('names');
  }
});
