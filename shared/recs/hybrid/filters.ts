/**
 * Titles a list may never show, whatever their score: already watched,
 * owned or disliked (the caller marks those), the wrong kind, or above a kid
 * profile's age ceiling. A title with no known rating is kept out of a kid
 * profile — a missing rating is not proof that it is suitable.
 */
export const ITEM_KINDS = ['movie', 'series'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemFacts {
  /** Index into ITEM_KINDS per item. */
  readonly kind: Uint8Array;
  /** Minimum age per item (see certificationAge), −1 when unknown. */
  readonly minimumAge: Int8Array;
}

export interface Filters {
  readonly kinds?: readonly ItemKind[];
  /** Kid mode: the oldest minimum age allowed. */
  readonly maximumAge?: number;
}

/** eligible[i] = 1 when item i may be shown; `excluded` marks the caller's own exclusions. */
export function eligibleItems(facts: ItemFacts, filters: Filters, excluded?: Uint8Array): Uint8Array {
  const n = facts.kind.length;
  const eligible = new Uint8Array(n);
  const kinds = filters.kinds ? new Set(filters.kinds.map((k) => ITEM_KINDS.indexOf(k))) : undefined;
  const ceiling = filters.maximumAge;
  for (let i = 0; i < n; i++) {
    if (excluded && excluded[i] !== 0) continue;
    if (kinds && !kinds.has(facts.kind[i]!)) continue;
    if (ceiling !== undefined) {
      const age = facts.minimumAge[i]!;
      if (age < 0 || age > ceiling) continue;
    }
    eligible[i] = 1;
  }
  return eligible;
}
