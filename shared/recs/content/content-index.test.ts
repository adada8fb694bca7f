import { describe, expect, it } from 'vitest';
import { seededRandom } from '../matrix/random.ts';
import { buildContentIndex, ContentInputError, type ContentIndexOptions } from './content-index.ts';
import { parseCatalogue, type ItemContent } from './item-content.ts';
import { CATALOGUE } from './test-catalogue.ts';

const items = parseCatalogue(CATALOGUE);
const at = (id: string) => {
  const i = items.findIndex((x) => x.item === id);
  if (i < 0) throw new Error(`no ${id} in the test catalogue`);
  return i;
};
const build = (options?: ContentIndexOptions) => buildContentIndex(items, options);
const ids = (found: { items: Int32Array }) => Array.from(found.items, (i) => items[i]!.item);
const romcoms = items.filter((x) => x.genres.includes('Romance')).map((x) => x.item);
const byNolan = items.filter((x) => x.directors.includes('Christopher Nolan')).map((x) => x.item);

/** Unit vectors in `dimensions` dimensions; items listed in `together` share one direction. */
function neuralVectors(together: string[], dimensions = 8): Float32Array[] {
  return items.map((x, i) => {
    const v = new Float32Array(dimensions);
    if (together.includes(x.item)) v[0] = 1;
    else v[1 + (i % (dimensions - 1))] = 1;
    return v;
  });
}

describe('content index: similar items', () => {
  it('keeps the catalogue order, so item i is the i-th title', () => {
    const index = build();
    expect(index.size).toBe(items.length);
    expect(index.ids).toEqual(items.map((x) => x.item));
    expect(index.indexOf('dune')).toBe(at('dune'));
    expect(index.indexOf('no-such-title')).toBe(-1);
  });

  it('a Nolan film is most like other Nolan films, and the romantic comedies come last', () => {
    const index = build();
    const found = ids(index.similarItems(at('inception'), items.length));
    expect(found.slice(0, 3).every((id) => byNolan.includes(id))).toBe(true);
    expect(found).not.toContain('inception');
    const lastNolan = Math.max(...byNolan.filter((id) => id !== 'inception').map((id) => found.indexOf(id)));
    for (const romcom of romcoms) {
      const rank = found.indexOf(romcom);
      if (rank >= 0) expect(rank).toBeGreaterThan(lastNolan);
    }
    // Every title sharing a genre or the director with Inception ranks above every romantic comedy.
    const inception = items[at('inception')]!;
    const related = items.filter(
      (x) =>
        x.item !== 'inception' &&
        (x.genres.some((g) => inception.genres.includes(g)) || x.directors.includes('Christopher Nolan')),
    );
    expect(related.length).toBeGreaterThan(10);
    const firstRomcom = Math.min(...romcoms.map((id) => found.indexOf(id)).filter((rank) => rank >= 0));
    for (const x of related) expect(found.indexOf(x.item), x.item).toBeLessThan(firstRomcom);
  });

  it('a romantic comedy is most like the other romantic comedies', () => {
    const found = ids(build().similarItems(at('notting-hill'), 4));
    expect(found.sort()).toEqual(romcoms.filter((id) => id !== 'notting-hill').sort());
  });

  it('honours skip and n, and returns scores best first', () => {
    const index = build();
    const all = index.similarItems(at('inception'), 5);
    const skipped = index.similarItems(at('inception'), 5, (i) => i === all.items[0]);
    expect(all.items.length).toBe(5);
    expect(ids(skipped)).not.toContain(ids(all)[0]);
    expect(ids(skipped).slice(0, 4)).toEqual(ids(all).slice(1, 5));
    for (let k = 1; k < all.scores.length; k++)
      expect(all.scores[k]!).toBeLessThanOrEqual(all.scores[k - 1]!);
  });

  it('leaves out titles with nothing in common instead of padding with zeros', () => {
    const lonely: ItemContent[] = [
      { item: 'a', genres: ['Western'], cast: [], directors: [], keywords: [] },
      { item: 'b', genres: ['Western'], cast: [], directors: [], keywords: [] },
      { item: 'c', genres: ['Musical'], cast: [], directors: [], keywords: [] },
    ];
    const found = buildContentIndex(lonely).similarItems(0, 10);
    expect(Array.from(found.items)).toEqual([1]);
  });
});

