/**
 * Hybrid logical clock (Kulkarni et al. 2014): wall-clock milliseconds, a counter for
 * events in the same millisecond (or while the wall clock lags a time already seen) and
 * the device's node id. Serialised at fixed width, so string order is causal order and
 * SQLite can compare stamps as text.
 */

/** How far a stamp may run ahead of the server's clock; further than this is a wrong device clock. */
export const MAX_DRIFT_MS = 60_000;

const MAX_COUNTER = 0xffff;
const HLC_PATTERN = /^(\d{13})-([0-9a-f]{4})-([0-9a-f]{16})$/;

export interface HlcParts {
  ms: number;
  counter: number;
  node: string;
}

export function formatHlc({ ms, counter, node }: HlcParts): string {
  return `${String(ms).padStart(13, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

/** Null when the text is not a stamp; the caller says what it was reading. */
export function parseHlc(text: string): HlcParts | null {
  const m = HLC_PATTERN.exec(text);
  if (!m) return null;
  return { ms: Number(m[1]), counter: parseInt(m[2]!, 16), node: m[3]! };
}

export const isHlc = (text: string): boolean => HLC_PATTERN.test(text);

/** A node id: 16 hex digits, random per library file. */
export function randomNodeId(random: () => number = Math.random): string {
  let id = '';
  for (let i = 0; i < 16; i++) id += Math.floor(random() * 16).toString(16);
  return id;
}

export class ClockError extends Error {}

export class HybridClock {
  private ms: number;
  private counter: number;

  /**
   * @param node this device's node id
   * @param now physical time in ms — the device clock, corrected by the server offset once known
   * @param last the newest stamp this device issued or saw (persisted between runs)
   */
  constructor(
    readonly node: string,
    private readonly now: () => number,
    last?: string,
  ) {
    if (!/^[0-9a-f]{16}$/.test(node)) throw new ClockError(`invalid node id "${node}"`);
    const parsed = last ? parseHlc(last) : null;
    this.ms = parsed?.ms ?? 0;
    this.counter = parsed?.counter ?? 0;
  }

  /** A stamp for a local event, later than every stamp issued or seen so far. */
  next(): string {
    const wall = Math.floor(this.now());
    if (wall > this.ms) {
      this.ms = wall;
      this.counter = 0;
    } else {
      this.bump();
    }
    return this.current();
  }

  /** Takes in a stamp from another device so that later local stamps sort after it. */
  receive(stamp: string): void {
    const remote = parseHlc(stamp);
    if (!remote) throw new ClockError(`invalid clock stamp "${stamp}"`);
    const wall = Math.floor(this.now());
    if (wall > this.ms && wall > remote.ms) {
      this.ms = wall;
      this.counter = 0;
    } else if (remote.ms > this.ms) {
      this.ms = remote.ms;
      this.counter = remote.counter;
      this.bump();
    } else if (remote.ms === this.ms) {
      this.counter = Math.max(this.counter, remote.counter);
      this.bump();
    } else {
      this.bump();
    }
  }

  /** The newest stamp issued or seen (what to persist). */
  current(): string {
    return formatHlc({ ms: this.ms, counter: this.counter, node: this.node });
  }

  private bump(): void {
    if (this.counter < MAX_COUNTER) {
      this.counter++;
    } else {
      // 65,536 events in one millisecond: borrow the next millisecond rather than overflow.
      this.ms++;
      this.counter = 0;
    }
  }
}
