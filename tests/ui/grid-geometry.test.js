import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  QUADRANTS,
  STANCES,
  arrowBetweenBoxes,
  clampPosition,
  distance,
  labelFor,
  layoutCards,
  pointFromPosition,
  positionFromPoint,
  quadrantById,
  quadrantOf,
  stanceById,
  stepPosition,
} from '../../ui/lib/grid-geometry.js';

// Deterministic random numbers, so a failing layout can be reproduced.
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('the quadrants come in a fixed order with their labels and hints', () => {
  assert.deepEqual(QUADRANTS.map((q) => q.id), ['manage_closely', 'keep_satisfied', 'keep_informed', 'monitor']);
  assert.deepEqual(QUADRANTS.map((q) => q.label), ['Manage closely', 'Keep satisfied', 'Keep informed', 'Monitor']);
  assert.equal(quadrantById('keep_satisfied').hint, 'Meet their needs without burying them in detail.');
  assert.deepEqual(quadrantById('keep_informed').centre, { power: 0.25, interest: 0.75 });
  assert.equal(quadrantById('nope'), undefined);
});

test('quadrants and stances cannot be changed by a caller', () => {
  assert.ok(Object.isFrozen(QUADRANTS[0]), 'a view must not be able to rename a quadrant for everyone');
  assert.ok(Object.isFrozen(QUADRANTS[0].centre));
  assert.ok(Object.isFrozen(STANCES[0]));
  assert.throws(() => { QUADRANTS[0].label = 'x'; }, TypeError);
});

test('each quadrant centre falls in its own quadrant', () => {
  for (const quadrant of QUADRANTS) {
    assert.equal(quadrantOf(quadrant.centre), quadrant, `centre of ${quadrant.id}`);
  }
});

test('exactly 0.5 counts as high', () => {
  assert.equal(quadrantOf({ power: 0.5, interest: 0.5 }).id, 'manage_closely');
  assert.equal(quadrantOf({ power: 0.5, interest: 0.4999 }).id, 'keep_satisfied');
  assert.equal(quadrantOf({ power: 0.4999, interest: 0.5 }).id, 'keep_informed');
  assert.equal(quadrantOf({ power: 0, interest: 0 }).id, 'monitor');
  assert.equal(quadrantOf({ power: 1, interest: 1 }).id, 'manage_closely');
});

test('clamping keeps positions on the grid and puts garbage in the middle', () => {
  assert.deepEqual(clampPosition({ power: 1.7, interest: -0.2 }), { power: 1, interest: 0 });
  assert.deepEqual(clampPosition({ power: NaN, interest: undefined }), { power: 0.5, interest: 0.5 });
  assert.deepEqual(clampPosition({ power: '0.9', interest: null }), { power: 0.5, interest: 0.5 });
  assert.deepEqual(clampPosition(undefined), { power: 0.5, interest: 0.5 });
  assert.deepEqual(clampPosition({ power: 0.3, interest: 0.8 }), { power: 0.3, interest: 0.8 });
});

test('clamping returns a new object', () => {
  const pos = { power: 0.3, interest: 0.8 };
  const clamped = clampPosition(pos);
  assert.notEqual(clamped, pos, 'callers may mutate the result without touching stored data');
});

test('a point maps to interest across and power up', () => {
  const rect = { left: 100, top: 50, width: 400, height: 200 };
  assert.deepEqual(positionFromPoint(100, 250, rect), { power: 0, interest: 0 }, 'bottom left is low/low');
  assert.deepEqual(positionFromPoint(500, 50, rect), { power: 1, interest: 1 }, 'top right is high/high');
  assert.deepEqual(positionFromPoint(200, 100, rect), { power: 0.75, interest: 0.25 });
});

test('a point outside the grid is clamped to its edge', () => {
  const rect = { left: 100, top: 50, width: 400, height: 200 };
  assert.deepEqual(positionFromPoint(0, 1000, rect), { power: 0, interest: 0 });
  assert.deepEqual(positionFromPoint(9999, -9999, rect), { power: 1, interest: 1 });
});

test('a grid with no size puts the point in the middle', () => {
  assert.deepEqual(positionFromPoint(10, 10, { left: 0, top: 0, width: 0, height: 100 }), { power: 0.5, interest: 0.5 });
  assert.deepEqual(positionFromPoint(10, 10, { left: 0, top: 0, width: 100, height: -5 }), { power: 0.5, interest: 0.5 });
});

