// The same mulberry32 the recommender uses: the same seed always builds the same demo library.
export { seededRandom } from '@reelshelf/shared/recs';

export class Dice {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  private issued = 0;
  /**
   * A UUIDv7-shaped id from the seed: a counter where v7 has its timestamp (so ids are
   * ascending, like the app's own, and reproducible) and seeded random bits after it.
   */
  uuid(): string {
    const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
    const counter = hex(++this.issued, 12);
    const r = () => Math.floor(this.next() * 0x10000);
    return `${counter.slice(0, 8)}-${counter.slice(8)}-7${hex(r() & 0xfff, 3)}-${hex(0x8000 | (r() & 0x3fff), 4)}-${hex(r(), 4)}${hex(r(), 4)}${hex(r(), 4)}`;
  }
}
