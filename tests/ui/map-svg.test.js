import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QUADRANTS, STANCES } from '../../ui/lib/grid-geometry.js';
import { escapeXml, mapToSvg } from '../../ui/lib/map-svg.js';

const HOSTILE = '<script>alert("x")</script> & Co';

function placement(overrides = {}) {
  return {
    personId: 'p1', name: 'Dana Ng', role: 'Staff Engineer', power: 0.8, interest: 0.7,
    stance: 'supporter', desired: null, ...overrides,
  };
}

// Just enough of an XML parser to prove the export opens anywhere: one root element, every tag
// closed in order (or self-closing), attribute values quoted and unique, and every & an entity.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*="[^"<]*")*)\s*(\/?)>/y;
const TEXT = /[^<]+/y;
const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

function assertWellFormedXml(xml) {
  const open = [];
  let roots = 0;
  let at = 0;
  while (at < xml.length) {
    TAG.lastIndex = at;
    TEXT.lastIndex = at;
    const tag = TAG.exec(xml);
    if (tag) {
      const [whole, closing, name, attributes, selfClosing] = tag;
      const names = [...attributes.matchAll(/([\w.:-]+)="([^"]*)"/g)].map(([, key, value]) => {
        assert.doesNotMatch(value, BARE_AMPERSAND, `bare & in ${key}="${value}"`);
        return key;
      });
      assert.equal(new Set(names).size, names.length, `duplicate attribute in ${whole}`);
      if (closing) {
        assert.ok(!selfClosing && !attributes, `malformed closing tag ${whole}`);
        assert.equal(open.pop(), name, `</${name}> closes the wrong element`);
      } else {
        if (open.length === 0) roots += 1;
        if (!selfClosing) open.push(name);
      }
      at += whole.length;
      continue;
    }
    const text = TEXT.exec(xml);
    assert.ok(text, `unparseable markup at ${at}: ${xml.slice(at, at + 60)}`);
    assert.ok(open.length > 0 || text[0].trim() === '', `text outside the root element: ${text[0].slice(0, 40)}`);
    assert.doesNotMatch(text[0], BARE_AMPERSAND, `bare & in text ${text[0].slice(0, 40)}`);
    at += text[0].length;
  }
  assert.deepEqual(open, [], 'every element is closed');
  assert.equal(roots, 1, 'exactly one root element');
}

/** The attributes of the <text> element whose content is exactly `content`. */
function textElement(svg, content) {
  const match = svg.match(new RegExp(`<text([^>]*)>${content.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</text>`));
  assert.ok(match, `a text element reading ${content}`);
  return Object.fromEntries([...match[1].matchAll(/([\w:-]+)="([^"]*)"/g)].map(([, key, value]) => [key, value]));
}

function count(haystack, needle) {
  return haystack.split(needle).length - 1;
}

test('the checker itself rejects broken XML', () => {
  assert.throws(() => assertWellFormedXml('<svg><g></svg></g>'));
  assert.throws(() => assertWellFormedXml('<svg><rect x=1/></svg>'));
  assert.throws(() => assertWellFormedXml('<svg><text>a & b</text></svg>'));
  assert.throws(() => assertWellFormedXml('<svg><g></svg>'));
  assert.throws(() => assertWellFormedXml('<svg/><svg/>'));
  assertWellFormedXml('<svg a="1"><g/><text b="&amp;">x &lt; y</text></svg>\n');
});

test('escapeXml escapes the five XML specials', () => {
  assert.equal(escapeXml(`a & b < c > d "e" 'f'`), 'a &amp; b &lt; c &gt; d &quot;e&quot; &apos;f&apos;');
  assert.equal(escapeXml('&amp;'), '&amp;amp;', 'text that looks escaped is still just text');
  assert.equal(escapeXml(null), '');
  assert.equal(escapeXml(undefined), '');
  assert.equal(escapeXml(42), '42');
  assert.equal(escapeXml('Zoë 👩🏽‍💻'), 'Zoë 👩🏽‍💻', 'non-ASCII text is kept as is');
});

test('escapeXml drops characters XML cannot hold at all', () => {
  assert.equal(escapeXml('Dana\u0000 Ng\u0007'), 'Dana Ng', 'one pasted control character must not break the file');
  assert.equal(escapeXml('a\tb\nc'), 'a\tb\nc', 'tabs and newlines are legal');
  assert.equal(escapeXml('x\uD800y'), 'xy', 'a lone surrogate is dropped');
});

test('the map is one standalone SVG document', () => {
  const svg = mapToSvg({ title: 'Platform rewrite', placements: [placement()] });
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), 'the root element comes first, with its namespace');
  assert.match(svg, /^<svg [^>]*width="1200"/);
  assert.match(svg, /^<svg [^>]*height="800"/);
  assert.match(svg, /^<svg [^>]*viewBox="0 0 1200 800"/);
  assert.match(svg, /^<svg [^>]*font-family="DejaVu Sans, Arial, sans-serif"/);
  for (const banned of ['<style', '<script', '<image', '<foreignObject', 'href', 'http://www.w3.org/1999', '@import']) {
    assert.ok(!svg.includes(banned), `no ${banned}: the file must render the same with no network and no CSS`);
  }
  assert.match(svg, /<rect x="0" y="0" width="1200" height="800" fill="#ffffff"\/>/, 'a white background');
  assertWellFormedXml(svg);
});

