import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASES } from './cases';
import { parseMediaPath } from './index';

describe('parseMediaPath: kind, title, year, season, episode', () => {
  it('has a table large enough to mean something', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  it.each(CASES)('%s', (input, kind, title, year, season, episode) => {
    const p = parseMediaPath(input);
    expect({ kind: p.kind, title: p.title, year: p.year, season: p.season, episode: p.episode }).toEqual({
      kind,
      title,
      year,
      season,
      episode,
    });
  });
});

describe('parseMediaPath: what else the scan needs', () => {
  it('reads provider ids from the file name and its folders, the file first', () => {
    expect(parseMediaPath('The Matrix (1999) [tmdbid-603].mkv').ids).toEqual({
      tmdb: 603,
      imdb: null,
      tvdb: null,
    });
    expect(parseMediaPath('The Matrix (1999) {tmdb-603}.mkv').ids.tmdb).toBe(603);
    expect(parseMediaPath('The Matrix (1999) {imdb-tt0133093}.mkv').ids.imdb).toBe('tt0133093');
    expect(parseMediaPath('Dune (2021) [imdbid-tt1160419].mkv').ids.imdb).toBe('tt1160419');
    expect(parseMediaPath('Show (2010) [tvdbid-12345]/Season 01/Show S01E01.mkv').ids.tvdb).toBe(12345);
    expect(parseMediaPath('Movie {tmdb-1}/Movie {tmdb-2}.mkv').ids.tmdb).toBe(2);
    expect(parseMediaPath('Some.Movie.tt0111161.1080p.mkv').ids.imdb).toBe('tt0111161');
    expect(parseMediaPath('The Matrix (1999).mkv').ids).toEqual({ tmdb: null, imdb: null, tvdb: null });
  });

  it('reads editions from Plex tags, version labels and scene words', () => {
    expect(parseMediaPath('Blade Runner (1982) {edition-Final Cut}.mkv').edition).toBe('Final Cut');
    expect(parseMediaPath("Blade Runner (1982) - Director's Cut.mkv").edition).toBe("Director's Cut");
    expect(parseMediaPath('Alien.1979.Directors.Cut.1080p.BluRay.x264').edition).toBe('Directors Cut');
    expect(parseMediaPath('Gladiator.2000.EXTENDED.1080p.BluRay.x264').edition).toBe('EXTENDED');
    expect(parseMediaPath('Avatar (2009) - 1080p.mkv').edition).toBeNull();
    expect(parseMediaPath('Avatar (2009).mkv').edition).toBeNull();
    // An episode title after a dash is not an edition.
    expect(parseMediaPath('Show (2008) - S01E01 - Extended Pilot.mkv').edition).toBeNull();
  });

  it('tells stacking parts from titles that contain "Part"', () => {
    expect(parseMediaPath('Lawrence of Arabia (1962)-cd1.avi').part).toBe(1);
    expect(parseMediaPath('Lawrence of Arabia (1962) - cd2.avi').part).toBe(2);
    expect(parseMediaPath('Titanic (1997) - part1.mkv').part).toBe(1);
    expect(parseMediaPath('Titanic (1997)-pt2.mkv').part).toBe(2);
    expect(parseMediaPath('Titanic.1997.DVDRip.XviD-CD1.avi').part).toBe(1);
    expect(parseMediaPath('Das Boot (1981) Disc 2.mkv').part).toBe(2);
    expect(parseMediaPath('Movie (2001) Part 2.mkv').part).toBe(2);
    expect(parseMediaPath('Movie (2001)-cdb.avi').part).toBe(2);
    expect(parseMediaPath('Harry Potter and the Deathly Hallows Part 1 (2010).mkv').part).toBeNull();
    expect(parseMediaPath('Harry.Potter.and.the.Deathly.Hallows.Part.2.2011.1080p').part).toBeNull();
    expect(parseMediaPath('Dune.Part.Two.2024.2160p.WEB-DL').part).toBeNull();
  });

  it('dates date-based episodes', () => {
    expect(parseMediaPath('Daily.Show.2024.03.15.mkv').date).toBe('2024-03-15');
    expect(parseMediaPath('Jeopardy - 2021-11-22 - Show 8514.mp4').date).toBe('2021-11-22');
    expect(parseMediaPath('Tagesschau 15.03.2024.mp4').date).toBe('2024-03-15');
    // Not a calendar day: not a date (and then the year of the title).
    expect(parseMediaPath('Show.2024.02.30.mkv').date).toBeNull();
    expect(parseMediaPath('Show.S01E01.mkv').date).toBeNull();
  });

  it('marks samples and extras', () => {
    expect(parseMediaPath('Movie.2010.1080p.BluRay.x264-GRP/Sample/grp-movie-sample.mkv').isSample).toBe(
      true,
    );
    expect(parseMediaPath('movie.2010.1080p.bluray.x264-grp.sample.mkv').isSample).toBe(true);
    expect(parseMediaPath('sample.mkv').isSample).toBe(true);
    expect(parseMediaPath('Inception (2010)/Extras/Making Of.mkv').isExtra).toBe(true);
    expect(parseMediaPath('Inception (2010)/Featurettes/Dream Levels.mkv').isExtra).toBe(true);
    expect(parseMediaPath('Show/Season 1/Behind The Scenes/Set Tour.mkv').isExtra).toBe(true);
    expect(parseMediaPath('Inception (2010)/Inception (2010)-trailer.mp4').isExtra).toBe(true);
    expect(parseMediaPath('Inception (2010)/Inception (2010).mkv')).toMatchObject({
      isSample: false,
      isExtra: false,
    });
  });

  it('reports the container, the disc structure and the resolution', () => {
    expect(parseMediaPath('The.Matrix.1999.1080p.BluRay.x264-GROUP.mkv')).toMatchObject({
      container: 'mkv',
      disc: null,
      resolution: '1080p',
    });
    expect(parseMediaPath('Show.Name.S01E02.720p.HDTV.x264-GRP')).toMatchObject({
      container: null,
      resolution: '720p',
    });
    expect(parseMediaPath('Title.2019.2160p.UHD.BluRay.REMUX').resolution).toBe('2160p');
    expect(parseMediaPath('Title.2019.4K.HDR.mkv').resolution).toBe('2160p');
    expect(parseMediaPath('Title.2019.1080i.HDTV.mkv').resolution).toBe('1080i');
    expect(parseMediaPath('Title (2019) [1920x800].mkv').resolution).toBe('1080p');
    expect(parseMediaPath('Title.1999.DVDRip.480p.avi').resolution).toBe('480p');
    expect(parseMediaPath('Heat (1995)/VIDEO_TS/VTS_01_1.VOB')).toMatchObject({
      disc: 'dvd',
      container: 'vob',
    });
    expect(parseMediaPath('Alien (1979)/BDMV/STREAM/00001.m2ts')).toMatchObject({
      disc: 'bluray',
      title: 'Alien',
    });
    expect(parseMediaPath('Aliens (1986).iso').disc).toBe('iso');
    expect(parseMediaPath('Aliens (1986).disc').disc).toBe('stub');
  });

  it('uses the season and show folders and lets the file name win where it speaks', () => {
    expect(parseMediaPath('Show/Season 02/Show S03E01.mkv')).toMatchObject({ season: 3, episode: 1 });
    expect(parseMediaPath('Show/Specials/Show S00E02.mkv')).toMatchObject({ season: 0, episode: 2 });
    expect(parseMediaPath('Show (2001)/Season 1/')).toMatchObject({
      kind: 'episode',
      title: 'Show',
      season: 1,
    });
  });
});

describe('parseMediaPath on any input', () => {
  const shape = (input: string) => {
    const p = parseMediaPath(input);
    expect(['movie', 'episode']).toContain(p.kind);
    expect(typeof p.title).toBe('string');
    expect(p.title).toBe(p.title.trim());
    for (const n of [p.year, p.season, p.part, p.ids.tmdb, p.ids.tvdb])
      if (n !== null) expect(Number.isInteger(n) && n >= 0).toBe(true);
    const eps = p.episode === null ? [] : Array.isArray(p.episode) ? p.episode : [p.episode];
    if (Array.isArray(p.episode)) expect(p.episode.length).toBeGreaterThan(1);
    for (const e of eps) expect(Number.isInteger(e) && e >= 0).toBe(true);
    if (p.kind === 'movie') expect([p.season, p.episode]).toEqual([null, null]);
    if (p.date !== null) expect(p.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (p.year !== null) expect(p.year).toBeGreaterThanOrEqual(1880);
  };

  it('never throws and always returns a valid shape (any string)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200, unit: 'binary' }), shape), { numRuns: 2000 });
  });

  it('never throws on names made of release-name pieces', () => {
    const piece = fc.constantFrom(
      'The',
      'Matrix',
      '1999',
      '(2010)',
      '2049',
      'S01E02',
      's1e2',
      '-E03',
      'E04',
      '1x02',
      '-03',
      'Season 2',
      'Specials',
      '1080p',
      'x264',
      'BluRay',
      '-GRP',
      '[Group]',
      '[1080p]',
      '{tmdb-603}',
      '[imdbid-tt0133093]',
      '{edition-Cut}',
      ' - ',
      '.',
      '_',
      ' ',
      '/',
      '\\',
      'cd1',
      'part2',
      'Part',
      '2024.03.15',
      '15.03.2024',
      'VIDEO_TS',
      'BDMV',
      '.mkv',
      '.iso',
      'sample',
      'Extras',
      '- 12',
      'v2',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '99999',
      'S.H.I.E.L.D.',
      'é',
      '💿',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (parts) => shape(parts.join(''))),
      { numRuns: 3000 },
    );
  });

  it('stays fast on long pathological input', () => {
    const inputs = [
      'S01E01-'.repeat(5000),
      '1.'.repeat(20000),
      '[a] '.repeat(10000),
      '('.repeat(30000),
      'a/'.repeat(5000),
    ];
    const start = performance.now();
    for (const input of inputs) shape(input);
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