test('position to pixels flips the power axis', () => {
  const size = { width: 400, height: 200 };
  assert.deepEqual(pointFromPosition({ power: 1, interest: 0 }, size), { x: 0, y: 0 });
  assert.deepEqual(pointFromPosition({ power: 0, interest: 1 }, size), { x: 400, y: 200 });
  assert.deepEqual(pointFromPosition({ power: 0.25, interest: 0.5 }, size), { x: 200, y: 150 });
  assert.deepEqual(pointFromPosition({ power: 2, interest: -1 }, size), { x: 0, y: 0 }, 'off-grid values stay in the box');
});

test('pixels and positions round-trip', () => {
  const rect = { left: 37, top: 12, width: 640, height: 480 };
  const random = seededRandom(7);
  for (let i = 0; i < 200; i += 1) {
    const pos = { power: random(), interest: random() };
    const point = pointFromPosition(pos, rect);
    const back = positionFromPoint(point.x + rect.left, point.y + rect.top, rect);
    assert.ok(Math.abs(back.power - pos.power) < 1e-9, `power ${pos.power} came back as ${back.power}`);
    assert.ok(Math.abs(back.interest - pos.interest) < 1e-9, `interest ${pos.interest} came back as ${back.interest}`);
  }
});

test('arrow keys move along the matching axis', () => {
  const pos = { power: 0.5, interest: 0.5 };
  assert.deepEqual(stepPosition(pos, 'ArrowUp'), { power: 0.52, interest: 0.5 });
  assert.deepEqual(stepPosition(pos, 'ArrowDown'), { power: 0.48, interest: 0.5 });
  assert.deepEqual(stepPosition(pos, 'ArrowRight'), { power: 0.5, interest: 0.52 });
  assert.deepEqual(stepPosition(pos, 'ArrowLeft'), { power: 0.5, interest: 0.48 });
  assert.deepEqual(stepPosition(pos, 'ArrowUp', { big: true }), { power: 0.6, interest: 0.5 });
  assert.deepEqual(pos, { power: 0.5, interest: 0.5 }, 'the input is not modified');
});

test('other keys do not move anything', () => {
  assert.equal(stepPosition({ power: 0.5, interest: 0.5 }, 'Enter'), null);
  assert.equal(stepPosition({ power: 0.5, interest: 0.5 }, 'toString'), null, 'object prototype names are not keys');
});

test('repeated steps do not drift', () => {
  let pos = { power: 0.5, interest: 0.5 };
  for (let i = 0; i < 5; i += 1) pos = stepPosition(pos, 'ArrowUp');
  assert.equal(pos.power, 0.6, 'five small steps up from the middle land exactly on 0.6');
  for (let i = 0; i < 3; i += 1) pos = stepPosition(pos, 'ArrowLeft', { big: true });
  assert.equal(pos.interest, 0.2);
  for (let i = 0; i < 3; i += 1) pos = stepPosition(pos, 'ArrowRight', { big: true });
  assert.equal(pos.interest, 0.5, 'going there and back returns to the start');
});

test('steps stop at the edges', () => {
  assert.deepEqual(stepPosition({ power: 0.99, interest: 0.5 }, 'ArrowUp'), { power: 1, interest: 0.5 });
  assert.deepEqual(stepPosition({ power: 1, interest: 0.5 }, 'ArrowUp', { big: true }), { power: 1, interest: 0.5 });
  assert.deepEqual(stepPosition({ power: 0.5, interest: 0.05 }, 'ArrowLeft', { big: true }), { power: 0.5, interest: 0 });
  assert.deepEqual(stepPosition({ power: 0.01, interest: 0.5 }, 'ArrowDown'), { power: 0, interest: 0.5 });
});

test('distance is Euclidean', () => {
  assert.equal(distance({ power: 0, interest: 0 }, { power: 0.3, interest: 0.4 }), 0.5);
  assert.equal(distance({ power: 0.2, interest: 0.7 }, { power: 0.2, interest: 0.7 }), 0);
  assert.equal(distance({ power: 1, interest: 0 }, { power: 0, interest: 1 }), Math.SQRT2);
});

