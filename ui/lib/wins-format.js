// Words and values for My wins, with no DOM: how a win was told, the form's values as the core
// takes them, which links may be opened, and the sentences the views show.

/** How someone heard of a win, as the core names it, with its label. */
export const HOW = [
  ['one_on_one', 'In a 1:1'],
  ['demo', 'At a demo'],
  ['email', 'By email'],
  ['meeting', 'In a meeting'],
  ['other', 'Another way'],
];

export function howLabel(how) {
  return HOW.find(([v]) => v === how)?.[1] ?? String(how ?? '');
}

/** Today as YYYY-MM-DD on this computer's calendar (the default day of a win or a telling). */
export function todayValue(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The core's WinInput from the form's values; an empty map choice is none. */
export function winInput({ title = '', won_on = '', impact = '', map_id = '', link = '' }) {
  return { title, won_on, impact, map_id: map_id ? map_id : null, link: link.trim() };
}

/** Whether `link` is a web address the app may offer to open (never javascript:, file: …). */
export function isWebLink(link) {
  return /^https?:\/\/[^\s]+$/i.test(String(link ?? '').trim());
}

/** "Known by 2 people", "Nobody knows yet". */
export function knownText(n) {
  if (!n) return 'Nobody has heard of it yet';
  return n === 1 ? 'Known by 1 person' : `Known by ${n} people`;
}

/** "In a 1:1 on 3 Nov 2026", with the day written by `dayText`. */
export function toldText(share, dayText) {
  return `${howLabel(share.how)} on ${dayText(share.shared_on)}`;
}

/** What a gap on a goal says, without names: "2 people with power have heard of none…". */
export function gapText(gap) {
  const n = gap.people.length;
  return `${n === 1 ? '1 person' : `${n} people`} with power ${n === 1 ? 'has' : 'have'} heard of none of your recent wins.`;
}
