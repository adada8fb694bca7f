/**
 * Turns a release name into words separated by single spaces, keeping what is real
 * punctuation in a title. Scene names use dots or underscores for spaces; names people
 * type use spaces and may contain real dots ("Mr. Robot"), so dots only become spaces when
 * the name is written the scene way.
 */

/** `[SubsPlease] Show - 12`, `【Group】`: fansub groups lead anime names. */
const LEADING_GROUP = /^\s*(?:\[[^\]]{1,60}\]|【[^】]{1,60}】)\s*/;
/** `[ABCD1234]`: the CRC32 anime releases end with. */
const CRC = /\s*[[(][0-9a-f]{8}[\])]\s*/gi;
/** `www.Site.org - Title…` and `[ www.Site.org ] Title…` prefixes torrent sites add. */
const SITE_PREFIX =
  /^\s*(?:\[\s*)?(?:www\.)[\p{L}\p{N}-]+\.[a-z]{2,6}(?:\s*\])?\s*(?:-\s*)?|^\s*[\p{L}\p{N}-]+\.(?:com|org|net|to|se|cc|me|io|ru|info|xyz|club|lol|nz|li|tv)\s+-\s+/iu;
/** Two or more single letters each followed by a dot: `S.H.I.E.L.D.`, `E.T.`, `U.S.`. */
const ACRONYM = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}(?:\p{L}(?![\p{L}\p{N}]))?/gu;

export interface Normalized {
  text: string;
  /** A leading bracketed group was removed: the name is probably a fansub (absolute numbering). */
  hadGroup: boolean;
  /** The name used dots or underscores for spaces. */
  dotted: boolean;
}

export function normalizeName(raw: string): Normalized {
  let text = raw.replace(/\p{Cc}/gu, ' ');
  text = text.replace(SITE_PREFIX, '');
  let hadGroup = false;
  // A leading bracket is a group unless it is the whole name or holds a release tag (`[1080p]`).
  const group = LEADING_GROUP.exec(text);
  if (group && group[0].length < text.length && !/^\s*[[【]\s*(?:\d{3,4}p|\d{4})\s*[\]】]/i.test(group[0])) {
    text = text.slice(group[0].length);
    hadGroup = true;
  }
  // `★04月新番★`: Chinese fansubs' season banner, never part of the title.
  text = text.replace(/★[^★]{0,30}★/g, ' ');
  const crcFree = text.replace(CRC, ' ');
  if (crcFree !== text) hadGroup = true;
  text = crcFree;

  const spaces = (text.match(/ /g) ?? []).length;
  const dots = (text.match(/[._]/g) ?? []).length;
  const dotted = dots > 0 && dots >= spaces;
  text = text.replace(/_/g, ' ');
  if (dotted) {
    // Keep dotted acronyms whole, and put a space after them so `S.H.I.E.L.D.S01E01` splits.
    text = text.replace(/(?<=\S)\+(?=\S)/g, ' ');
    text = text.replace(ACRONYM, (m) => `\uE000${m.replace(/\./g, '\uE001')}\uE000`);
    text = text
      .replace(/\./g, ' ')
      .replace(/\uE001/g, '.')
      .replace(/\uE000/g, ' ');
  }
  text = text.replace(/\s+/g, ' ').trim();
  return { text, hadGroup, dotted };
}

/** Trims what separators and release leftovers a cut leaves at a title's edges. */
export function tidyTitle(title: string): string {
  let t = title
    .replace(/\[[^\]]*\]|【[^】]*】/g, ' ')
    .replace(/\(\s*\)|\[\s*\]|\{\s*\}/g, ' ')
    .replace(/\s+/g, ' ');
  // Unbalanced openers at the end: `Title (` left by a cut inside parentheses.
  t = t.replace(/[\s([{]+$/, '');
  t = t.replace(/^[\s\-–—_,;:.|~+)\]}]+/, '');
  for (;;) {
    const before = t;
    t = t.replace(/[\s\-–—_,;:|~+([{]+$/, '');
    // A trailing dot is punctuation unless it ends an acronym (`S.H.I.E.L.D.`) or `Mr.`-style word.
    if (
      /\.$/.test(t) &&
      !/(?:^|[\s.])\p{L}\.$/u.test(t) &&
      !/(?:^|\s)(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Vs|Vol|No)\.$/i.test(t)
    )
      t = t.slice(0, -1);
    if (t === before) break;
  }
  // Balance a lone closing paren left by a cut: `Title (US` keeps its meaning as `Title (US)`.
  const opens = (t.match(/\(/g) ?? []).length;
  const closes = (t.match(/\)/g) ?? []).length;
  if (opens > closes) t += ')';
  return t.trim();
}
