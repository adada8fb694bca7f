import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportItem, InputFile, ReaderOutput, RejectedRow } from '../records';
import { detectNfo, nfoReader, parseNfo } from './nfo';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'nfo');

function fixture(name: string): InputFile {
  return { name, bytes: readFileSync(join(FIXTURES, name)) };
}

function nfo(text: string, name = 'Film (2000).nfo'): InputFile {
  return { name, bytes: Buffer.from(text) };
}

function only(out: ReaderOutput[]): ImportItem {
  expect(out).toHaveLength(1);
  expect(out[0]!.kind).toBe('item');
  return out[0] as ImportItem;
}

function rejection(out: ReaderOutput[]): RejectedRow {
  expect(out).toHaveLength(1);
  expect(out[0]!.kind).toBe('rejected');
  return out[0] as RejectedRow;
}

describe('movie.nfo', () => {
  it('reads ids, details, credits, the set, the play count and the user rating', () => {
    const item = only(parseNfo(fixture('movie.nfo')));
    expect(item.title).toMatchObject({
      kind: 'movie',
      title: 'The Matrix',
      year: 1999,
      ids: { imdb: 'tt0133093', tmdb: 603 },
    });
    expect(item.title.details).toMatchObject({
      overview: expect.stringMatching(/^Set in the 22nd century/),
      runtimeMinutes: 136,
      releaseDate: '1999-03-30',
      genres: ['Action', 'Science Fiction'],
      certification: 'R',
    });
    expect(item.title.details!.originalTitle).toBeUndefined();
    expect(item.title.details!.credits).toEqual([
      { role: 'cast', person: { name: 'Keanu Reeves' }, character: 'Thomas A. Anderson / Neo', order: 0 },
      { role: 'cast', person: { name: 'Laurence Fishburne' }, character: 'Morpheus', order: 1 },
      { role: 'cast', person: { name: 'Carrie-Anne Moss' }, character: 'Trinity', order: 2 },
      { role: 'crew', person: { name: 'Lilly Wachowski' }, job: 'Director', department: 'Directing' },
      { role: 'crew', person: { name: 'Lana Wachowski' }, job: 'Director', department: 'Directing' },
      { role: 'crew', person: { name: 'Lilly Wachowski' }, job: 'Writer', department: 'Writing' },
      { role: 'crew', person: { name: 'Lana Wachowski' }, job: 'Writer', department: 'Writing' },
    ]);
    expect(item.facts).toEqual([
      { type: 'watch', on: '2024-01-14' },
      { type: 'rating', stars: 4.5 },
      { type: 'list', list: { name: 'The Matrix Collection', ranked: false } },
      { type: 'tag', tag: '4K upgrade wanted' },
    ]);
    expect(item.source).toMatchObject({ file: 'movie.nfo', line: 3 });
  });

  it('understands older and Jellyfin-style tags', () => {
    const item = only(
      parseNfo(
        nfo(`<movie>
  <title>Amélie</title><originaltitle>Le Fabuleux Destin d'Amélie Poulain</originaltitle>
  <outline>A shy waitress decides to change lives.</outline>
  <imdbid>tt0211915</imdbid><tmdbid>194</tmdbid>
  <premiered>2001-04-25</premiered>
  <genre>Comedy / Romance</genre>
  <set>Feel-good</set>
  <playcount>3</playcount>
  <mpaa>US:R / DE:12</mpaa>
</movie>`),
      ),
    );
    expect(item.title).toMatchObject({
      title: 'Amélie',
      year: 2001,
      ids: { imdb: 'tt0211915', tmdb: 194 },
      details: {
        originalTitle: "Le Fabuleux Destin d'Amélie Poulain",
        overview: 'A shy waitress decides to change lives.',
        genres: ['Comedy', 'Romance'],
        certification: 'R',
      },
    });
    expect(item.facts).toEqual([
      { type: 'watched' },
      { type: 'list', list: { name: 'Feel-good', ranked: false } },
    ]);
  });

  it('prefers the default uniqueid and ignores ids that are not ids', () => {
    const item = only(
      parseNfo(
        nfo(`<movie><title>X</title>
  <uniqueid type="tmdb">111</uniqueid>
  <uniqueid type="tmdb" default="true">222</uniqueid>
  <uniqueid type="imdb">0133093</uniqueid>
  <uniqueid type="tvdb">abc</uniqueid>
  <userrating>0</userrating><playcount>0</playcount>
</movie>`),
      ),
    );
    expect(item.title.ids).toEqual({ tmdb: 222 });
    expect(item.facts).toEqual([]);
  });
});

