// Two cards of Insights: "About me" (the user's own department, level, manager and
// organisation, with a form to fill them, and what they say: the boss as an ally, allies outside
// the department and at each level, one small circle, the boss's peers) and "Who knows your
// work" (goals whose powerful people have heard of none of the recent wins). They load their
// own data through `api`.

import { announce, h, replaceChildren } from '../lib/dom.js';
import { formField, openFormDialog } from '../lib/form-dialog.js';
import { labelFor, onPresentingChange } from '../lib/presenting.js';
import { personHash } from '../lib/router.js';
import { showChange, showToast } from '../lib/toast.js';
import { gapList } from './wins-render.js';

/** The facts About me gives, as lines of text and people (names through presenting mode). */
export function aboutFacts(i) {
  const lines = [];
  const person = (p) => h('a', { href: personHash(p.person_id), class: 'insight-name' }, labelFor(p));
  const about = i.about;
  const own = [about.level, about.department, about.organisation].filter((t) => t && t.trim());
  lines.push(h('p', { id: 'about-me-summary' }, own.length ? `You: ${own.join(', ')}.` : 'You have not said where you sit yet.'));
  if (i.manager) {
    lines.push(h('p', { id: 'about-me-boss' }, 'Your manager ', person(i.manager),
      i.manager.ally ? ' is an ally.' : ' is not an ally yet.'));
  }
  lines.push(h('p', { id: 'about-me-levels' },
    `${i.allies === 1 ? '1 ally' : `${i.allies} allies`}: ${i.senior} senior, ${i.peer} peer, ${i.junior} junior`,
    i.no_level ? `, ${i.no_level} with no level` : '', '.',
    i.outside_department === null ? '' : ` ${i.outside_department} outside your department.`));
  if (i.boss_peers.length) {
    lines.push(h('div', { id: 'about-me-boss-peers' },
      h('h3', {}, 'Leaders who are peers of your manager'),
      h('ul', {}, i.boss_peers.map((p) => h('li', {}, person(p), p.ally ? ' (an ally)' : '')))));
  }
  return lines;
}

/** The fields of the About me form. */
export function aboutFields(about, people) {
  const p = 'about';
  const text = (name, label, placeholder) => formField(p, name, label,
    h('input', { id: `${p}-${name}`, type: 'text', autocomplete: 'off', placeholder, value: about[name] ?? '' }));
  return [
    text('department', 'Your department', 'Platform'),
    text('level', 'Your level', 'Senior engineer, L5'),
    formField(p, 'manager_id', 'Your manager', h('select', { id: `${p}-manager_id` },
      h('option', { value: '' }, 'Not set'),
      people.map((person) => h('option', { value: person.id, selected: person.id === about.manager_id }, labelFor(person))))),
    text('organisation', 'Your organisation', 'Acme'),
  ];
}

export function aboutMeCards({ api, runUndo }) {
  const state = { insights: null, gaps: [], error: null };
  const body = h('div', { id: 'about-me-body', 'aria-live': 'polite' });
  const gapBody = h('div', { id: 'insights-wins-gap' });
  const about = h('section', { class: 'card insight-card', id: 'about-me', 'aria-labelledby': 'about-me-title' },
    h('h2', { id: 'about-me-title' }, 'About me'),
    body,
    h('div', { class: 'actions' }, h('button', { type: 'button', id: 'about-me-edit', onclick: () => edit() }, 'Edit About me')));
  const known = h('section', { class: 'card insight-card', id: 'wins-gap', 'aria-labelledby': 'wins-gap-title' },
    h('h2', { id: 'wins-gap-title' }, 'Who knows your work'),
    gapBody);

  function render() {
    if (state.error) {
      replaceChildren(body, h('p', { class: 'form-error', role: 'alert' }, state.error));
      return;
    }
    if (!state.insights) return;
    const i = state.insights;
    replaceChildren(body, aboutFacts(i),
      i.gaps.length ? h('ul', { class: 'insight-gaps', id: 'about-me-gaps' },
        i.gaps.map((g) => h('li', { class: `insight-gap gap-${g.code.replace('about_me.', '')}` }, g.text))) : null);
    replaceChildren(gapBody, state.gaps.length
      ? gapList(state.gaps, 'insights-wins-gap')
      : h('p', { class: 'muted' }, 'Everyone with power on your goals has heard of a recent win, or you have logged none yet. Log your wins in My wins.'));
  }

  async function load() {
    try {
      [state.insights, state.gaps] = await Promise.all([api.aboutMeInsights(), api.winsGap().then((g) => g ?? [])]);
      state.error = null;
    } catch (err) {
      state.error = err.message;
    }
    render();
    about.dataset.loaded = 'true';
  }

  async function edit() {
    let people;
    try { people = (await api.listPeople('')) ?? []; } catch (err) { showToast(err.message); return; }
    const current = state.insights?.about ?? { department: '', level: '', manager_id: null, organisation: '' };
    const saved = await openFormDialog({
      id: 'about-dialog', title: 'About me', prefix: 'about', submitLabel: 'Save',
      fields: aboutFields(current, people),
      save: (form) => {
        const value = (name) => form.querySelector(`#about-${name}`).value;
        return api.saveAboutMe({
          department: value('department'), level: value('level'),
          manager_id: value('manager_id') || null, organisation: value('organisation'),
        });
      },
    });
    about.querySelector('#about-me-edit')?.focus();
    if (!saved) return;
    showChange('Saved About me', runUndo);
    announce('Saved About me');
    await load();
  }

  const stopPresenting = onPresentingChange(() => render());
  load();
  return { about, known, reload: load, destroy: stopPresenting };
}
