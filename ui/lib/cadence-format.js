// Words for the keep-in-touch cadence the core decided for a person, as pure functions tested
// with node --test. The core says how often and why; this only says it.

import { QUADRANTS } from './grid-geometry.js';

/** "every day", "every 10 days", "every week", "every 2 weeks". */
export function everyText(days) {
  if (days === 1) return 'every day';
  if (days % 7 === 0) return days === 7 ? 'every week' : `every ${days / 7} weeks`;
  return `every ${days} days`;
}

/**
 * The cadence in effect as parts to show: `text` before the map, the map (`map_id`,
 * `map_name`) when a quadrant decides, and `after` it. `cadence` is person_cadence's reply.
 */
export function cadenceParts(cadence) {
  if (!cadence) {
    return { text: 'No keep-in-touch reminder: put them on a map below, or set every how many days in their profile.', map: null, after: '' };
  }
  const every = everyText(cadence.days);
  const head = `Keep in touch ${every}`;
  if (cadence.source?.from === 'quadrant') {
    const quadrant = QUADRANTS.find((q) => q.id === cadence.source.quadrant)?.label ?? cadence.source.quadrant;
    return {
      text: `${head}, from their quadrant on `,
      map: { id: cadence.source.map_id, name: cadence.source.map_name },
      after: ` (${quadrant}).`,
    };
  }
  return { text: `${head}: their own setting, from their profile.`, map: null, after: '' };
}