describe('tvshow.nfo and episodes', () => {
  it('reads a series', () => {
    const item = only(parseNfo(fixture('tvshow.nfo')));
    expect(item.title).toMatchObject({
      kind: 'series',
      title: 'Breaking Bad',
      year: 2008,
      ids: { tvdb: 81189, tmdb: 1396, imdb: 'tt0903747' },
      details: { certification: 'TV-MA', genres: ['Drama', 'Crime'] },
    });
    expect(item.title.season).toBeUndefined();
    expect(item.facts).toEqual([{ type: 'rating', stars: 5 }]);
  });

  it('reads an episode with its show, season and number', () => {
    const item = only(parseNfo(fixture('Breaking Bad - S01E01 - Pilot.nfo')));
    expect(item.title).toMatchObject({
      kind: 'episode',
      title: 'Pilot',
      ids: { tvdb: 349232, tmdb: 62085, imdb: 'tt0959621' },
      show: { title: 'Breaking Bad', ids: {} },
      season: 1,
      episode: 1,
      details: { releaseDate: '2008-01-20', runtimeMinutes: 58 },
    });
    expect(item.facts).toEqual([
      { type: 'watch', on: '2023-11-04' },
      { type: 'rating', stars: 4 },
    ]);
  });

  it('reads every episode of a multi-episode file, each with its own line', () => {
    const out = parseNfo(fixture('Severance - S01E01-E02.nfo'));
    expect(out.map((o) => o.kind)).toEqual(['item', 'item']);
    const [first, second] = out as ImportItem[];
    expect([first!.title.title, first!.title.episode, first!.source.line]).toEqual([
      'Good News About Hell',
      1,
      2,
    ]);
    expect([second!.title.title, second!.title.episode, second!.source.line]).toEqual(['Half Loop', 2, 13]);
    expect(first!.facts).toEqual([{ type: 'watch', on: '2024-02-28' }]);
    expect(second!.facts).toEqual([]);
    expect(second!.title.ids).toEqual({ tmdb: 1954663 });
  });
});

describe('link-only NFOs', () => {
  it.each([
    ['https://www.themoviedb.org/movie/603-the-matrix', undefined, { kind: 'movie', ids: { tmdb: 603 } }],
    ['https://www.themoviedb.org/tv/1396-breaking-bad', undefined, { kind: 'series', ids: { tmdb: 1396 } }],
    ['https://www.imdb.com/title/tt0133093/', undefined, { kind: 'movie', ids: { imdb: 'tt0133093' } }],
    ['https://www.imdb.com/title/tt0903747/', 'series', { kind: 'series', ids: { imdb: 'tt0903747' } }],
    ['https://thetvdb.com/?tab=series&id=81189', undefined, { kind: 'series', ids: { tvdb: 81189 } }],
    [
      'http://thetvdb.com/index.php?tab=series&id=81189&lid=7',
      undefined,
      { kind: 'series', ids: { tvdb: 81189 } },
    ],
    [
      'https://www.themoviedb.org/tv/1396-breaking-bad/season/1/episode/1',
      undefined,
      { kind: 'episode', ids: {}, show: { ids: { tmdb: 1396 } }, season: 1, episode: 1 },
    ],
  ] as const)('%s → %o', (url, fallback, title) => {
    const item = only(parseNfo(nfo(`${url}\r\n`), fallback));
    expect(item.title).toEqual(title);
    expect(item.facts).toEqual([]);
  });

  it('reads the fixture and rejects text that holds no usable link', () => {
    expect(only(parseNfo(fixture('Arrival (2016).nfo'))).title).toEqual({
      kind: 'movie',
      ids: { tmdb: 329865 },
    });
    const bad = rejection(parseNfo(nfo('https://thetvdb.com/series/breaking-bad\n', 'show.nfo')));
    expect(bad.reason).toBe('show.nfo is neither XML nor a link to TMDb, IMDb or TheTVDB');
  });

  it('takes a link written after the XML as an extra id', () => {
    const item = only(
      parseNfo(nfo('<movie><title>The Matrix</title></movie>\nhttps://www.imdb.com/title/tt0133093/\n')),
    );
    expect(item.title).toMatchObject({ title: 'The Matrix', ids: { imdb: 'tt0133093' } });
  });
});

