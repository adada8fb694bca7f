import { EDITION_WORDS, STRONG_TAGS } from './vocabulary';

/** Plex `{edition-Director's Cut}` and Jellyfin's `[edition-…]`. */
const TAGGED_EDITION = /[{[]\s*edition\s*[-=:]\s*([^}\]]{1,80})[}\]]/i;

export function extractTaggedEdition(text: string): { edition: string | null; rest: string } {
  const m = TAGGED_EDITION.exec(text);
  if (!m) return { edition: null, rest: text };
  return {
    edition: m[1]!.trim() || null,
    rest: text.slice(0, m.index) + ' ' + text.slice(m.index + m[0].length),
  };
}

/**
 * What follows the title and year. A Plex version label (`Movie (2010) - Director's Cut`) is
 * the edition unless it is only a quality (`- 1080p`); otherwise a scene edition word
 * (`Extended`, `Directors.Cut`) is.
 */
export function findEdition(afterYear: string, bracketedYear: boolean): string | null {
  if (bracketedYear) {
    const label = /^\s?-\s(.+)$/.exec(afterYear);
    if (label) {
      const text = label[1]!
        .replace(/\[[^\]]*\]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      STRONG_TAGS.lastIndex = 0;
      const tag = STRONG_TAGS.exec(text);
      const words = tag
        ? text
            .slice(0, tag.index)
            .replace(/[\s\-–—]+$/, '')
            .trim()
        : text;
      if (words && !/^(?:cd|dvd|dis[ck]|pt|part)\s?\d/i.test(words)) return words;
    }
  }
  const w = EDITION_WORDS.exec(afterYear);
  return w ? w[1]!.replace(/\./g, ' ') : null;
}
