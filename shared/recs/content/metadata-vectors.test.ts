import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../matrix/csr.ts';
import type { ItemContent } from './item-content.ts';
import { buildMetadataVectors, CAST_TOP_BILLED, metadataFeatures } from './metadata-vectors.ts';
import { normalizeName } from './normalize.ts';

const title = (item: string, fields: Partial<ItemContent>): ItemContent => ({
  item,
  genres: [],
  cast: [],
  directors: [],
  keywords: [],
  ...fields,
});

function cosine(m: CsrMatrix, a: number, b: number): number {
  const row = (r: number) => {
    const out = new Map<number, number>();
    for (let e = m.indptr[r]!; e < m.indptr[r + 1]!; e++) out.set(m.indices[e]!, m.values[e]!);
    return out;
  };
  const x = row(a);
  let dot = 0;
  for (const [c, v] of row(b)) dot += v * (x.get(c) ?? 0);
  return dot;
}

describe('metadata vectors', () => {
  it('treats spellings that differ in case, accents or spacing as the same person', () => {
    expect(normalizeName('  Penélope   CRUZ ')).toBe('penelope cruz');
    expect(normalizeName('Søren Kierkegaard')).toBe('soren kierkegaard');
    const m = buildMetadataVectors([
      title('a', { cast: ['Penélope Cruz'], directors: ['Pedro Almodóvar'] }),
      title('b', { cast: ['penelope  cruz'], directors: ['PEDRO ALMODOVAR'] }),
      title('c', { cast: ['Someone Else'], directors: ['Another Director'] }),
    ]);
    expect(m.features).toContain('cast:penelope cruz');
    expect(m.features.filter((f) => f.startsWith('cast:'))).toHaveLength(2);
    expect(cosine(m.matrix, 0, 1)).toBeCloseTo(1, 5);
    expect(m.labels[m.column.get('director:pedro almodovar')!]).toBe('Pedro Almodóvar');
  });

  it('rows are unit length', () => {
    const m = buildMetadataVectors([
      title('a', { genres: ['Drama', 'Crime'], cast: ['A', 'B', 'C'], year: 1994, language: 'en' }),
      title('b', { genres: ['Drama'], keywords: ['prison'] }),
      title('empty', {}),
    ]);
    expect(cosine(m.matrix, 0, 0)).toBeCloseTo(1, 5);
    expect(cosine(m.matrix, 1, 1)).toBeCloseTo(1, 5);
    expect(m.matrix.indptr[3]! - m.matrix.indptr[2]!).toBe(0);
  });

  it('sharing the lead counts more than sharing the fifth-billed, and the sixth does not count', () => {
    const cast = ['Lead', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth'];
    const m = buildMetadataVectors([
      title('film', { cast }),
      title('same-lead', { cast: ['Lead', 'x1', 'x2'] }),
      title('same-fifth', { cast: ['Fifth', 'y1', 'y2'] }),
      title('same-sixth', { cast: ['Sixth', 'z1', 'z2'] }),
    ]);
    expect(CAST_TOP_BILLED).toBe(5);
    expect(cosine(m.matrix, 0, 1)).toBeGreaterThan(cosine(m.matrix, 0, 2));
    expect(cosine(m.matrix, 0, 2)).toBeGreaterThan(0);
    expect(cosine(m.matrix, 0, 3)).toBe(0);
  });

  it('1989 and 1991 are neighbours; 1985 and 1995 or 1975 and 1991 are not', () => {
    const years = [1989, 1991, 1985, 1995, 1975];
    const m = buildMetadataVectors(years.map((year) => title(String(year), { year })));
    const sim = (a: number, b: number) => cosine(m.matrix, years.indexOf(a), years.indexOf(b));
    expect(sim(1989, 1991)).toBeGreaterThan(0.5);
    expect(sim(1989, 1991)).toBeGreaterThan(sim(1985, 1995));
    expect(sim(1985, 1995)).toBe(0);
    expect(sim(1975, 1991)).toBe(0);
    expect(metadataFeatures(title('x', { year: 1989 }))).toEqual(
      new Map([
        ['decade:1980s', 1],
        ['decade:1990s', 0.5],
      ]),
    );
  });

  it('a shared rare genre counts more than a shared common one', () => {
    const m = buildMetadataVectors([
      title('western-drama', { genres: ['Western', 'Drama'] }),
      title('other-western', { genres: ['Western', 'Action'] }),
      title('other-drama', { genres: ['Drama', 'Action'] }),
      title('drama-1', { genres: ['Drama'] }),
      title('drama-2', { genres: ['Drama'] }),
    ]);
    expect(cosine(m.matrix, 0, 1)).toBeGreaterThan(cosine(m.matrix, 0, 2));
  });

  it('forty keywords do not drown two genres', () => {
    const keywords = Array.from({ length: 40 }, (_, k) => `keyword ${k}`);
    const m = buildMetadataVectors([
      title('a', { genres: ['Horror', 'Comedy'], keywords }),
      title('b', { genres: ['Horror', 'Comedy'], keywords: ['other'] }),
      title('c', { genres: ['Western'], keywords: keywords.slice(0, 2) }),
    ]);
    expect(cosine(m.matrix, 0, 1)).toBeGreaterThan(cosine(m.matrix, 0, 2));
    expect(cosine(m.matrix, 0, 1)).toBeGreaterThan(0.3);
  });

  it('the same name twice in one list counts once, at its best billing', () => {
    expect(metadataFeatures(title('x', { cast: ['A', 'B', 'A'], genres: ['Drama', 'drama'] }))).toEqual(
      new Map([
        ['genre:drama', 1],
        ['cast:a', 1],
        ['cast:b', 0.7],
      ]),
    );
    const m = buildMetadataVectors([title('x', { genres: ['Drama', 'drama'] })]);
    expect(m.df[m.column.get('genre:drama')!]).toBe(1);
  });
});