describe('hostile and broken XML', () => {
  it('never resolves an external entity', () => {
    const out = parseNfo(
      nfo(`<?xml version="1.0"?>
<!DOCTYPE movie [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<movie><title>&x;</title></movie>`),
    );
    expect(rejection(out).reason).toMatch(/declares XML entities/);
    expect(JSON.stringify(out)).not.toMatch(/root:/);
  });

  it('does not expand a billion-laughs document', () => {
    let doc = '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n';
    for (let i = 1; i <= 9; i++) {
      doc += `<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">\n`;
    }
    doc += ']>\n<movie><title>&lol9;</title></movie>';
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const out = parseNfo(nfo(doc));
    expect(performance.now() - started).toBeLessThan(200);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect(rejection(out).reason).toMatch(/declares XML entities/);
    expect(JSON.stringify(out)).not.toContain('lollollol');
  });

  it('decodes only the XML entities and character references, leaving others as written', () => {
    const item = only(
      parseNfo(
        nfo(`<?xml version="1.0"?>
<!DOCTYPE movie SYSTEM "http://example.com/evil.dtd">
<movie><title>Tom &amp; Jerry &#x2014; &ext; &amp;lt;</title></movie>`),
      ),
    );
    expect(item.title.title).toBe('Tom & Jerry — &ext; &lt;');
  });

  it('rejects malformed XML naming the file and the problem', () => {
    const bad = rejection(parseNfo(nfo('<movie>\n  <title>The Matrix</movie>\n', 'The Matrix (1999).nfo')));
    expect(bad.source).toMatchObject({ file: 'The Matrix (1999).nfo', line: 2 });
    expect(bad.reason).toMatch(
      /^The Matrix \(1999\)\.nfo is not well-formed XML: line 2: Expected closing tag 'title'/,
    );
  });

  it('rejects XML that is not a movie, show or episode, and empty files', () => {
    expect(rejection(parseNfo(nfo('<artist><name>Queen</name></artist>', 'artist.nfo'))).reason).toBe(
      'artist.nfo is not a movie, TV show or episode NFO (its root element is <artist>)',
    );
    expect(rejection(parseNfo(nfo('  \n', 'empty.nfo'))).reason).toBe('empty.nfo is empty');
  });
});

describe('nfoReader and detectNfo', () => {
  it('reads many files, one bad one not stopping the rest', () => {
    const out = [
      ...nfoReader.read([
        fixture('movie.nfo'),
        nfo('<movie><title>Broken</movie>', 'broken.nfo'),
        fixture('tvshow.nfo'),
        fixture('Severance - S01E01-E02.nfo'),
      ]),
    ];
    expect(out.map((o) => (o.kind === 'item' ? o.title.kind : `rejected ${o.source.file}`))).toEqual([
      'movie',
      'rejected broken.nfo',
      'series',
      'episode',
      'episode',
    ]);
  });

  it('uses the file name to tell what an IMDb link means', () => {
    const [item] = [
      ...nfoReader.read([nfo('https://www.imdb.com/title/tt0903747/', 'Breaking Bad/tvshow.nfo')]),
    ];
    expect(item).toMatchObject({ kind: 'item', title: { kind: 'series', ids: { imdb: 'tt0903747' } } });
  });

  it('recognises NFO files by name or by their root element', () => {
    expect(detectNfo(fixture('movie.nfo'))).toBe(true);
    expect(detectNfo(nfo('<?xml version="1.0"?>\n<tvshow><title>X</title></tvshow>', 'show.xml'))).toBe(true);
    expect(detectNfo(nfo('<rss><channel/></rss>', 'feed.xml'))).toBe(false);
    expect(detectNfo(nfo('[{"watched_at":"2024-01-01"}]', 'history.json'))).toBe(false);
  });
});
