import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, HybridClock, parseHlc } from './hlc';

const NODE_A = '00000000000000aa';
const NODE_B = '00000000000000bb';

describe('hybrid logical clock', () => {
  it('stamps sort as text in the order they were issued, even when the wall clock stands still or steps back', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), (steps) => {
        let wall = 1_700_000_000_000;
        const clock = new HybridClock(NODE_A, () => wall);
        let last = '';
        for (const step of steps) {
          wall += step;
          const stamp = clock.next();
          expect(stamp > last).toBe(true);
          last = stamp;
        }
      }),
    );
  });

  it('after receiving a stamp, every local stamp sorts after it (causality), whatever the two wall clocks say', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -86_400_000, max: 86_400_000 }),
        fc.nat({ max: 0xfff0 }),
        (skew, counter) => {
          const b = new HybridClock(NODE_B, () => 1_700_000_000_000 + skew);
          const remote = formatHlc({ ms: 1_700_000_000_000, counter, node: NODE_A });
          b.receive(remote);
          expect(b.next() > remote).toBe(true);
        },
      ),
    );
  });

  it('borrows the next millisecond rather than overflow the counter', () => {
    const clock = new HybridClock(NODE_A, () => 5, formatHlc({ ms: 5, counter: 0xffff, node: NODE_A }));
    expect(parseHlc(clock.next())).toEqual({ ms: 6, counter: 0, node: NODE_A });
  });

  it('refuses malformed stamps and node ids by name', () => {
    expect(parseHlc('2026-11-22')).toBeNull();
    expect(() => new HybridClock('xyz', Date.now)).toThrow(/invalid node id "xyz"/);
    expect(() => new HybridClock(NODE_A, Date.now).receive('nope')).toThrow(/invalid clock stamp "nope"/);
  });
});
