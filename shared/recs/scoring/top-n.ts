/**
 * Best n of many scores without sorting them all: a size-n min-heap keeps the
 * current winners, so a 60,000-item catalogue costs one pass plus n log n.
 */
export interface TopN {
  readonly items: Int32Array;
  readonly scores: Float32Array;
}

/** `skip(i)` true removes item i (already watched, owned, disliked, filtered kind). */
export function topN(scores: Float32Array, n: number, skip?: (item: number) => boolean): TopN {
  const heapItems = new Int32Array(n);
  const heapScores = new Float32Array(n);
  let size = 0;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (Number.isNaN(s)) continue;
    if (size === n && !(s > heapScores[0]!)) continue;
    if (skip?.(i)) continue;
    if (size < n) {
      heapItems[size] = i;
      heapScores[size] = s;
      siftUp(heapItems, heapScores, size++);
    } else {
      heapItems[0] = i;
      heapScores[0] = s;
      siftDown(heapItems, heapScores, size);
    }
  }
  return sortDescending(heapItems.subarray(0, size), heapScores.subarray(0, size));
}

/** A bitmap `skip` for topN: excluded[i] !== 0 means leave item i out. */
export function excludedBy(excluded: Uint8Array): (item: number) => boolean {
  return (item) => excluded[item] !== 0;
}

function siftUp(items: Int32Array, scores: Float32Array, at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (!(scores[at]! < scores[parent]!)) return;
    swap(items, scores, at, parent);
    at = parent;
  }
}

function siftDown(items: Int32Array, scores: Float32Array, size: number): void {
  let at = 0;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let least = at;
    if (left < size && scores[left]! < scores[least]!) least = left;
    if (right < size && scores[right]! < scores[least]!) least = right;
    if (least === at) return;
    swap(items, scores, at, least);
    at = least;
  }
}

function swap(items: Int32Array, scores: Float32Array, a: number, b: number): void {
  const i = items[a]!;
  items[a] = items[b]!;
  items[b] = i;
  const s = scores[a]!;
  scores[a] = scores[b]!;
  scores[b] = s;
}

/** Ties broken by item index so results are stable across runs. */
function sortDescending(items: Int32Array, scores: Float32Array): TopN {
  const order = Array.from(items.keys()).sort((a, b) => scores[b]! - scores[a]! || items[a]! - items[b]!);
  return {
    items: Int32Array.from(order, (o) => items[o]!),
    scores: Float32Array.from(order, (o) => scores[o]!),
  };
}