test('stances come in a fixed order with their symbols', () => {
  assert.deepEqual(
    STANCES.map((s) => `${s.id}:${s.label}:${s.symbol}`),
    ['champion:Champion:★', 'supporter:Supporter:▲', 'neutral:Neutral:●', 'skeptic:Skeptic:▼', 'blocker:Blocker:✖', 'unknown:Unknown:?'],
  );
  assert.equal(stanceById('blocker').symbol, '✖');
  assert.equal(stanceById('ally').id, 'unknown', 'an id from newer data still gets a stance');
  assert.equal(stanceById(undefined).id, 'unknown');
});

test('labels follow the chosen mode', () => {
  const person = { name: 'Dana Ng', role: '  Staff Engineer ' };
  assert.equal(labelFor(person, 'names'), 'Dana Ng');
  assert.equal(labelFor(person, 'initials'), 'DN');
  assert.equal(labelFor(person, 'roles'), 'Staff Engineer');
  assert.equal(labelFor({ name: 'Dana Ng', role: '   ' }, 'roles'), 'DN', 'no role: initials, as in presenting mode');
  assert.equal(labelFor({ name: 'Dana Ng' }, 'roles'), 'DN');
  assert.equal(labelFor(person, 'sideways'), 'Dana Ng', 'an unknown mode falls back to names');
});

const CARD = { cardWidth: 100, cardHeight: 40 };

test('a lone card is not moved', () => {
  const { cards, stacks } = layoutCards([{ id: 'a', x: 50, y: 50 }], CARD);
  assert.deepEqual(cards, [{ id: 'a', x: 50, y: 50, dx: 0, dy: 0, hidden: false }]);
  assert.deepEqual(stacks, []);
});

test('overlapping cards fan out by 10 pixels each', () => {
  const { cards, stacks } = layoutCards([
    { id: 'a', x: 200, y: 200 },
    { id: 'b', x: 230, y: 210 },
    { id: 'c', x: 250, y: 220 }, // exactly half a card from the first in both directions
  ], CARD);
  assert.deepEqual(cards.map((c) => [c.id, c.dx, c.dy, c.hidden]), [['a', 0, 0, false], ['b', 10, 10, false], ['c', 20, 20, false]]);
  assert.deepEqual(cards[1], { id: 'b', x: 230, y: 210, dx: 10, dy: 10, hidden: false }, 'x and y are kept as given');
  assert.deepEqual(stacks, []);
});

test('closeness is measured against the first card of a group', () => {
  // b overlaps a; c overlaps b but not a, so c starts its own group.
  const { cards } = layoutCards([
    { id: 'a', x: 0, y: 0 },
    { id: 'b', x: 40, y: 0 },
    { id: 'c', x: 80, y: 0 },
  ], CARD);
  assert.deepEqual(cards.map((c) => c.dx), [0, 10, 0]);
});

test('a card joins the earliest group it overlaps', () => {
  const { cards } = layoutCards([
    { id: 'a', x: 150, y: 0 },
    { id: 'b', x: 60, y: 0 }, // left of a, so a neighbour-cell scan may well meet b first
    { id: 'c', x: 105, y: 0 }, // within reach of both a and b
    { id: 'd', x: 20, y: 0 }, // within reach of b only
  ], CARD);
  assert.deepEqual(cards.map((c) => c.dx), [0, 0, 10, 10], 'c goes on top of a, the group formed first, so d is second on b');
});

test('far-apart cards stay separate', () => {
  const { cards, stacks } = layoutCards([
    { id: 'a', x: 0, y: 0 },
    { id: 'b', x: 51, y: 0 },
    { id: 'c', x: 0, y: 21 },
    { id: 'd', x: 500, y: 500 },
  ], CARD);
  assert.ok(cards.every((c) => c.dx === 0 && c.dy === 0 && !c.hidden), 'just over half a card apart does not overlap');
  assert.deepEqual(stacks, []);
});

test('a group up to maxStack fans out, a bigger one collapses into a stack', () => {
  const pile = (n, x) => Array.from({ length: n }, (_, i) => ({ id: `${x}-${i}`, x: x + i, y: 100 }));
  const { cards, stacks } = layoutCards([...pile(4, 0), ...pile(5, 1000)], CARD);
  assert.deepEqual(cards.slice(0, 4).map((c) => c.dx), [0, 10, 20, 30]);
  assert.ok(cards.slice(0, 4).every((c) => !c.hidden), 'four cards fit in a fan with the default maxStack');
  assert.ok(cards.slice(4).every((c) => c.hidden && c.dx === 0 && c.dy === 0), 'the fifth card collapses the pile');
  assert.deepEqual(stacks, [{ ids: ['1000-0', '1000-1', '1000-2', '1000-3', '1000-4'], x: 1000, y: 100, count: 5 }]);
});

