import { csrFromTriples, type CsrMatrix } from './csr.ts';

/**
 * Who did what to which title, with string ids interned to dense indices.
 * A weight is evidence: positive = the user wants titles like this (watched,
 * rated, liked), negative = explicit dislike, zero = seen with no opinion.
 * Repeated pairs add up when the matrix is built.
 */
export interface InteractionLog {
  readonly users: readonly string[];
  readonly items: readonly string[];
  readonly user: Int32Array;
  readonly item: Int32Array;
  readonly weight: Float32Array;
}

export class InteractionError extends Error {
  constructor(
    message: string,
    /** 1-based record (line) number in the input, when there is one. */
    readonly record?: number,
  ) {
    super(record === undefined ? message : `record ${record}: ${message}`);
    this.name = 'InteractionError';
  }
}

export class InteractionLogBuilder {
  private readonly userIds = new Map<string, number>();
  private readonly itemIds = new Map<string, number>();
  private user = new Int32Array(1024);
  private item = new Int32Array(1024);
  private weight = new Float32Array(1024);
  private size = 0;

  /** Interns ids so that users and items known before any interaction keep their index. */
  userIndex(id: string): number {
    return intern(this.userIds, id);
  }

  itemIndex(id: string): number {
    return intern(this.itemIds, id);
  }

  add(user: string, item: string, weight: number, record?: number): void {
    if (user === '') throw new InteractionError('the user id is empty', record);
    if (item === '') throw new InteractionError('the item id is empty', record);
    if (!Number.isFinite(weight))
      throw new InteractionError(`the weight "${weight}" is not a finite number`, record);
    if (this.size === this.user.length) this.grow();
    this.user[this.size] = this.userIndex(user);
    this.item[this.size] = this.itemIndex(item);
    this.weight[this.size] = weight;
    this.size++;
  }

  build(): InteractionLog {
    return {
      users: [...this.userIds.keys()],
      items: [...this.itemIds.keys()],
      user: this.user.slice(0, this.size),
      item: this.item.slice(0, this.size),
      weight: this.weight.slice(0, this.size),
    };
  }

  private grow(): void {
    const capacity = this.user.length * 2;
    this.user = copyInto(new Int32Array(capacity), this.user);
    this.item = copyInto(new Int32Array(capacity), this.item);
    this.weight = copyInto(new Float32Array(capacity), this.weight);
  }
}

function intern(ids: Map<string, number>, id: string): number {
  let index = ids.get(id);
  if (index === undefined) {
    index = ids.size;
    ids.set(id, index);
  }
  return index;
}

function copyInto<T extends Int32Array | Float32Array>(target: T, source: T): T {
  target.set(source);
  return target;
}

/** Users × items, repeated pairs summed. */
export function userItemMatrix(log: InteractionLog): CsrMatrix {
  return csrFromTriples(log.users.length, log.items.length, {
    row: log.user,
    col: log.item,
    value: log.weight,
  });
}

/** Keeps the records whose index passes `keep`, with the same id dictionaries. */
export function selectRecords(log: InteractionLog, keep: (record: number) => boolean): InteractionLog {
  const chosen: number[] = [];
  for (let e = 0; e < log.user.length; e++) if (keep(e)) chosen.push(e);
  const pick = <T extends Int32Array | Float32Array>(from: T, into: T): T => {
    chosen.forEach((e, at) => (into[at] = from[e]!));
    return into;
  };
  return {
    users: log.users,
    items: log.items,
    user: pick(log.user, new Int32Array(chosen.length)),
    item: pick(log.item, new Int32Array(chosen.length)),
    weight: pick(log.weight, new Float32Array(chosen.length)),
  };
}
