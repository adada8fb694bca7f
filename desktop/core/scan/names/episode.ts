/**
 * Episode markers in a normalized name (separators already spaces). Each finder returns the
 * first marker of its kind; `findEpisodeMarker` picks which one the name means.
 */

export interface EpisodeMarker {
  /** Where the marker starts: the show's title is the text before it. */
  index: number;
  end: number;
  season: number | null;
  episode: number | number[] | null;
  date: string | null;
  /** A season without an episode (`S02`, `Season 2`): a season pack or a season folder. */
  seasonOnly: boolean;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const SEASON_WORD = '(?:season|series|saison|staffel|temporada|stagione|seizoen|sezon)';
const EPISODE_WORD = '(?:episode|episodio|épisode|folge|capitulo|capítulo|aflevering|odcinek)';

/** The longest multi-episode range we believe; beyond it a "range" is two unrelated numbers. */
const MAX_RANGE = 60;

function marker(
  index: number,
  end: number,
  season: number | null,
  episodes: number[] | null,
  extra: Partial<EpisodeMarker> = {},
): EpisodeMarker {
  const episode = episodes === null ? null : episodes.length === 1 ? episodes[0]! : episodes;
  return { index, end, season, episode, date: null, seasonOnly: false, ...extra };
}

/** `E02-E03` / `-03` extends a range, `E02E03` / ` E03` lists one more episode. */
function addEpisode(list: number[], n: number, dashed: boolean): void {
  const last = list[list.length - 1]!;
  if (dashed && n > last && n - last <= MAX_RANGE) for (let i = last + 1; i <= n; i++) list.push(i);
  else if (!list.includes(n)) list.push(n);
}

const SXXEYY = new RegExp(`${B}S(\\d{1,4})[ -]?E(\\d{1,4})(?!\\d)`, 'iu');
const SXXEYY_MORE = new RegExp(
  `^(?:( ?- ?)(?:S\\d{1,4})?E(\\d{1,4})|( ?)E(\\d{1,4})|(-)(\\d{1,4})(?![\\dpi]))(?!\\d)`,
  'iu',
);

/** `S01E02`, `s01e02e03`, `S01E01-E03`, `S01E01-03`, `S01 E01`, `S2024E15`. */
export function findSeasonEpisode(text: string): EpisodeMarker | null {
  const m = SXXEYY.exec(text);
  if (!m) return null;
  const episodes = [Number(m[2])];
  let end = m.index + m[0].length;
  for (;;) {
    const more = SXXEYY_MORE.exec(text.slice(end));
    if (!more) break;
    const n = Number(more[2] ?? more[4] ?? more[6]);
    addEpisode(episodes, n, more[1] !== undefined || more[5] !== undefined);
    end += more[0].length;
  }
  return marker(m.index, end, Number(m[1]), episodes);
}

const CROSS = new RegExp(`${B}(\\d{1,2})x(\\d{2,3})(?!\\d)`, 'iu');
const CROSS_MORE = /^(?:(-)(?:\d{1,2}x)?(\d{2,3})|x(\d{2,3}))(?!\d)/i;

/** `1x02`, `01x02`, `1x02-1x03`, `1x02-03`, `1x02x03`. */
export function findCrossEpisode(text: string): EpisodeMarker | null {
  const m = CROSS.exec(text);
  if (!m) return null;
  // `1x02` glued to a word on the right is a dimension or a code, not an episode.
  if (/^[\p{L}]/u.test(text.slice(m.index + m[0].length))) return null;
  const episodes = [Number(m[2])];
  let end = m.index + m[0].length;
  for (;;) {
    const more = CROSS_MORE.exec(text.slice(end));
    if (!more) break;
    addEpisode(episodes, Number(more[2] ?? more[3]), more[1] !== undefined);
    end += more[0].length;
  }
  return marker(m.index, end, Number(m[1]), episodes);
}

const WORDS = new RegExp(
  `${B}${SEASON_WORD} ?(\\d{1,4}) ?(?:- ?)?(?:${EPISODE_WORD}|ep|e) ?(\\d{1,4})(?: ?(-|&|and) ?(?:${EPISODE_WORD} ?)?(\\d{1,4}))?${E}`,
  'iu',
);

/** `Season 1 Episode 2`, `Season.1.Ep.2`, `Staffel 2 Folge 3`. */
export function findWordsEpisode(text: string): EpisodeMarker | null {
  const m = WORDS.exec(text);
  if (!m) return null;
  const episodes = [Number(m[2])];
  if (m[4]) addEpisode(episodes, Number(m[4]), m[3] === '-');
  return marker(m.index, m.index + m[0].length, Number(m[1]), episodes);
}

const YMD = /(?<!\d)((?:19|20)\d{2})[ .\-_/](\d{2})[ .\-_/](\d{2})(?!\d)/;
const DMY = /(?<!\d)(\d{2})[ .\-_/](\d{2})[ .\-_/]((?:19|20)\d{2})(?!\d)/;

function isoDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Daily shows: `2024.03.15`, `2024-03-15`, and the European `15.03.2024`. */
export function findDateEpisode(text: string): EpisodeMarker | null {
  const ymd = YMD.exec(text);
  if (ymd) {
    const date = isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
    if (date) return marker(ymd.index, ymd.index + ymd[0].length, null, null, { date });
  }
  const dmy = DMY.exec(text);
  if (dmy) {
    let [d, m] = [Number(dmy[1]), Number(dmy[2])];
    // Day first unless that is impossible (`03.15.2024` is American).
    if (m > 12 && d <= 12) [d, m] = [m, d];
    const date = isoDate(Number(dmy[3]), m, d);
    if (date) return marker(dmy.index, dmy.index + dmy[0].length, null, null, { date });
  }
  return null;
}

const SEASON_ONLY = new RegExp(`${B}S(\\d{1,2})(?: ?- ?S?\\d{1,2})?${E}`, 'iu');
const SEASON_WORD_ONLY = new RegExp(`${B}${SEASON_WORD} ?(\\d{1,3})(?: ?- ?\\d{1,3})?(?!\\p{N})`, 'iu');
const ORDINAL_SEASON = new RegExp(`${B}(\\d{1,2})(?:st|nd|rd|th) ${SEASON_WORD}${E}`, 'iu');

/** `Show.S02.1080p`, `Season 2`, `S01-S03` (the first), `2nd Season`: a season and no episode. */
export function findSeasonOnly(text: string): EpisodeMarker | null {
  const found = [SEASON_ONLY.exec(text), SEASON_WORD_ONLY.exec(text), ORDINAL_SEASON.exec(text)]
    .filter((m): m is RegExpExecArray => m !== null)
    .sort((a, b) => a.index - b.index)[0];
  if (!found) return null;
  return marker(found.index, found.index + found[0].length, Number(found[1]), null, { seasonOnly: true });
}

const DASH_ABSOLUTE = /(?:^|\s)-\s(\d{1,4})(?:v\d)?(?:\s?-\s?(\d{1,4})(?:v\d)?)?(?=\s|$|[[(])/;
const SEASON_DASH = new RegExp(`${B}S(\\d{1,2}) - (\\d{1,4})(?:v\\d)?(?=\\s|$|[[(])`, 'iu');
const BARE_ABSOLUTE = /\s(\d{1,4})(?:v\d)?(?=\s?(?:[[(]|$))(?!\s?[[(](?:19|20)\d{2}[\])])/;
/** `[Group][Title][12][1080p]`, `[Group] Title [05v2]`: the episode in brackets of its own. */
const BRACKET_ABSOLUTE = /\[(\d{1,4})(?:v\d)?(?: ?end)?\]/i;

/**
 * Anime numbering: `[Group] Show - 12 [1080p]`, `Show - 1071`, `[Group] Show 12 (1080p)`,
 * `[Group][Show][12]`, `Show S2 - 05`. Years are never episodes here.
 */
export function findAbsoluteEpisode(text: string, fansub: boolean, maxYear: number): EpisodeMarker | null {
  const sd = SEASON_DASH.exec(text);
  if (sd) return marker(sd.index, sd.index + sd[0].length, Number(sd[1]), [Number(sd[2])]);
  const isYear = (s: string) => s.length === 4 && Number(s) >= 1900 && Number(s) <= maxYear;
  const m = DASH_ABSOLUTE.exec(text);
  if (m && m.index > 0 && !isYear(m[1]!)) {
    const episodes = [Number(m[1])];
    if (m[2]) addEpisode(episodes, Number(m[2]), true);
    return marker(m.index, m.index + m[0].length, null, episodes);
  }
  if (fansub) {
    const b = BARE_ABSOLUTE.exec(text);
    if (b && b.index > 0 && !isYear(b[1]!))
      return marker(b.index, b.index + b[0].length, null, [Number(b[1])]);
    const k = BRACKET_ABSOLUTE.exec(text);
    if (k && k.index > 0 && !isYear(k[1]!))
      return marker(k.index, k.index + k[0].length, null, [Number(k[1])]);
  }
  return null;
}

const EPISODE_ONLY = new RegExp(
  `${B}(?:(?:${EPISODE_WORD}|ep|eps) ?\\.? ?(\\d{1,4})|e(\\d{1,4}))(?: ?- ?(?:e|ep)? ?(\\d{1,4}))?${E}`,
  'iu',
);

/** `E05`, `Ep 05`, `Episode 5`, `Episode 5-6`: an episode whose season, if any, a folder says. */
export function findEpisodeOnly(text: string): EpisodeMarker | null {
  const m = EPISODE_ONLY.exec(text);
  if (!m) return null;
  const episodes = [Number(m[1] ?? m[2])];
  if (m[3]) addEpisode(episodes, Number(m[3]), true);
  return marker(m.index, m.index + m[0].length, null, episodes);
}

const COMPACT = new RegExp(
  `(?<=^|\\s)([1-9])(\\d{2})(?= (?:\\d{3,4}[pi] )?(?:hdtv|pdtv|dsr|dsrip|tvrip|satrip|xvid|ws|proper|repack|internal|dvdrip)${E})`,
  'iu',
);

/**
 * Old scene TV: `show.name.102.hdtv-lol`, `Show.101.720p.HDTV` is season 1 episode 2 (only when
 * a TV tag follows, perhaps after the resolution).
 */
export function findCompactEpisode(text: string): EpisodeMarker | null {
  const m = COMPACT.exec(text);
  if (!m) return null;
  return marker(m.index, m.index + m[0].length, Number(m[1]), [Number(m[2])]);
}

const OF_TOTAL = new RegExp(
  `${B}(?:(?:part|pt|episode|ep) ?(\\d{1,2}) ?of ?(\\d{1,2})|(\\d{1,2})of(\\d{1,2}))${E}`,
  'iu',
);
const TV_SOURCE = new RegExp(`${B}(?:hdtv|pdtv|sdtv|dsr|dsrip|tvrip|satrip|hdtvrip)${E}`, 'iu');
const TV_PART = new RegExp(`${B}(?:part|pt) ?(\\d{1,2})${E}`, 'iu');

/**
 * Miniseries and documentaries: `Planet.Earth.II.1of6`, `Part.2.of.3` are always an episode of
 * a total. A bare `Part 1` is one only in a broadcast capture with no year
 * (`Wolf.Hall.Part.1.720p.HDTV`); with a year it is a film's (`Deathly Hallows Part 1 2010`) or
 * stacking.
 */
export function findPartEpisode(text: string): EpisodeMarker | null {
  const of = OF_TOTAL.exec(text);
  if (of) {
    const n = Number(of[1] ?? of[3]);
    const total = Number(of[2] ?? of[4]);
    if (n >= 1 && n <= total) return marker(of.index, of.index + of[0].length, null, [n]);
  }
  const part = TV_PART.exec(text);
  if (
    part &&
    part.index > 0 &&
    TV_SOURCE.test(text.slice(part.index)) &&
    !/(?<!\d)(?:19|20)\d{2}(?!\d)/.test(text)
  )
    return marker(part.index, part.index + part[0].length, null, [Number(part[1])]);
  return null;
}

/**
 * The marker a name means. Explicit season-and-episode forms and dates win (the earliest
 * of them); then a season alone; then the looser absolute and episode-only forms.
 */
export function findEpisodeMarker(text: string, fansub: boolean, maxYear: number): EpisodeMarker | null {
  const strong = [
    findSeasonEpisode(text),
    findCrossEpisode(text),
    findWordsEpisode(text),
    findDateEpisode(text),
  ]
    .filter((m): m is EpisodeMarker => m !== null)
    .sort((a, b) => a.index - b.index);
  // A date after an explicit SxxEyy is the air date, not the marker.
  if (strong[0]) return strong[0];
  const absolute = findAbsoluteEpisode(text, fansub, maxYear);
  if (absolute && absolute.season !== null) return absolute;
  const season = findSeasonOnly(text);
  if (season && absolute && absolute.index > season.index && absolute.season === null)
    return { ...absolute, index: season.index, season: season.season };
  if (season) {
    // `Show Season 2 Episode…` is caught above; `Show S02 E05`-like splits are joined here.
    const ep = findEpisodeOnly(text.slice(season.end));
    if (ep && ep.index <= 1)
      return { ...ep, index: season.index, end: season.end + ep.end, season: season.season };
    return season;
  }
  return absolute ?? findEpisodeOnly(text) ?? findCompactEpisode(text) ?? findPartEpisode(text);
}