describe('content index: text block', () => {
  it('says when it fell back to overview keywords, and why', () => {
    expect(build({ text: { lexicalReason: 'the text model is not downloaded' } }).textSource).toEqual({
      kind: 'lexical',
      reason: 'the text model is not downloaded',
    });
    expect(build().textSource.kind).toBe('lexical');
  });

  it('with the lexical fallback, overview words alone find the other space-survival story', () => {
    const index = build({ text: { lexicalReason: 'no model' }, weights: { metadata: 0, text: 1 } });
    const found = ids(index.similarItems(at('gravity'), 3));
    expect(found[0]).toBe('the-martian');
    expect(found).not.toContain('notting-hill');
  });

  it('uses the given neural vectors and reports the embedder', () => {
    const index = build({
      text: { embedderId: 'fastembed:test', vectors: neuralVectors(['notting-hill', 'gravity']) },
      weights: { metadata: 0, text: 1 },
    });
    expect(index.textSource).toEqual({ kind: 'neural', id: 'fastembed:test' });
    const found = index.similarItems(at('notting-hill'), 3);
    expect(ids(found)[0]).toBe('gravity');
    expect(found.scores[0]).toBeCloseTo(1, 5);
  });

  it('blends: a neural match lifts a title that metadata alone ranks lower', () => {
    const text = { embedderId: 'fastembed:test', vectors: neuralVectors(['inception', 'arrival']) };
    const metadataOnly = ids(
      build({ text, weights: { metadata: 1, text: 0 } }).similarItems(at('inception'), 20),
    );
    const blended = ids(
      build({ text, weights: { metadata: 0.5, text: 0.5 } }).similarItems(at('inception'), 20),
    );
    expect(blended.indexOf('arrival')).toBeLessThan(metadataOnly.indexOf('arrival'));
    expect(blended[0]).toBe('arrival');
  });

  it('scales non-unit vectors to unit length and rejects ones that do not fit', () => {
    const doubled = neuralVectors(['notting-hill', 'gravity']).map((v) => v.map((x) => 2 * x));
    const index = build({ text: { embedderId: 'm', vectors: doubled }, weights: { metadata: 0, text: 1 } });
    expect(index.similarItems(at('notting-hill'), 1).scores[0]).toBeCloseTo(1, 5);

    const vectors = neuralVectors([]);
    expect(() => build({ text: { embedderId: 'm', vectors: vectors.slice(1) } })).toThrow(
      /text\.vectors.*one per item/,
    );
    const short = [...vectors];
    short[3] = new Float32Array(4);
    expect(() => build({ text: { embedderId: 'm', vectors: short } })).toThrow(
      /text\.vectors\[3\].*4 dimensions/,
    );
    const broken = [...vectors];
    broken[2] = Float32Array.of(NaN, 0, 0, 0, 0, 0, 0, 0);
    expect(() => build({ text: { embedderId: 'm', vectors: broken } })).toThrow(/text\.vectors\[2\]\[0\]/);
  });
});

describe('content index: profiles', () => {
  it('scores every title against a taste profile', () => {
    const index = build();
    const out = new Float32Array(index.size);
    index.profileScores(
      [
        { item: at('inception'), weight: 1 },
        { item: at('interstellar'), weight: 1 },
      ],
      out,
    );
    expect(out[at('tenet')]!).toBeGreaterThan(out[at('notting-hill')]!);
    expect(out[at('prestige')]!).toBeGreaterThan(out[at('love-actually')]!);
  });

  it('a profile score equals the weighted mean similarity to the history', () => {
    const index = build({
      text: { embedderId: 'm', vectors: neuralVectors(['alien', 'dune']) },
    });
    const history = [
      { item: at('alien'), weight: 2 },
      { item: at('sicario'), weight: -1 },
    ];
    const out = new Float32Array(index.size);
    index.profileScores(history, out);
    for (let j = 0; j < index.size; j++) {
      const expected = (2 * index.similarity(at('alien'), j) - index.similarity(at('sicario'), j)) / 3;
      expect(out[j]).toBeCloseTo(expected, 5);
    }
  });

  it("a disliked title pushes its neighbours down the user's list", () => {
    const index = build();
    const rank = (scores: Float32Array, id: string) =>
      Array.from(scores.keys())
        .sort((a, b) => scores[b]! - scores[a]!)
        .indexOf(at(id));
    const liked = [
      { item: at('inception'), weight: 1 },
      { item: at('notting-hill'), weight: 1 },
    ];
    const before = new Float32Array(index.size);
    index.profileScores(liked, before);
    const after = new Float32Array(index.size);
    index.profileScores([liked[0]!, { item: at('notting-hill'), weight: -1 }], after);

    expect(after[at('love-actually')]!).toBeLessThan(0);
    expect(rank(after, 'love-actually')).toBeGreaterThan(rank(before, 'love-actually'));
    expect(rank(after, 'four-weddings')).toBeGreaterThan(rank(before, 'four-weddings'));
    // Titles unlike the disliked one keep their place near the top.
    expect(rank(after, 'tenet')).toBeLessThanOrEqual(rank(before, 'tenet'));
    expect(rank(after, 'love-actually')).toBeGreaterThan(rank(after, 'hollow-creek'));
  });

  it('names the bad history entry', () => {
    const index = build();
    const out = new Float32Array(index.size);
    expect(() =>
      index.profileScores(
        [
          { item: 0, weight: 1 },
          { item: 1, weight: NaN },
        ],
        out,
      ),
    ).toThrow(/history\[1\]\.weight: NaN/);
    expect(() => index.profileScores([{ item: 99, weight: 1 }], out)).toThrow(ContentInputError);
    expect(() => index.profileScores([], new Float32Array(3))).toThrow(/out: has length 3/);
  });
});

