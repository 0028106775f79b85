// How links and intro paths read in words, on a person's page and in the Network view.

/** Link kinds in the order a person's page offers them, with the verb the UI shows. */
export const LINK_KIND_WORDS = Object.freeze([
  ['close_with', 'is close with'], ['reports_to', 'reports to'], ['influences', 'influences'],
  ['introduced_me_to', 'introduced me to'], ['in_conflict_with', 'is in conflict with'],
].map((pair) => Object.freeze(pair)));

/** The verb for a link kind ("reports to"); an unknown kind is shown as it is. */
export function kindText(kind) {
  return LINK_KIND_WORDS.find(([k]) => k === kind)?.[1] ?? kind;
}

/**
 * Words for one intro path, from the user to the target, each person with the strength of the
 * link that reaches them (and its kind unless it is the usual "close with"):
 * "You → Priya (strong) → Marco (medium, reports to) → Dana (weak)".
 */
export function pathText(path, nameOf) {
  const stepText = (s) => `${nameOf(s.person_id)} (${s.strength}${s.kind === 'close_with' ? '' : `, ${kindText(s.kind)}`})`;
  return ['You', ...(path?.steps ?? []).map(stepText)].join(' → ');
}
