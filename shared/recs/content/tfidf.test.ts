import { describe, expect, it } from 'vitest';
import type { CsrMatrix } from '../matrix/csr.ts';
import { buildTfidf, tokenize } from './tfidf.ts';

function cosine(m: CsrMatrix, a: number, b: number): number {
  let dot = 0;
  for (let x = m.indptr[a]!; x < m.indptr[a + 1]!; x++) {
    for (let y = m.indptr[b]!; y < m.indptr[b + 1]!; y++) {
      if (m.indices[x] === m.indices[y]) dot += m.values[x]! * m.values[y]!;
    }
  }
  return dot;
}

describe('tokenize', () => {
  it('keeps words and numbers, lowercased with accents folded, without stop words or single letters', () => {
    expect(tokenize('The Pokémon café in São Paulo, 1999: a story of WAR & peace — X')).toEqual([
      'pokemon',
      'cafe',
      'sao',
      'paulo',
      '1999',
      'war',
      'peace',
    ]);
  });

  it('splits on punctuation and keeps non-Latin letters', () => {
    expect(tokenize("dream-sharing CEO's Москва 東京")).toEqual([
      'dream',
      'sharing',
      'ceo',
      'москва',
      '東京',
    ]);
  });
});

describe('TF-IDF vectors', () => {
  const overviews = [
    'Astronauts aboard a damaged space station drift in orbit and must find a way back to Earth.',
    'An astronaut stranded on Mars must survive alone until a rescue mission can reach him from Earth orbit.',
    'A bookshop owner in London falls in love with a famous actress who walks into his shop.',
    'Two friends in New York argue about love and friendship over twelve years.',
    undefined,
  ];
  const tfidf = buildTfidf(overviews);

  it('puts a space story nearer another space story than a romance', () => {
    expect(cosine(tfidf.matrix, 0, 1)).toBeGreaterThan(cosine(tfidf.matrix, 0, 2));
    expect(cosine(tfidf.matrix, 0, 1)).toBeGreaterThan(cosine(tfidf.matrix, 0, 3));
    expect(cosine(tfidf.matrix, 2, 3)).toBeGreaterThan(cosine(tfidf.matrix, 2, 0));
  });

  it('rows are unit length; a missing overview is an empty row', () => {
    for (let r = 0; r < 4; r++) expect(cosine(tfidf.matrix, r, r)).toBeCloseTo(1, 5);
    expect(tfidf.matrix.indptr[5]! - tfidf.matrix.indptr[4]!).toBe(0);
    expect(tfidf.matrix.rows).toBe(5);
  });

  it('a word in every text weighs less than a rare one, and repeats count sublinearly', () => {
    const t = buildTfidf(['ghost ship ship ship', 'ghost town', 'ghost train']);
    const weight = (word: string) => {
      const c = t.vocabulary.indexOf(word);
      for (let e = t.matrix.indptr[0]!; e < t.matrix.indptr[1]!; e++)
        if (t.matrix.indices[e] === c) return t.matrix.values[e]!;
      return 0;
    };
    expect(t.idf[t.vocabulary.indexOf('ghost')]).toBeCloseTo(1, 6); // smooth idf: ln(4/4) + 1
    expect(weight('ship')).toBeGreaterThan(weight('ghost'));
    // 1 + ln 3 ≈ 2.1 times the weight of a single occurrence, not 3 times.
    const idfRatio = t.idf[t.vocabulary.indexOf('ship')]! / t.idf[t.vocabulary.indexOf('ghost')]!;
    expect(weight('ship') / weight('ghost') / idfRatio).toBeCloseTo(1 + Math.log(3), 4);
  });
});