test('maxStack can be changed', () => {
  const cards = [{ id: 'a', x: 0, y: 0 }, { id: 'b', x: 1, y: 1 }];
  assert.equal(layoutCards(cards, { ...CARD, maxStack: 1 }).stacks.length, 1);
  assert.equal(layoutCards(cards, { ...CARD, maxStack: 2 }).stacks.length, 0);
});

// The rule written the slow, obvious way, to check the spatial hash against.
function layoutByHand(cards, { cardWidth, cardHeight }) {
  const groups = [];
  return cards.map((card) => {
    const found = groups.findIndex((g) => Math.abs(card.x - g.x) <= cardWidth / 2 && Math.abs(card.y - g.y) <= cardHeight / 2);
    if (found !== -1) return found;
    groups.push(card);
    return groups.length - 1;
  });
}

test('500 random cards are laid out with every id exactly once, as the plain rule would', () => {
  const random = seededRandom(42);
  const input = Array.from({ length: 500 }, (_, i) => ({ id: `p${i}`, x: random() * 1200, y: random() * 800 }));
  const { cards, stacks } = layoutCards(input, CARD);
  assert.deepEqual(cards.map((c) => c.id), input.map((c) => c.id), 'cards come back in input order');
  assert.ok(stacks.length > 0, 'this many cards on one screen produces at least one stack');
  const stacked = stacks.flatMap((s) => s.ids);
  assert.equal(new Set(stacked).size, stacked.length, 'no card is in two stacks');
  assert.deepEqual(
    cards.filter((c) => c.hidden).map((c) => c.id).sort(),
    stacked.sort(),
    'exactly the hidden cards are listed in stacks',
  );
  for (const stack of stacks) assert.equal(stack.count, stack.ids.length);

  // Cards in the same group by hand must end up in the same fan or the same stack.
  const expected = layoutByHand(input, CARD);
  const stackOf = new Map(stacks.flatMap((s, i) => s.ids.map((id) => [id, i])));
  for (let i = 0; i < input.length; i += 1) {
    for (let j = i + 1; j < input.length; j += 1) {
      if (expected[i] !== expected[j]) continue;
      if (cards[i].hidden) {
        assert.equal(stackOf.get(cards[i].id), stackOf.get(cards[j].id), `${cards[i].id} and ${cards[j].id} share a stack`);
      } else {
        assert.ok(!cards[j].hidden && cards[j].dx > cards[i].dx, `${cards[j].id} fans out on top of ${cards[i].id}`);
      }
    }
  }
});

test('each card is compared with its neighbours only, not with every other card', () => {
  // Count coordinate reads instead of timing: deterministic, and an all-pairs scan of 5,000
  // scattered cards needs ~25 million reads where a spatial hash needs a few per card.
  const random = seededRandom(3);
  let reads = 0;
  const input = Array.from({ length: 5000 }, (_, i) => {
    const x = random() * 100_000;
    const y = random() * 100_000;
    return { id: i, get x() { reads += 1; return x; }, get y() { reads += 1; return y; } };
  });
  const { cards } = layoutCards(input, CARD);
  assert.equal(cards.length, input.length);
  assert.ok(reads < input.length * 100, `${reads} coordinate reads for ${input.length} cards`);
});

test('arrows between boxes stop at the edges so their heads stay visible', () => {
  const card = { width: 100, height: 40 };
  assert.deepEqual(arrowBetweenBoxes({ x: 0, y: 0 }, { x: 300, y: 0 }, card), { x1: 50, y1: 0, x2: 250, y2: 0 });
  assert.deepEqual(arrowBetweenBoxes({ x: 0, y: 0 }, { x: 0, y: -200 }, card), { x1: 0, y1: -20, x2: 0, y2: -180 });
  assert.deepEqual(arrowBetweenBoxes({ x: 0, y: 0 }, { x: 30, y: 10 }, card), { x1: 0, y1: 0, x2: 30, y2: 10 }, 'overlapping boxes: centre to centre');
});