describe('content index: explanations', () => {
  it('picks the history title that explains a recommendation, and what they share', () => {
    const index = build();
    const why = index.explain(at('interstellar'), [at('notting-hill'), at('dark-knight'), at('get-out')]);
    expect(why?.item).toBe(at('dark-knight'));
    expect(why?.shared[0]).toMatchObject({ group: 'director', label: 'Christopher Nolan' });
    expect(why?.shared).toContainEqual(expect.objectContaining({ group: 'cast', label: 'Michael Caine' }));
    expect(why!.similarity).toBeCloseTo(index.similarity(at('interstellar'), at('dark-knight')), 6);
  });

  it('lists shared overview words when comparing by keywords', () => {
    const index = build({ weights: { metadata: 0, text: 1 } });
    const why = index.explain(at('gravity'), [at('notting-hill'), at('the-martian')]);
    expect(why?.item).toBe(at('the-martian'));
    expect(why?.shared.map((s) => s.label)).toEqual(expect.arrayContaining(['stranded', 'earth']));
    expect(why?.shared.every((s) => s.group === 'plot')).toBe(true);
  });

  it('has nothing to say without a similar history title', () => {
    const index = build();
    expect(index.explain(at('inception'), [])).toBeNull();
    expect(index.explain(at('inception'), [at('inception')])).toBeNull();
  });
});

describe('content index: size', () => {
  it('builds a 60,000-title catalogue in seconds and answers in milliseconds', () => {
    const random = seededRandom(7);
    const pick = (n: number) => Math.floor(random() * n);
    const words = Array.from({ length: 5000 }, (_, i) => `w${i.toString(36)}x`);
    const catalogue: ItemContent[] = Array.from({ length: 60_000 }, (_, i) => ({
      item: `t${i}`,
      genres: [`g${pick(20)}`, `g${pick(20)}`],
      cast: Array.from({ length: 8 }, () => `actor ${pick(30_000)}`),
      directors: [`director ${pick(8000)}`],
      year: 1930 + pick(95),
      language: random() < 0.8 ? 'en' : 'fr',
      keywords: Array.from({ length: 6 }, () => `k${pick(4000)}`),
      overview: Array.from({ length: 40 }, () => words[Math.floor(random() ** 2 * words.length)]).join(' '),
    }));
    let t = performance.now();
    const index = buildContentIndex(catalogue);
    const buildMs = performance.now() - t;
    t = performance.now();
    for (let q = 0; q < 20; q++) index.similarItems(q * 997, 20);
    const queryMs = (performance.now() - t) / 20;
    const out = new Float32Array(index.size);
    t = performance.now();
    index.profileScores(
      Array.from({ length: 50 }, (_, h) => ({ item: h * 31, weight: h % 7 === 0 ? -1 : 1 })),
      out,
    );
    const profileMs = performance.now() - t;
    expect(buildMs).toBeLessThan(15_000);
    expect(queryMs).toBeLessThan(100);
    expect(profileMs).toBeLessThan(500);
  });
});
