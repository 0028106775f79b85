// Loads each section's view module the first time it is shown, and remembers it. The shell asks
// for a mount function by section name; when several are asked for in a row (a quick Ctrl+2 then
// Ctrl+3), only the last one asked is shown.

import { firstMapData } from './map-start.js';

/**
 * Each section: how its module is loaded, the name of its mount function and, for some, the
 * first data it shows, asked for through the api (with the address's parameter) while its module
 * loads (its mount function gets that answer's promise as its third argument, so the two are not
 * waited for one after the other).
 */
export const VIEWS = {
  people: [() => import('../views/people.js'), 'mountPeople'],
  map: [() => import('../views/map.js'), 'mountMap', firstMapData],
  network: [() => import('../views/network.js'), 'mountNetwork'],
  tour: [() => import('../views/tour.js'), 'mountTour'],
  reminders: [() => import('../views/reminders.js'), 'mountReminders'],
  review: [() => import('../views/review.js'), 'mountReview'],
  brief: [() => import('../views/brief.js'), 'mountBrief'],
  insights: [() => import('../views/insights.js'), 'mountInsights'],
  settings: [() => import('../views/settings.js'), 'mountSettings'],
  wins: [() => import('../views/wins.js'), 'mountWins'],
  asks: [() => import('../views/asks.js'), 'mountAsks'],
};

/**
 * Starts loading section `name`'s module (and all it imports) without mounting it: for the section
 * the window opens on, while the shell's own modules still load. The page's module map keeps it,
 * so the `mount` that asks for it later finds it loaded or on its way; a failure is left for that
 * `mount` to report.
 */
export function preload(name, views = VIEWS) {
  const [load] = views[name] ?? views.insights;
  load().catch(() => {});
}

/**
 * `mount(name, api, param)` resolves to `{ run }`, where `run(ctx, param)` mounts the section (an
 * unknown name shows Insights, as before) with the data it asked `api` for meanwhile, if any;
 * `superseded(m)` says whether another section was asked for after `m`, or `cancel()` was called
 * since. `firstShown` resolves to the first view mounted, whichever section it is (another may
 * be chosen while the first loads), or to null when a section's module failed before any was.
 * `views` is the table above unless a test passes its own.
 */
export function viewLoader(views = VIEWS) {
  const loaded = new Map();
  let asked = 0;
  let shown;
  const firstShown = new Promise((resolve) => { shown = resolve; });
  firstShown.catch(() => {}); // a view is not a promise; should one be, its failure is its own
  return {
    firstShown,
    async mount(name, api, param = null) {
      const mine = ++asked;
      const [load, exported, firstData] = views[name] ?? views.insights;
      // Asked for before the module is awaited; a failure is the view's to show, once mounted.
      const early = firstData && api ? Promise.resolve(api).then((a) => firstData(a, param)) : undefined;
      early?.catch(() => {});
      if (!loaded.has(load)) {
        // A failed load is not remembered: the next visit tries again.
        const pending = load().then((m) => m[exported]);
        loaded.set(load, pending);
        pending.catch(() => loaded.delete(load));
      }
      let mountFn;
      try {
        mountFn = await loaded.get(load);
      } catch (err) {
        shown(null); // once one has been shown, this changes nothing
        throw err;
      }
      const run = (ctx, param) => {
        const view = mountFn(ctx, param, early);
        shown(view);
        return view;
      };
      return { run, ticket: mine };
    },
    superseded: (m) => m.ticket !== asked,
    /** Whatever is loading now is not to be shown (the user went back to the section on screen). */
    cancel() { asked += 1; },
  };
}
