/**
 * Kodi / Jellyfin / Emby NFO files: XML with a `movie`, `tvshow` or `episodedetails` root
 * (several `episodedetails` for a multi-episode file), or a plain text file holding a link to
 * TMDb, IMDb or TheTVDB. The XML is the user's but may come from anywhere, so entities a
 * DOCTYPE declares are never expanded or fetched: only the five XML entities and character
 * references are decoded.
 */
import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import type { CreditInput, ExternalIds } from '@reelshelf/shared/domain';
import { parseMediaPath } from '../../scan/names';
import type {
  Fact,
  InputFile,
  Reader,
  ReaderOutput,
  RejectedRow,
  TitleDetailsInput,
  TitleRef,
} from '../records';

type FallbackKind = 'movie' | 'series' | 'episode';
const ROOTS = { movie: 'movie', tvshow: 'series', episodedetails: 'episode' } as const;
type Root = keyof typeof ROOTS;

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/**
 * Decodes in one pass, so `&amp;lt;` stays `&lt;` and nothing is expanded twice; entities a
 * DOCTYPE declares are dropped (`addInputEntities` ignores them) and stay as literal text.
 */
const safeEntities: NonNullable<X2jOptions['entityDecoder']> = {
  setExternalEntities() {},
  addInputEntities() {},
  reset() {},
  setXmlVersion() {},
  decode: (text) =>
    text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return XML_ENTITIES[name] ?? whole;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }),
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  entityDecoder: safeEntities,
});

export const nfoReader: Reader = {
  format: 'nfo',
  *read(files) {
    for (const file of files) {
      for (const output of parseNfo(file, kindFromName(file.name))) yield withNameFromFile(output, file.name);
    }
  },
};

/**
 * An NFO that is only a link (`Arrival (2016).nfo` holding a TMDb URL) has an id but no name;
 * the file is named like its film, which gives the title and year to create it with.
 */
function withNameFromFile(output: ReaderOutput, fileName: string): ReaderOutput {
  if (output.kind !== 'item' || output.title.title || output.title.kind !== 'movie') return output;
  const parsed = parseMediaPath(fileName.replace(/\.nfo$/i, '.mkv'));
  if (!parsed.title || /^(movie|tvshow)$/i.test(parsed.title)) return output;
  return {
    ...output,
    title: { ...output.title, title: parsed.title, ...(parsed.year !== null && { year: parsed.year }) },
  };
}

