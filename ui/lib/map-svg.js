// Renders a stakeholder map as one standalone SVG document (for export and printing). Pure; no
// DOM, tested with node --test.
//
// The file must look the same wherever it is opened (browsers, Inkscape, librsvg, office suites),
// so it uses inline presentation attributes only: no <style>, no scripts, no external fonts or
// images. Every piece of user text goes through escapeXml.

import { truncate } from './format.js';
import { QUADRANTS, STANCES, arrowBetweenBoxes, labelFor, pointFromPosition, stanceById } from './grid-geometry.js';

const FONT = 'DejaVu Sans, Arial, sans-serif';
const MAX_LABEL_CHARS = 28;
const MAX_TITLE_CHARS = 90;

// Room around the plotting area: title above, "Power" caption left, "Interest" caption and the
// legend below.
const MARGIN = { top: 64, right: 24, bottom: 84, left: 64 };

// Rough average glyph width of DejaVu Sans per pixel of font size; enough to size cards so a
// 28-character label fits without measuring text (which needs a DOM).
const CHAR_WIDTH = 0.62;
const LABEL_SIZE = 12;
const ROLE_SIZE = 10;
const CARD_PADDING = 30; // symbol column plus a margin on the right
const CARD_MIN_WIDTH = 56;

const QUADRANT_FILL = {
  manage_closely: '#fdeceb',
  keep_satisfied: '#fff4df',
  keep_informed: '#e8f1fb',
  monitor: '#eef5ec',
};

const STANCE_COLOUR = {
  champion: '#1a7f37',
  supporter: '#4c9a5e',
  neutral: '#57606a',
  skeptic: '#b35900',
  blocker: '#c0392b',
  unknown: '#6e7781',
};

const TEXT = '#1f2328';
const MUTED = '#57606a';