test('width and height set the document size', () => {
  const svg = mapToSvg({ title: 'Small', placements: [placement()], width: 640, height: 480 });
  assert.match(svg, /^<svg [^>]*width="640" height="480" viewBox="0 0 640 480"/);
  assertWellFormedXml(svg);
});

test('an empty map is still a valid document', () => {
  const svg = mapToSvg({ title: 'Nobody yet', placements: [] });
  assertWellFormedXml(svg);
  assert.ok(svg.includes('>Nobody yet</text>'));
});

test('the title and date are at the top', () => {
  const svg = mapToSvg({ title: 'Platform rewrite', placements: [], generatedOn: '3 May 2025' });
  const title = textElement(svg, 'Platform rewrite');
  const date = textElement(svg, 'Generated 3 May 2025');
  assert.ok(Number(title.y) < 60 && Number(date.y) < 60, 'both sit above the plotting area');
  assert.ok(!mapToSvg({ title: 'x', placements: [] }).includes('Generated'), 'no date line without a date');
});

test('user text only ever appears escaped', () => {
  const svg = mapToSvg({
    title: HOSTILE,
    placements: [placement({ name: HOSTILE, role: HOSTILE, desired: { power: 0.2, interest: 0.2 } })],
    generatedOn: '<b>today</b>',
  });
  assert.ok(!svg.includes('<script'), 'the raw tag never appears');
  assert.ok(!svg.includes('<b>'));
  assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co'), 'the title is there, escaped');
  assert.ok(svg.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script'), 'the name is there, escaped and cut short');
  assert.ok(svg.includes('Generated &lt;b&gt;today&lt;/b&gt;'));
  assertWellFormedXml(svg);
});

test('the four quadrants are drawn with their labels and hints', () => {
  const svg = mapToSvg({ title: 'Q', placements: [] });
  for (const quadrant of QUADRANTS) {
    assert.ok(svg.includes(`>${quadrant.label}</text>`), `label ${quadrant.label}`);
    assert.ok(svg.includes(`>${escapeXml(quadrant.hint)}</text>`), `hint for ${quadrant.label}`);
  }
  const manage = textElement(svg, 'Manage closely');
  const monitor = textElement(svg, 'Monitor');
  assert.ok(Number(manage.x) > Number(monitor.x), 'high interest is on the right');
  assert.ok(Number(manage.y) < Number(monitor.y), 'high power is at the top');
});

test('the axes are captioned, power turned on its side', () => {
  const svg = mapToSvg({ title: 'Axes', placements: [] });
  const interest = textElement(svg, 'Interest →');
  const power = textElement(svg, 'Power →');
  assert.ok(Number(interest.y) > Number(power.y), 'the interest caption runs under the grid');
  assert.match(power.transform, /^rotate\(-90 /);
});

test('the legend lists the six stances at the bottom', () => {
  const svg = mapToSvg({ title: 'Legend', placements: [] });
  for (const stance of STANCES) {
    const label = textElement(svg, stance.label);
    assert.ok(Number(label.y) > 760, `${stance.label} is in the bottom row`);
    assert.ok(svg.includes(`>${escapeXml(stance.symbol)}</text>`), `${stance.label} has its symbol`);
  }
});

test('each card sits at its position and shows its stance', () => {
  const svg = mapToSvg({
    title: 'Cards',
    placements: [
      placement({ personId: 'a', name: 'Ada High', power: 0.9, interest: 0.9, stance: 'blocker' }),
      placement({ personId: 'b', name: 'Bo Low', power: 0.1, interest: 0.1, stance: 'champion' }),
    ],
  });
  const ada = textElement(svg, 'Ada High');
  const bo = textElement(svg, 'Bo Low');
  assert.ok(Number(ada.x) > Number(bo.x) + 500, 'more interest is further right');
  assert.ok(Number(ada.y) < Number(bo.y) - 300, 'more power is higher up');
  assert.equal(count(svg, '>✖</text>'), 2, 'the blocker symbol is on the card and in the legend');
  assert.equal(count(svg, '>★</text>'), 2, 'the champion symbol is on the card and in the legend');
  assert.equal(count(svg, '>●</text>'), 1, 'nobody is neutral, so only the legend shows that symbol');
});

test('names mode shows the name with the role underneath', () => {
  const svg = mapToSvg({ title: 'Names', placements: [placement(), placement({ personId: 'p2', name: 'Sam Roe', role: '  ' })] });
  const name = textElement(svg, 'Dana Ng');
  const role = textElement(svg, 'Staff Engineer');
  assert.ok(Number(role.y) > Number(name.y), 'the role is the second line');
  assert.ok(Number(role['font-size']) < Number(name['font-size']), 'and smaller');
  assert.ok(svg.includes('>Sam Roe</text>'));
  assert.ok(!svg.includes('Role not set'), 'an empty role leaves out the second line');
});

test('initials mode hides names', () => {
  const svg = mapToSvg({ title: 'Anonymous', placements: [placement()], labelMode: 'initials' });
  assert.ok(svg.includes('>DN</text>'));
  assert.ok(!svg.includes('Dana'), 'a map shared without names must not leak them');
  assert.ok(!svg.includes('Staff Engineer'), 'nor roles, which can identify people');
});

test('roles mode hides names', () => {
  const svg = mapToSvg({
    title: 'Roles',
    placements: [placement(), placement({ personId: 'p2', name: 'Sam Roe', role: '' })],
    labelMode: 'roles',
  });
  assert.ok(svg.includes('>Staff Engineer</text>'));
  assert.ok(svg.includes('>SR</text>'), 'someone without a role shows as initials');
  assert.ok(!svg.includes('Dana') && !svg.includes('Sam Roe'), 'no names anywhere');
});

test('long labels are cut to 28 characters', () => {
  const long = 'Maximiliana Bartholomew-Featherstonehaugh';
  const emoji = '😀'.repeat(40);
  const svg = mapToSvg({
    title: 'Long',
    placements: [placement({ name: long }), placement({ personId: 'p2', name: emoji })],
  });
  assert.ok(svg.includes(`>${Array.from(long).slice(0, 27).join('')}…</text>`));
  assert.ok(!svg.includes(long));
  assert.ok(svg.includes(`>${'😀'.repeat(27)}…</text>`), 'emoji count as one character each');
});

test('a desired position adds a dashed ghost and an arrow to it', () => {
  const without = mapToSvg({ title: 'Now', placements: [placement()] });
  assert.ok(!without.includes('stroke-dasharray'), 'no ghost without a desired position');
  assert.ok(!without.includes('<line'), 'no arrow without a desired position');

  const svg = mapToSvg({ title: 'Plan', placements: [placement({ desired: { power: 0.2, interest: 0.3 } })] });
  assert.match(svg, /<defs>[\s\S]*<marker [^>]*id="arrow"[\s\S]*<\/marker>[\s\S]*<\/defs>/, 'the arrow head is defined once in <defs>');
  assert.equal(count(svg, 'stroke-dasharray'), 1, 'one dashed ghost');
  const lines = svg.match(/<line [^>]*\/>/g) ?? [];
  assert.equal(lines.length, 1);
  assert.match(lines[0], /marker-end="url\(#arrow\)"/);

  // The arrow points from the card (high power, high interest) down-left to the ghost.
  const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((key) => Number(lines[0].match(new RegExp(` ${key}="([^"]+)"`))[1]));
  assert.ok(x2 < x1 && y2 > y1, `arrow from (${x1}, ${y1}) to (${x2}, ${y2})`);
  assertWellFormedXml(svg);
});

test('the ghost sits at the desired position', () => {
  const svg = mapToSvg({ title: 'Plan', placements: [placement({ power: 0.9, interest: 0.1, desired: { power: 0.1, interest: 0.9 } })] });
  const rects = (svg.match(/<rect [^>]*rx="6"[^>]*\/>/g) ?? []).map((rect) => ({
    x: Number(rect.match(/ x="([^"]+)"/)[1]),
    y: Number(rect.match(/ y="([^"]+)"/)[1]),
    dashed: rect.includes('stroke-dasharray'),
  }));
  assert.equal(rects.length, 2, 'one card and one ghost');
  const ghost = rects.find((rect) => rect.dashed);
  const card = rects.find((rect) => !rect.dashed);
  assert.ok(ghost.x > card.x + 500, 'more desired interest is further right');
  assert.ok(ghost.y > card.y + 300, 'less desired power is lower down');
  assert.equal(count(svg, '>Dana Ng</text>'), 2, 'the ghost is labelled too, so it is clear whose plan it is');
});