/** `tvshow.nfo` is a series, `movie.nfo` a film; other names say nothing. */
function kindFromName(name: string): FallbackKind | undefined {
  const base = baseName(name).toLowerCase();
  if (base === 'tvshow.nfo') return 'series';
  if (base === 'movie.nfo') return 'movie';
  return undefined;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

/** An `.nfo` file, or XML whose root is one Kodi writes. */
export function detectNfo(file: InputFile): boolean {
  if (/\.nfo$/i.test(file.name)) return true;
  const head = decode(file.bytes.subarray(0, 4096));
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<(movie|tvshow|episodedetails)[\s>]/.test(head);
}

function decode(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * The titles one NFO describes. `fallbackKind` is what the caller knows from where the file
 * lies (the folder scan: `tvshow.nfo`, a film's sidecar); it decides what an IMDb link means.
 */
export function parseNfo(file: InputFile, fallbackKind?: FallbackKind): ReaderOutput[] {
  const name = baseName(file.name);
  const text = decode(file.bytes);
  const reject = (reason: string, line = 1): RejectedRow[] => [
    { kind: 'rejected', source: { file: file.name, line, raw: text.slice(0, 2000) }, reason },
  ];
  if (!text.trim()) return reject(`${name} is empty`);
  if (!text.trimStart().startsWith('<')) {
    const ref = titleFromLinks(text, fallbackKind);
    if (!ref) return reject(`${name} is neither XML nor a link to TMDb, IMDb or TheTVDB`);
    return [{ kind: 'item', source: { file: file.name, line: 1, raw: text.trim() }, title: ref, facts: [] }];
  }
  // Entities are never expanded (see safeEntities); a document that declares them is not an NFO Kodi wrote.
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(text)) {
    return reject(
      `${name} declares XML entities (<!ENTITY>), which Reelshelf never reads; remove the DOCTYPE`,
    );
  }

  const { xml, trailingLinks } = splitTrailingLink(text);
  const multiEpisode = (xml.match(/<episodedetails[\s>]/g) ?? []).length > 1;
  // Kodi writes a multi-episode file as several root elements: give them one parent to be XML.
  const document = multiEpisode ? `<nfo>${xml.replace(/<\?xml[^>]*\?>/g, '')}</nfo>` : xml;
  const valid = XMLValidator.validate(document, { allowBooleanAttributes: true });
  if (valid !== true) {
    return reject(`${name} is not well-formed XML: line ${valid.err.line}: ${valid.err.msg}`, valid.err.line);
  }
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(document) as Record<string, unknown>;
  } catch (error) {
    return reject(`${name} cannot be read as XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const top = multiEpisode ? asNode(tree.nfo) : tree;
  const roots = (Object.keys(ROOTS) as Root[]).flatMap((root) =>
    all(top, root).map((node) => ({ root, node: asNode(node) })),
  );
  if (roots.length === 0) {
    const found = Object.keys(top).find((key) => !key.startsWith('?'));
    return reject(
      `${name} is not a movie, TV show or episode NFO (its root element is <${found ?? 'nothing'}>)`,
    );
  }
  const linkIds = trailingLinks ? titleFromLinks(trailingLinks, fallbackKind) : null;
  const lines = rootLines(xml);
  return roots.map(({ root, node }, i) => ({
    kind: 'item' as const,
    source: { file: file.name, line: lines[i] ?? 1, raw: node },
    title: titleOf(root, node, linkIds),
    facts: factsOf(node),
  }));
}

/** Kodi lets a link follow the XML (`</movie>` then a URL) to pin the scraper's id. */
function splitTrailingLink(text: string): { xml: string; trailingLinks: string | null } {
  const end = /<\/(movie|tvshow|episodedetails)>(?![\s\S]*<\/(movie|tvshow|episodedetails)>)/.exec(text);
  if (!end) return { xml: text, trailingLinks: null };
  const cut = end.index + end[0].length;
  const rest = text.slice(cut).trim();
  return rest ? { xml: text.slice(0, cut), trailingLinks: rest } : { xml: text, trailingLinks: null };
}

function rootLines(xml: string): number[] {
  const lines: number[] = [];
  for (const m of xml.matchAll(/<(movie|tvshow|episodedetails)[\s>]/g)) {
    lines.push(xml.slice(0, m.index).split('\n').length);
  }
  return lines;
}

// ---- links ---------------------------------------------------------------------------------

/** `https://www.themoviedb.org/movie/603-the-matrix`, `…/tv/1396`, `imdb.com/title/tt0133093`, `thetvdb.com/?tab=series&id=81189`. */
export function titleFromLinks(text: string, fallbackKind?: FallbackKind): TitleRef | null {
  const tmdbEpisode = /themoviedb\.org\/tv\/(\d+)[^/\s]*\/season\/(\d+)\/episode\/(\d+)/i.exec(text);
  if (tmdbEpisode) {
    return {
      kind: 'episode',
      ids: {},
      show: { ids: { tmdb: Number(tmdbEpisode[1]) } },
      season: Number(tmdbEpisode[2]),
      episode: Number(tmdbEpisode[3]),
    };
  }
  const tmdb = /themoviedb\.org\/(?:[a-z]{2}(?:-[A-Z]{2})?\/)?(movie|tv)\/(\d+)/i.exec(text);
  const imdb = /imdb\.com\/(?:[a-z]{2}\/)?title\/(tt\d{7,10})/i.exec(text);
  const tvdb =
    /thetvdb\.com\/[^\s]*?[?&]id=(\d+)/i.exec(text) ??
    /thetvdb\.com\/(?:dereferrer\/)?series\/(\d+)(?:[/?#\s]|$)/i.exec(text);
  const ids: ExternalIds = {};
  if (tmdb) ids.tmdb = Number(tmdb[2]);
  if (imdb) ids.imdb = imdb[1]!;
  if (tvdb) ids.tvdb = Number(tvdb[1]);
  if (Object.keys(ids).length === 0) return null;
  const kind = tmdb
    ? tmdb[1]!.toLowerCase() === 'tv'
      ? 'series'
      : 'movie'
    : tvdb
      ? 'series'
      : (fallbackKind ?? 'movie');
  if (kind === 'episode') return { kind: 'episode', ids };
  return { kind, ids };
}

// ---- XML nodes -----------------------------------------------------------------------------

type Node = Record<string, unknown>;

function asNode(value: unknown): Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Node) : {};
}

function all(node: Node, key: string): unknown[] {
  const value = node[key];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The text of an element (with or without attributes). */
function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (typeof value === 'number') return String(value);
  const inner = asNode(value)['#text'];
  return typeof inner === 'string' || typeof inner === 'number' ? textOf(inner) : undefined;
}

function text(node: Node, key: string): string | undefined {
  for (const value of all(node, key)) {
    const t = textOf(value);
    if (t) return t;
  }
  return undefined;
}

function texts(node: Node, key: string): string[] {
  return all(node, key).flatMap((value) => textOf(value) ?? []);
}

function int(node: Node, key: string): number | undefined {
  const t = text(node, key);
  return t && /^-?\d+$/.test(t) ? Number(t) : undefined;
}

function number(node: Node, key: string): number | undefined {
  const t = text(node, key);
  return t && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}

// ---- titles --------------------------------------------------------------------------------

function titleOf(root: Root, node: Node, linked: TitleRef | null): TitleRef {
  const kind = ROOTS[root];
  const ids = { ...(linked && linked.kind !== 'episode' ? linked.ids : {}), ...idsOf(node, kind) };
  const title = text(node, 'title');
  const released = dateOf(text(node, 'premiered') ?? text(node, 'aired') ?? text(node, 'releasedate'));
  const year = validYear(int(node, 'year')) ?? validYear(released ? Number(released.slice(0, 4)) : undefined);
  const details = detailsOf(node, released);
  const ref: TitleRef = {
    kind,
    ...(title ? { title } : {}),
    ...(year && kind !== 'episode' ? { year } : {}),
    ids,
    ...(Object.keys(details).length ? { details } : {}),
  };
  if (kind !== 'episode') return ref;
  const showTitle = text(node, 'showtitle');
  const season = int(node, 'season');
  const episode = int(node, 'episode');
  return {
    ...ref,
    show: { ...(showTitle ? { title: showTitle } : {}), ids: {} },
    ...(season !== undefined && season >= 0 ? { season } : {}),
    ...(episode !== undefined && episode >= 0 ? { episode } : {}),
  };
}

const ID_TYPES: Record<string, keyof ExternalIds> = {
  imdb: 'imdb',
  tmdb: 'tmdb',
  themoviedb: 'tmdb',
  tvdb: 'tvdb',
  thetvdb: 'tvdb',
};

/** `<uniqueid type="…" default="true">` first (the default one wins), then the older single tags. */
function idsOf(node: Node, kind: 'movie' | 'series' | 'episode'): ExternalIds {
  const ids: ExternalIds = {};
  const unique = all(node, 'uniqueid').map((value) => ({
    type: ID_TYPES[String(asNode(value)['@type'] ?? '').toLowerCase()],
    isDefault: String(asNode(value)['@default'] ?? '') === 'true',
    value: textOf(value),
  }));
  unique.sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  for (const { type, value } of unique) if (type && value) setId(ids, type, value);
  setId(ids, 'imdb', text(node, 'imdbid') ?? text(node, 'imdb_id'));
  setId(ids, 'tmdb', text(node, 'tmdbid'));
  setId(ids, 'tvdb', text(node, 'tvdbid'));
  const old = text(node, 'id');
  if (old && /^tt\d{7,10}$/.test(old)) setId(ids, 'imdb', old);
  // The old TheTVDB scraper wrote the series id as a bare number; for films a bare number could be anything.
  else if (old && kind === 'series') setId(ids, 'tvdb', old);
  return ids;
}

function setId(ids: ExternalIds, type: keyof ExternalIds, value: string | undefined): void {
  if (!value || ids[type] !== undefined) return;
  if (type === 'imdb') {
    if (/^tt\d{7,10}$/.test(value)) ids.imdb = value;
  } else if (/^\d{1,15}$/.test(value) && Number(value) > 0) {
    ids[type] = Number(value);
  }
}

function validYear(year: number | undefined): number | undefined {
  return year !== undefined && year >= 1870 && year <= 2200 ? year : undefined;
}

/** `2024-01-14` or `2024-01-14 20:31:00` → the day, if it is a real one. */
function dateOf(value: string | undefined): string | undefined {
  const day = value?.match(/^(\d{4}-\d{2}-\d{2})(?:[ T]|$)/)?.[1];
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day ? day : undefined;
}

function detailsOf(node: Node, releaseDate: string | undefined): TitleDetailsInput {
  const details: TitleDetailsInput = {};
  const original = text(node, 'originaltitle');
  if (original && original !== text(node, 'title')) details.originalTitle = original.slice(0, 500);
  const overview = text(node, 'plot') ?? text(node, 'outline');
  if (overview) details.overview = overview.slice(0, 20_000);
  const runtime = int(node, 'runtime');
  if (runtime && runtime > 0 && runtime <= 100_000) details.runtimeMinutes = runtime;
  if (releaseDate) details.releaseDate = releaseDate;
  const genres = [
    ...new Set(
      texts(node, 'genre')
        .flatMap((g) => g.split(/\s+\/\s+/))
        .map((g) => g.trim())
        .filter((g) => g && g.length <= 60),
    ),
  ].slice(0, 30);
  if (genres.length) details.genres = genres;
  const certification = certificationOf(text(node, 'mpaa') ?? text(node, 'certification'));
  if (certification) details.certification = certification;
  const credits = creditsOf(node);
  if (credits.length) details.credits = credits;
  return details;
}

/** `Rated R`, `US:PG-13`, `Germany:12` → `R`, `PG-13`, `12`. */
function certificationOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const first = value.split(/\s*\/\s*/)[0]!;
  const rating = first
    .replace(/^rated\s+/i, '')
    .replace(/^[^:]{2,30}:\s*/, '')
    .trim();
  return rating && rating.length <= 20 ? rating : undefined;
}

function creditsOf(node: Node): CreditInput[] {
  const credits: CreditInput[] = [];
  const actors = all(node, 'actor').map(asNode);
  actors.forEach((actor, index) => {
    const name = text(actor, 'name');
    if (!name || name.length > 300) return;
    const role = text(actor, 'role');
    const order = int(actor, 'order');
    const tmdbId = int(actor, 'tmdbid');
    credits.push({
      role: 'cast',
      person: { name, ...(tmdbId && tmdbId > 0 ? { tmdbId } : {}) },
      ...(role ? { character: role.slice(0, 300) } : {}),
      order: order !== undefined && order >= 0 && order <= 10_000 ? order : index,
    });
  });
  const crew = (key: string, job: string, department: string) => {
    for (const name of texts(node, key)) {
      if (name.length <= 300) credits.push({ role: 'crew', person: { name }, job, department });
    }
  };
  crew('director', 'Director', 'Directing');
  crew('credits', 'Writer', 'Writing');
  return credits;
}

// ---- facts ---------------------------------------------------------------------------------

function factsOf(node: Node): Fact[] {
  const facts: Fact[] = [];
  const plays = int(node, 'playcount') ?? 0;
  const lastPlayed = dateOf(text(node, 'lastplayed'));
  if (plays > 0) facts.push(lastPlayed ? { type: 'watch', on: lastPlayed } : { type: 'watched' });
  else if (text(node, 'watched')?.toLowerCase() === 'true') facts.push({ type: 'watched' });

  // Kodi's userrating is 0–10 with 0 meaning "not rated".
  const rating = number(node, 'userrating');
  if (rating !== undefined && rating > 0 && rating <= 10) {
    facts.push({ type: 'rating', stars: Math.max(0.5, Math.round(rating) / 2) });
  }

  for (const set of all(node, 'set')) {
    const name = textOf(set) ?? text(asNode(set), 'name');
    if (name) facts.push({ type: 'list', list: { name, ranked: false } });
  }
  for (const tag of texts(node, 'tag')) facts.push({ type: 'tag', tag });
  return facts;
}
