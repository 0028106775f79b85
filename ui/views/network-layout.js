// The Network view's frame: the heading with its filters, the canvas and its empty state, the
// status and help lines, and the side column (the way-in panel, the legend, the people list).

import { h, svg } from '../lib/dom.js';
import { LINK_KINDS, ME_STYLE, STANCE_STYLES, linkStyle } from '../lib/network-graph.js';

/** Builds the view around `finder` and `list` (elements); returns the parts the view changes. */
export function networkLayout({ finder, list }) {
  const title = h('h1', { id: 'network-title', tabindex: '-1' }, 'Network');
  const mapSelect = h('select', { id: 'network-map' }, h('option', { value: '' }, 'All people'));
  const departmentSelect = h('select', { id: 'network-department' }, h('option', { value: '' }, 'Any department'));
  const levelSelect = h('select', { id: 'network-level' }, h('option', { value: '' }, 'Any level'));
  const fitButton = h('button', { type: 'button', id: 'network-fit', title: 'Show everyone (0)' }, 'Fit');
  const head = h('header', { class: 'view-head' }, title,
    h('div', { class: 'network-filters', role: 'group', 'aria-label': 'Who to show' },
      h('label', { class: 'network-filter' }, 'Map', mapSelect),
      h('label', { class: 'network-filter' }, 'Department', departmentSelect),
      h('label', { class: 'network-filter' }, 'Level', levelSelect)),
    h('div', { class: 'spacer' }), fitButton);

  const canvas = h('canvas', {
    id: 'network-canvas', class: 'network-canvas', role: 'img', tabindex: '0', 'aria-label': 'Network', 'aria-describedby': 'network-help',
  });
  const empty = h('div', { class: 'empty-state network-empty', id: 'network-empty', hidden: true },
    h('h2', {}, 'See who connects to whom'),
    h('p', {}, 'Add links on a person\'s page to see who connects to whom.'),
    h('p', {}, h('a', { href: '#/people' }, 'Go to People')));
  const stage = h('div', { class: 'network-stage' }, canvas, empty);
  const status = h('p', { id: 'network-status', class: 'network-status', role: 'status' }, 'Loading…');
  const help = h('p', { id: 'network-help', class: 'muted small' },
    'Drag the background to move around, scroll to zoom, drag a person to pull them about, click a person to open them. '
    + 'With the picture focused: arrow keys move, + and − zoom, 0 shows everyone.');

  const el = h('section', { class: 'view network-view', 'aria-labelledby': 'network-title', 'data-nodes': '0' },
    head,
    h('div', { class: 'network-layout' },
      h('div', { class: 'network-main' }, stage, status, help),
      h('aside', { class: 'network-side', 'aria-label': 'Ways in, legend and people' }, finder, legend(), list)));

  return { el, title, mapSelect, departmentSelect, levelSelect, fitButton, canvas, empty, status };
}

/** What each shape and line means; the shapes match the list's symbols. */
function legend() {
  return h('section', { class: 'network-legend', 'aria-labelledby': 'network-legend-title' },
    h('h2', { id: 'network-legend-title' }, 'Legend'),
    h('ul', { class: 'network-key', 'aria-label': 'People' }, [ME_STYLE, ...STANCE_STYLES].map((s) => h('li', {},
      h('span', { class: `network-symbol network-stance-${s.id}`, 'aria-hidden': 'true' }, s.symbol),
      s.id === 'unknown' ? 'Stance unknown or not set' : s.label))),
    h('p', { class: 'muted small' }, 'The more power, the bigger.'),
    h('ul', { class: 'network-key', 'aria-label': 'Links' }, LINK_KINDS.map((k) => h('li', {}, linkSample(k), k.label))));
}

function linkSample(kind) {
  const style = linkStyle({ kind: kind.id, strength: 'medium' });
  const dashed = style.dash.length > 0;
  return svg('svg', { class: `network-sample network-link-${kind.id}`, width: 36, height: 12, viewBox: '0 0 36 12', 'aria-hidden': 'true' },
    svg('line', {
      x1: 2, y1: 6, x2: kind.arrow ? 27 : 34, y2: 6, 'stroke-width': style.width, opacity: style.alpha,
      'stroke-dasharray': dashed ? style.dash.join(' ') : null,
      'stroke-linecap': dashed && style.dash[0] < 2 ? 'round' : null,
    }),
    kind.arrow ? svg('polygon', { points: '26,2 34,6 26,10' }) : null);
}
