import { describe, expect, it } from 'vitest';
import { isFiltered, libraryHref, paramsFromQuery, queryFromParams, toSavedQuery } from './filters';

describe('library filters in the URL', () => {
  it('round-trips every facet and sort', () => {
    const query = queryFromParams(
      new URLSearchParams(
        'q=matrix&kind=movie&kind=series&genre=Drama&genre=Sci-Fi&from=1990&to=1999&format=dvd&owned=yes&watched=no&rating=3.5&tag=cult&status=completed&sort=year&order=asc',
      ),
    );
    expect(query).toEqual({
      text: 'matrix',
      kinds: ['movie', 'series'],
      genres: ['Drama', 'Sci-Fi'],
      yearFrom: 1990,
      yearTo: 1999,
      formats: ['dvd'],
      owned: true,
      watched: false,
      ratingMin: 3.5,
      tags: ['cult'],
      statuses: ['completed'],
      sort: 'year',
      order: 'asc',
    });
    expect(queryFromParams(paramsFromQuery(query))).toEqual(query);
  });

  it('ignores what it does not understand rather than failing', () => {
    expect(queryFromParams(new URLSearchParams('kind=film&from=19&rating=7&sort=best&owned=maybe'))).toEqual({
      sort: 'relevance',
    });
  });

  it('saves only the fields set, as the strict smart-list schema wants', () => {
    const query = queryFromParams(new URLSearchParams('genre=Drama'));
    expect(toSavedQuery(query)).toEqual({ text: '', genres: ['Drama'], sort: 'relevance' });
    expect(isFiltered(query)).toBe(true);
    expect(isFiltered({ sort: 'title', order: 'desc' })).toBe(false);
    expect(libraryHref({ sort: 'relevance' })).toBe('#/library');
  });
});
