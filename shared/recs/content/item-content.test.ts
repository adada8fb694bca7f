import { describe, expect, it } from 'vitest';
import { ItemContentError, parseCatalogue, parseItemContent } from './item-content.ts';

describe('item content at the door', () => {
  it('accepts a title with only an id, filling empty lists', () => {
    expect(parseItemContent({ item: 'tt0133093' })).toEqual({
      item: 'tt0133093',
      genres: [],
      cast: [],
      directors: [],
      keywords: [],
    });
  });

  it('lowercases the language code and trims names', () => {
    const item = parseItemContent({ item: 'a', language: 'FR', cast: ['  Audrey Tautou '] });
    expect(item.language).toBe('fr');
    expect(item.cast).toEqual(['Audrey Tautou']);
  });

  it('names the field that is wrong', () => {
    const problems = (value: unknown) => {
      try {
        parseItemContent(value);
      } catch (e) {
        if (e instanceof ItemContentError) return e.issues;
        throw e;
      }
      return [];
    };
    expect(problems({ item: 'a', year: 'nineteen' })).toEqual([
      { field: 'year', message: 'expected a year such as 1999' },
    ]);
    expect(problems({ item: 'a', year: NaN })[0]?.field).toBe('year');
    expect(problems({ item: 'a', language: 'english' })[0]).toEqual({
      field: 'language',
      message: 'expected a two-letter ISO 639-1 language code such as en',
    });
    expect(problems({ item: 'a', cast: ['Ok', '   '] })[0]).toEqual({
      field: 'cast[1]',
      message: 'must not be empty',
    });
    expect(problems({ item: 'a', kind: 'episode' })[0]?.field).toBe('kind');
    expect(problems({ genres: [] })[0]?.field).toBe('item');
    expect(problems('not an object')[0]?.field).toBe('(the item itself)');
    expect(() => parseItemContent({ item: 'a', year: 1850 })).toThrow(/year: expected a year from 1870 on/);
  });

  it('checks a catalogue: every bad title by position, and repeated ids', () => {
    expect(() =>
      parseCatalogue([
        { item: 'a' },
        { item: 'b', directors: [42] },
        { item: 'a' },
        { item: 'c', year: 2.5 },
      ]),
    ).toThrow(
      'invalid item content: items[1].directors[0]: Invalid input: expected string, received number; ' +
        'items[2].item: "a" is already items[0]; items[3].year: expected a whole year such as 1999',
    );
    expect(parseCatalogue([{ item: 'a' }, { item: 'b' }]).map((x) => x.item)).toEqual(['a', 'b']);
  });
});
