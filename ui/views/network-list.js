// "People in this view": the same people as the picture, as buttons, for keyboard and
// screen-reader users. Each opens the person; the line under the name says what the picture shows.

import { h, replaceChildren } from '../lib/dom.js';
import { linkCounts, nodeStyle, peopleInOrder, personMeta } from '../lib/network-graph.js';

/** The summary line of the list. */
export const listTitle = (count) => `People in this view (${count.toLocaleString('en-US')})`;

/** The list's items for the people of `nodes`, in name order; `shownAs(person)` names them. */
export function peopleItems(nodes, links, shownAs, openPerson) {
  const degree = linkCounts(links);
  const people = peopleInOrder(nodes);
  if (!people.length) return [h('li', { class: 'muted' }, 'No one in this view.')];
  return people.map((p) => {
    const style = nodeStyle(p);
    return h('li', {}, h('button', { type: 'button', class: 'network-person', 'data-id': p.id, onclick: () => openPerson(p.id) },
      h('span', { class: `network-symbol network-stance-${style.id}`, 'aria-hidden': 'true' }, style.symbol),
      h('span', { class: 'network-person-name' }, shownAs(p)),
      h('span', { class: 'network-person-meta muted' }, personMeta(p, degree.get(p.id) ?? 0))));
  });
}

/** The list, closed at first; `render` fills it for the people shown. */
export function createPeopleList({ shownAs, openPerson }) {
  const summary = h('summary', {}, listTitle(0));
  const list = h('ul', { class: 'network-people' });
  const el = h('details', { id: 'network-list', class: 'network-list' }, summary, list);
  return {
    el,
    render(nodes, links) {
      summary.textContent = listTitle(peopleInOrder(nodes).length);
      replaceChildren(list, peopleItems(nodes, links, shownAs, openPerson));
    },
  };
}
