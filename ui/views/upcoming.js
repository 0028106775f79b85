// Sections whose features are still being built: each says what it will hold and what to do now.

import { h } from '../lib/dom.js';

const SECTIONS = {
  insights: {
    title: 'Insights',
    lead: 'What to do next, from what you have recorded.',
    body: 'Allies will point out who you have not spoken to in a while, favours you owe, and who can introduce you to the people you need. This section is not built yet.',
  },
};

export function mountUpcoming(name) {
  const s = SECTIONS[name];
  const el = h('section', { class: 'view', 'aria-labelledby': `${name}-title` },
    h('header', { class: 'view-head' }, h('h1', { id: `${name}-title`, tabindex: '-1' }, s.title)),
    h('div', { class: 'empty-state', id: `${name}-empty` },
      h('h2', {}, s.lead), h('p', {}, s.body),
      h('a', { href: '#/people', class: 'button' }, 'Go to People')));
  return { el, focusTitle: () => el.querySelector('h1').focus(), handle: () => false, destroy() {} };
}
