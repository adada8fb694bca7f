/**
 * Letters that Unicode does not decompose into base + accent, so NFKD alone
 * would leave "Ørnulf", "Łukasz" or "Straße" unmatched against their plain spellings.
 */
const UNDECOMPOSABLE: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};
const UNDECOMPOSABLE_RE = /[ßæœøłđðþı]/g;
const MARKS_RE = /\p{M}+/gu;
const SPACE_RE = /\s+/gu;
// eslint-disable-next-line no-control-regex -- plain ASCII needs no Unicode folding
const ASCII_RE = /^[\x00-\x7f]*$/;

/** Lowercase, accents removed ("Penélope" → "penelope", "Ø" → "o"); whitespace untouched. */
export function foldText(text: string): string {
  if (ASCII_RE.test(text)) return text.toLowerCase();
  const lower = text.normalize('NFKD').replace(MARKS_RE, '').toLowerCase();
  return lower.replace(UNDECOMPOSABLE_RE, (c) => UNDECOMPOSABLE[c] ?? c);
}

/**
 * The form under which two spellings of a name or genre count as the same
 * feature: folded case and accents, runs of whitespace collapsed, ends trimmed.
 * "  Penélope   CRUZ " and "Penelope Cruz" both become "penelope cruz".
 */
export function normalizeName(name: string): string {
  return foldText(name).replace(SPACE_RE, ' ').trim();
}
