import { describe, expect, it } from 'vitest';
import { interactionWeight } from './signals.ts';

describe('interaction weights from what a person did', () => {
  it('orders evidence the way a viewer would: loved > rewatched > watched > listed > nothing', () => {
    const loved = interactionWeight({ watches: 1, rating: 5, liked: true });
    const rewatched = interactionWeight({ watches: 3 });
    const watched = interactionWeight({ watches: 1 });
    const listed = interactionWeight({ listAdds: 1 });
    expect(loved).toBeGreaterThan(rewatched);
    expect(rewatched).toBeGreaterThan(watched);
    expect(watched).toBeGreaterThan(listed);
    expect(listed).toBeGreaterThan(0);
    expect(interactionWeight({})).toBe(0);
  });

  it('caps rewatches so one comfort film does not drown the rest', () => {
    expect(interactionWeight({ watches: 50 })).toBe(interactionWeight({ watches: 4 }));
  });

  it('makes a dislike negative evidence whatever else happened', () => {
    expect(interactionWeight({ watches: 3, rating: 5, liked: true, disliked: true })).toBeLessThan(0);
  });

  it('keeps a watched-but-hated title weakly positive, and rejects impossible ratings', () => {
    expect(interactionWeight({ watches: 1, rating: 0.5 })).toBeGreaterThan(0);
    expect(() => interactionWeight({ rating: 7 })).toThrow(/rating/);
    expect(() => interactionWeight({ watches: -1 })).toThrow(/watches/);
  });
});
