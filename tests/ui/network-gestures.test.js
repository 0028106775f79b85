// Pointer and keys on the Network picture: a click opens a person, a drag pulls them or pans,
// the wheel zooms about the pointer, and the keys the view uses are kept from the app's shortcuts.
import './support/network-page.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { createScene } from '../../ui/views/network-canvas.js';
import { attachGestures } from '../../ui/views/network-gestures.js';

function setUp({ reduced = false } = {}) {
  const moved = { x: 0, y: 0 }; // how far the canvas is moved inside its stage
  // The stage frames the canvas; the canvas itself may be moved (a picture at rest being panned).
  const stage = document.createElement('div');
  stage.getBoundingClientRect = () => ({ left: 10, top: 20 });
  const canvas = document.createElement('canvas');
  canvas.getBoundingClientRect = () => ({ left: 10 + moved.x, top: 20 + moved.y });
  stage.append(canvas);
  canvas.setPointerCapture = () => {};
  const scene = createScene();
  scene.size = { width: 400, height: 300, dpr: 1 };
  scene.nodes = [{ id: 'me', me: true, name: 'You', x: 0, y: 0 }, { id: 'ana', name: 'Ana', x: 100, y: 50 }];
  const calls = [];
  const motion = {
    schedule: () => calls.push(['schedule']),
    moveView: (t) => { scene.transform = t; scene.autoFit = false; calls.push(['moveView', t]); },
    fit: () => calls.push(['fit']),
    warm: (alpha) => calls.push(['warm', alpha]),
  };
  const opened = [];
  const gestures = attachGestures({ canvas, scene, motion, reducedMotion: () => reduced, openPerson: (id) => opened.push(id) });
  return { canvas, scene, calls, opened, gestures, moved };
}

/** A pointer event at page point (x, y); the canvas sits at (10, 20). */
function fire(target, type, props = {}) {
  const e = new Event(type, { cancelable: true });
  Object.assign(e, { button: 0, pointerId: 1, ...props });
  target.dispatchEvent(e);
  return e;
}
const at = (x, y) => ({ clientX: x + 10, clientY: y + 20 });

test('pressing and letting go on a person opens them; on yourself or the background, nothing', () => {
  const { canvas, opened, scene } = setUp();
  fire(canvas, 'pointerdown', at(100, 50));
  assert.equal(scene.held?.id, 'ana', 'held while pressed, so the picture is not copied under it');
  fire(canvas, 'pointerup', at(101, 51));
  assert.deepEqual(opened, ['ana']);
  assert.equal(scene.held, null);
  fire(canvas, 'pointerdown', at(0, 0));
  fire(canvas, 'pointerup', at(0, 0));
  fire(canvas, 'pointerdown', at(300, 200));
  fire(canvas, 'pointerup', at(300, 200));
  assert.deepEqual(opened, ['ana']);
});

test('a cancelled press, or another button, opens no one', () => {
  const { canvas, opened } = setUp();
  fire(canvas, 'pointerdown', at(100, 50));
  fire(canvas, 'pointercancel', at(100, 50));
  fire(canvas, 'pointerdown', { ...at(100, 50), button: 2 });
  fire(canvas, 'pointerup', at(100, 50));
  assert.deepEqual(opened, []);
});

test('dragging a person pins them under the pointer, keeps the layout warm, then lets go', () => {
  const { canvas, scene, calls, opened } = setUp();
  const ana = scene.nodes[1];
  fire(canvas, 'pointerdown', at(100, 50));
  fire(canvas, 'pointermove', at(102, 51));
  assert.equal(ana.fx, undefined, 'a few pixels still make a click');
  fire(canvas, 'pointermove', at(150, 80));
  assert.ok(canvas.classList.contains('network-dragging'));
  assert.deepEqual([ana.fx, ana.fy, ana.x, ana.y], [150, 80, 150, 80]);
  assert.equal(scene.autoFit, false);
  fire(canvas, 'pointerup', at(150, 80));
  assert.deepEqual([ana.fx, ana.fy], [null, null]);
  assert.deepEqual(calls.filter(([n]) => n === 'warm'), [['warm', 0.3], ['warm', 0]]);
  assert.ok(!canvas.classList.contains('network-dragging'));
  assert.deepEqual(opened, [], 'a drag is not a click');
});

test('with reduced motion a dragged person moves but the layout is not warmed', () => {
  const { canvas, calls } = setUp({ reduced: true });
  fire(canvas, 'pointerdown', at(100, 50));
  fire(canvas, 'pointermove', at(150, 80));
  assert.deepEqual(calls.filter(([n]) => n === 'warm'), []);
});

test('dragging the background pans by what the pointer moved', () => {
  const { canvas, scene } = setUp();
  fire(canvas, 'pointerdown', at(300, 200));
  fire(canvas, 'pointermove', at(320, 190));
  fire(canvas, 'pointermove', at(330, 195));
  assert.deepEqual(scene.transform, { x: 30, y: -5, k: 1 });
});

test('the pan follows the pointer while the picture at rest, the canvas itself, is moved along', () => {
  const { canvas, scene, moved } = setUp();
  fire(canvas, 'pointerdown', at(300, 200));
  fire(canvas, 'pointermove', at(320, 190));
  Object.assign(moved, { x: 20, y: -10 }); // the view moved the canvas as it is
  fire(canvas, 'pointermove', at(330, 195));
  assert.deepEqual(scene.transform, { x: 30, y: -5, k: 1 });
});

test('hovering a person marks the canvas; leaving clears it', () => {
  const { canvas, scene } = setUp();
  fire(canvas, 'pointermove', at(100, 50));
  assert.equal(scene.hovered?.id, 'ana');
  assert.ok(canvas.classList.contains('network-over-person'));
  fire(canvas, 'pointerleave');
  assert.equal(scene.hovered, null);
  assert.ok(!canvas.classList.contains('network-over-person'));
});

test('the wheel zooms about the pointer and keeps the page from scrolling', () => {
  const { canvas, scene } = setUp();
  const e = fire(canvas, 'wheel', { ...at(100, 50), deltaY: -100, deltaMode: 0 });
  assert.ok(e.defaultPrevented);
  assert.ok(scene.transform.k > 1);
  // The point under the pointer stays put.
  near((100 - scene.transform.x) / scene.transform.k, 100);
  near((50 - scene.transform.y) / scene.transform.k, 50);
});

function near(a, b) { assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`); }

test('arrows pan, + and − zoom about the centre, 0 fits everyone again', () => {
  const { canvas, scene, calls, gestures } = setUp();
  const key = (k, extra = {}) => fire(canvas, 'keydown', { key: k, ...extra });
  assert.ok(key('ArrowLeft').defaultPrevented);
  assert.deepEqual(scene.transform, { x: 60, y: 0, k: 1 });
  key('ArrowDown');
  assert.deepEqual(scene.transform, { x: 60, y: -60, k: 1 });
  key('+');
  assert.equal(scene.transform.k, 1.25);
  key('-');
  near(scene.transform.k, 1);
  scene.fitPath = true;
  assert.ok(key('0').defaultPrevented);
  assert.equal(scene.autoFit, true);
  assert.equal(scene.fitPath, false, 'fitting shows everyone, not the path');
  assert.deepEqual(calls.slice(-2), [['fit'], ['schedule']]);
  assert.equal(key('a').defaultPrevented, false, 'other keys are left to the app');
  assert.equal(key('0', { ctrlKey: true }).defaultPrevented, false);
  assert.equal(gestures.zoomKey('ArrowLeft'), false, 'arrows only move the picture while it has focus');
});
