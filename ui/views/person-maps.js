// A person's place on the maps, from their own page: which maps they are on and where (with a
// link to each map and their stance there), putting them on a map or moving them to another
// quadrant, and the keep-in-touch cadence in effect with where it comes from.

import { announce, h, isolate, replaceChildren } from '../lib/dom.js';
import { labelFor } from '../lib/presenting.js';
import { cadenceParts } from '../lib/cadence-format.js';
import { QUADRANTS, STANCES } from '../lib/grid-geometry.js';
import { clearFormErrors, showFormError } from '../lib/form-errors.js';
import { mapHash } from '../lib/router.js';
import { showChange, showToast } from '../lib/toast.js';

const quadrantLabel = (id) => QUADRANTS.find((q) => q.id === id)?.label ?? '';

/** The maps section for `person`; it loads its own data through `api`. */
export function personMaps(person, { api, runUndo }) {
  const cadence = h('p', { id: 'person-cadence', 'aria-live': 'polite' });
  const stances = h('div', { class: 'person-stances', id: 'person-stances' });
  const mapSelect = h('select', { id: 'place-map_id' });
  const quadrantSelect = h('select', { id: 'place-quadrant' },
    QUADRANTS.map((q) => h('option', { value: q.id }, q.label)));
  const form = h('form', { class: 'ledger-form', id: 'place-form', novalidate: true },
    h('label', { for: 'place-map_id' }, 'Put on'), mapSelect,
    h('label', { for: 'place-quadrant' }, 'in'), quadrantSelect,
    h('button', { type: 'submit', id: 'place-save' }, 'Put on the map'),
    h('p', { class: 'field-error', id: 'place-map_id-error', hidden: true }),
    h('p', { class: 'field-error', id: 'place-position-error', hidden: true }),
    h('p', { class: 'form-error', id: 'place-form-error', role: 'alert', hidden: true }));
  const el = h('section', { class: 'person-maps', 'aria-labelledby': 'person-maps-title' },
    h('h3', { id: 'person-maps-title', class: 'section-title' }, 'Maps and keeping in touch'),
    cadence, stances, form);
  let maps = [];

  async function loadCadence() {
    try {
      const parts = cadenceParts(await api.personCadence(person.id));
      replaceChildren(cadence, parts.text,
        parts.map ? h('a', { href: mapHash(parts.map.id), class: 'cadence-map' }, parts.map.name) : null,
        parts.after);
    } catch (err) {
      replaceChildren(cadence, h('span', { class: 'form-error', role: 'alert' }, err.message));
    }
  }

  async function loadStances() {
    let onMaps;
    try {
      [onMaps, maps] = await Promise.all([api.personStances(person.id), api.listMaps()]);
    } catch (err) {
      replaceChildren(stances, h('p', { class: 'form-error', role: 'alert' }, err.message));
      return;
    }
    onMaps ??= [];
    maps = (maps ?? []).filter((m) => !m.archived);
    replaceChildren(stances,
      h('h4', {}, 'Stance'),
      onMaps.length === 0
        ? h('p', { class: 'muted' }, 'Not on a map yet. Put them on one here, or in Map, to mark where they stand.')
        : h('ul', { class: 'stance-list' }, onMaps.map((s) => {
          const select = h('select', { class: 'stance-select', 'aria-label': `Stance on ${s.map_name}` },
            STANCES.map((st) => h('option', { value: st.id, selected: st.id === s.stance }, `${st.symbol} ${st.label}`)));
          select.addEventListener('change', async () => {
            try {
              await api.setStance(s.map_id, person.id, select.value);
              announce(`${labelFor(person)} is now ${select.selectedOptions[0].textContent} on ${s.map_name}`);
            } catch (err) { showToast(err.message); await loadStances(); }
          });
          return h('li', { 'data-map': s.map_id },
            h('span', {}, h('a', { href: mapHash(s.map_id), class: 'stance-map' }, s.map_name), ` · ${quadrantLabel(s.quadrant)}`),
            select);
        })));
    const onMap = new Set(onMaps.map((s) => s.map_id));
    replaceChildren(mapSelect, maps.map((m) => h('option', { value: m.id }, onMap.has(m.id) ? `${m.name} (move them)` : m.name)));
    form.hidden = maps.length === 0;
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearFormErrors(form);
    const map = maps.find((m) => m.id === mapSelect.value);
    const quadrant = QUADRANTS.find((q) => q.id === quadrantSelect.value);
    if (!map || !quadrant) {
      showFormError(form, 'place', { field: 'map_id', message: 'Choose a map; create one in Map first.' });
      return;
    }
    try {
      await api.placePerson(map.id, person.id, { ...quadrant.centre });
    } catch (err) {
      showFormError(form, 'place', err);
      return;
    }
    await reload();
    const done = `Put ${labelFor(person)} on ${map.name}, in ${quadrant.label}`;
    announce(done);
    showChange(`Put ${isolate(labelFor(person))} on ${isolate(map.name)}, in ${quadrant.label}`, runUndo);
  });

  async function reload() {
    await Promise.all([loadStances(), loadCadence()]);
  }

  reload();
  return { el, reload, reloadCadence: loadCadence };
}
