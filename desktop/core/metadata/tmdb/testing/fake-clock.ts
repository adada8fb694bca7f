/**
 * Time for HttpClient tests: sleeping moves the clock instead of waiting, and every wait is
 * recorded, so a test can assert "waited the 1 s Retry-After asked for" in no time.
 */
export interface FakeClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  advance(ms: number): void;
  /** Every wait asked for, in order. */
  sleeps: number[];
}

export const CLOCK_START = Date.parse('2025-06-01T12:00:00.000Z');

export function fakeClock(start = CLOCK_START): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
    advance(ms) {
      t += ms;
    },
    sleeps,
  };
}