// Characters XML 1.0 forbids outright (most control characters, lone surrogates, U+FFFE/F).
// Escaping cannot make them legal, and one of them in a pasted name would make the whole file
// unreadable, so they are dropped.
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const XML_ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text -> safe XML text or attribute value. null/undefined become ''. */
export function escapeXml(text) {
  return String(text ?? '')
    .replace(NOT_XML, '')
    .replace(/[&<>"']/g, (char) => XML_ENTITIES[char]);
}

// One decimal is sub-pixel at any sensible size and keeps the file short and diffable.
function num(value) {
  return `${Math.round(value * 10) / 10}`;
}

function attrs(values) {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== null)
    .map(([key, value]) => ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`)
    .join('');
}

function element(tag, values, text) {
  return text === undefined ? `<${tag}${attrs(values)}/>` : `<${tag}${attrs(values)}>${escapeXml(text)}</${tag}>`;
}

function positiveOr(value, fallback) {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

function clamp(value, low, high) {
  return high < low ? (low + high) / 2 : Math.min(high, Math.max(low, value));
}

function textWidth(text, size) {
  return Array.from(text).length * size * CHAR_WIDTH;
}

/** What one placement's card shows, and how big it is, for a label mode. */
function cardFor(placement, labelMode) {
  const stance = stanceById(placement.stance);
  const label = truncate(labelFor(placement, labelMode), MAX_LABEL_CHARS);
  const roleText = labelMode === 'names' ? String(placement.role ?? '').trim() : '';
  const role = roleText ? truncate(roleText, MAX_LABEL_CHARS) : '';
  const width = Math.max(
    CARD_MIN_WIDTH,
    CARD_PADDING + Math.max(textWidth(label, LABEL_SIZE), textWidth(role, ROLE_SIZE)),
  );
  return { stance, label, role, width, height: role ? 40 : 28 };
}

/** A card's centre in the document: its grid position, nudged so the card stays on the plot. */
function centreOf(pos, card, plot) {
  const point = pointFromPosition(pos, plot);
  return {
    x: clamp(plot.x + point.x, plot.x + card.width / 2, plot.x + plot.width - card.width / 2),
    y: clamp(plot.y + point.y, plot.y + card.height / 2, plot.y + plot.height - card.height / 2),
  };
}

function quadrantsSvg(plot) {
  const halfW = plot.width / 2;
  const halfH = plot.height / 2;
  return QUADRANTS.flatMap((quadrant) => {
    // The quadrant's top-left corner is a quarter of the grid up and left of its centre.
    const corner = pointFromPosition(
      { power: quadrant.centre.power + 0.25, interest: quadrant.centre.interest - 0.25 },
      plot,
    );
    const x = plot.x + corner.x;
    const y = plot.y + corner.y;
    return [
      element('rect', { x, y, width: halfW, height: halfH, fill: QUADRANT_FILL[quadrant.id] ?? '#f6f8fa' }),
      element('text', { x: x + 12, y: y + 24, 'font-size': 15, 'font-weight': 'bold', fill: TEXT }, quadrant.label),
      element('text', { x: x + 12, y: y + 42, 'font-size': 11, fill: MUTED }, quadrant.hint),
    ];
  });
}

function cardSvg(card, centre) {
  const left = centre.x - card.width / 2;
  const top = centre.y - card.height / 2;
  const colour = STANCE_COLOUR[card.stance.id] ?? MUTED;
  const labelY = card.role ? centre.y - 2 : centre.y + 4;
  const parts = [
    element('rect', {
      x: left, y: top, width: card.width, height: card.height, rx: 6,
      fill: '#ffffff', stroke: colour, 'stroke-width': 1.5,
    }),
    element('text', { x: left + 14, y: centre.y + 5, 'font-size': 14, 'text-anchor': 'middle', fill: colour }, card.stance.symbol),
    element('text', { x: left + 26, y: labelY, 'font-size': LABEL_SIZE, fill: TEXT }, card.label),
  ];
  if (card.role) {
    parts.push(element('text', { x: left + 26, y: centre.y + 12, 'font-size': ROLE_SIZE, fill: MUTED }, card.role));
  }
  return ['<g>', ...parts, '</g>'];
}

function ghostSvg(card, centre) {
  const left = centre.x - card.width / 2;
  const top = centre.y - card.height / 2;
  return [
    element('rect', {
      x: left, y: top, width: card.width, height: card.height, rx: 6,
      fill: 'none', stroke: STANCE_COLOUR[card.stance.id] ?? MUTED, 'stroke-width': 1.5, 'stroke-dasharray': '5 4',
    }),
    element('text', { x: left + 26, y: centre.y + 4, 'font-size': 11, fill: MUTED }, card.label),
  ];
}

function legendSvg(x, y) {
  const parts = [element('text', { x, y, 'font-size': 12, 'font-weight': 'bold', fill: TEXT }, 'Stance:')];
  let cursor = x + 58;
  for (const stance of STANCES) {
    parts.push(element('text', { x: cursor, y, 'font-size': 14, fill: STANCE_COLOUR[stance.id] ?? MUTED }, stance.symbol));
    parts.push(element('text', { x: cursor + 18, y, 'font-size': 12, fill: TEXT }, stance.label));
    cursor += 18 + textWidth(stance.label, 12) + 24;
  }
  return parts;
}

/**
 * The whole map as an SVG string. `placements` are { personId, name, role, power, interest,
 * stance, desired } with `desired` a { power, interest } or null; `labelMode` is 'names',
 * 'initials' or 'roles'; `generatedOn` is a ready-formatted date string, printed when given.
 */
export function mapToSvg({ title, placements = [], labelMode = 'names', width = 1200, height = 800, generatedOn } = {}) {
  const W = positiveOr(width, 1200);
  const H = positiveOr(height, 800);
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    width: Math.max(1, W - MARGIN.left - MARGIN.right),
    height: Math.max(1, H - MARGIN.top - MARGIN.bottom),
  };
  const heading = truncate(String(title ?? '').trim() || 'Stakeholder map', MAX_TITLE_CHARS);

  const cards = (placements ?? []).map((placement) => {
    const card = cardFor(placement, labelMode);
    const centre = centreOf(placement, card, plot);
    const ghost = placement.desired ? centreOf(placement.desired, card, plot) : null;
    return { card, centre, ghost };
  });

  const lines = [
    `<svg xmlns="http://www.w3.org/2000/svg"${attrs({
      width: W, height: H, viewBox: `0 0 ${num(W)} ${num(H)}`, 'font-family': FONT, role: 'img', 'aria-label': heading,
    })}>`,
    element('title', {}, heading),
    '<defs>',
    `<marker${attrs({ id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' })}>`,
    element('path', { d: 'M0,0 L10,5 L0,10 z', fill: MUTED }),
    '</marker>',
    '</defs>',
    element('rect', { x: 0, y: 0, width: W, height: H, fill: '#ffffff' }),
    element('text', { x: MARGIN.left, y: 38, 'font-size': 22, 'font-weight': 'bold', fill: TEXT }, heading),
  ];
  if (generatedOn) {
    lines.push(element('text', { x: W - MARGIN.right, y: 38, 'font-size': 12, 'text-anchor': 'end', fill: MUTED }, `Generated ${generatedOn}`));
  }

  lines.push(...quadrantsSvg(plot));
  lines.push(element('rect', { x: plot.x, y: plot.y, width: plot.width, height: plot.height, fill: 'none', stroke: '#8c959f' }));
  lines.push(element('text', { x: plot.x + plot.width / 2, y: plot.y + plot.height + 26, 'font-size': 13, 'text-anchor': 'middle', fill: MUTED }, 'Interest →'));
  const powerX = plot.x - 24;
  const powerY = plot.y + plot.height / 2;
  lines.push(element('text', {
    x: powerX, y: powerY, 'font-size': 13, 'text-anchor': 'middle', fill: MUTED,
    transform: `rotate(-90 ${num(powerX)} ${num(powerY)})`,
  }, 'Power →'));

  // Ghosts and arrows go under the cards so the people themselves are never covered by a plan.
  for (const { card, ghost } of cards) {
    if (ghost) lines.push(...ghostSvg(card, ghost));
  }
  for (const { card, centre, ghost } of cards) {
    if (!ghost) continue;
    lines.push(element('line', {
      ...arrowBetweenBoxes(centre, ghost, card), stroke: MUTED, 'stroke-width': 1.5, 'marker-end': 'url(#arrow)',
    }));
  }
  for (const { card, centre } of cards) lines.push(...cardSvg(card, centre));

  lines.push(...legendSvg(MARGIN.left, H - 22));
  lines.push('</svg>');
  return `${lines.join('\n')}\n`;
}
