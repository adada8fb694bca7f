import type Database from 'better-sqlite3';
import { readMeta, writeMeta } from '../db/meta';
import { formatHlc, HybridClock, MAX_DRIFT_MS, randomNodeId } from '@reelshelf/shared/sync';

const NODE = 'sync.node';
const LAST = 'sync.clock';
const OFFSET = 'sync.clockOffset';
const SEEN = 'sync.clockSeen';

/**
 * This library's hybrid logical clock, persisted in library_meta: its node id, the newest
 * stamp issued or seen, and the correction to the device clock learned from the server
 * (0 while the device clock is within MAX_DRIFT_MS of the server's).
 */
export class SyncClock {
  readonly node: string;
  private clock: HybridClock;
  private offset: number;
  /** The newest stamp received from another device: a restarted clock never goes below it. */
  private seen: string;

  constructor(
    private readonly sqlite: Database.Database,
    /** The device's own clock. */
    readonly deviceNow: () => number = Date.now,
  ) {
    let node = readMeta(sqlite, NODE);
    if (!node) {
      node = randomNodeId();
      writeMeta(sqlite, NODE, node);
    }
    this.node = node;
    this.offset = Number(readMeta(sqlite, OFFSET) ?? 0);
    this.seen = readMeta(sqlite, SEEN) ?? '';
    this.clock = new HybridClock(node, () => this.now(), readMeta(sqlite, LAST));
  }

  /** The device clock corrected by what the server told us. */
  now(): number {
    return this.deviceNow() + this.offset;
  }

  get offsetMs(): number {
    return this.offset;
  }

  next(): string {
    return this.clock.next();
  }

  receive(stamp: string): void {
    this.clock.receive(stamp);
    if (stamp > this.seen) this.seen = stamp;
  }

  /** Saves the newest stamps (inside the transaction that used them). */
  persist(): void {
    writeMeta(this.sqlite, LAST, this.clock.current());
    writeMeta(this.sqlite, SEEN, this.seen);
  }

  /**
   * Takes the server's time. Returns true when the correction changed by more than
   * MAX_DRIFT_MS, i.e. unsent stamps were made with a clock that was wrong and must be
   * re-timed. Stamps issued under a clock that ran ahead are forgotten: the clock
   * restarts from the corrected time (the server never accepted stamps that far ahead,
   * so no other device has seen them).
   */
  learnServerTime(serverTime: number, localMidpoint: number): boolean {
    const measured = serverTime - localMidpoint;
    const offset = Math.abs(measured) > MAX_DRIFT_MS ? measured : 0;
    const changed = Math.abs(offset - this.offset) > MAX_DRIFT_MS;
    this.offset = offset;
    writeMeta(this.sqlite, OFFSET, String(offset));
    if (changed) {
      const current = this.clock.current();
      const ahead = Number(current.slice(0, 13)) > this.now() + MAX_DRIFT_MS;
      const corrected = formatHlc({ ms: Math.floor(this.now()), counter: 0, node: this.node });
      // Restarting below a stamp already seen would order a later edit before it.
      const restart = ahead ? (this.seen > corrected ? this.seen : corrected) : current;
      this.clock = new HybridClock(this.node, () => this.now(), restart);
    }
    return changed;
  }
}
