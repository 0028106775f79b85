// Pure text formatting for people and messages; no DOM, tested with node --test.

const segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function firstGrapheme(word) {
  if (!word) return '';
  if (segmenter) {
    for (const { segment } of segmenter.segment(word)) return segment;
  }
  return Array.from(word)[0] ?? '';
}

/** "Dana Ng" -> "DN", "Zoë" -> "Z", "  " -> "?". Emoji and combined letters stay whole. */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = firstGrapheme(words[0]);
  const last = words.length > 1 ? firstGrapheme(words[words.length - 1]) : '';
  return (first + last).toLocaleUpperCase();
}

/** "Staff Engineer · Platform · Acme", skipping empty parts. */
export function describePerson(person) {
  return [person.role, person.department, person.organisation]
    .map((part) => String(part ?? '').trim())
    .filter(Boolean)
    .join(' · ');
}

/** "1 person", "3 people". */
export function countPeople(n) {
  return n === 1 ? '1 person' : `${n} people`;
}

/** Shortens long text for one-line places, by characters, not UTF-16 units. */
export function truncate(text, max) {
  const chars = Array.from(String(text ?? ''));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
