import { useCallback, useEffect, useRef, useState } from 'react';
import type { ListItem } from '@reelshelf/shared/domain';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { asCoreError, useCore } from '../../core';

/** `items` with the one at `from` put at `to`, positions renumbered from 0. */
export function moved(items: ListItem[], from: number, to: number): ListItem[] {
  const next = items.slice();
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next.map((it, position) => ({ ...it, position }));
}

/**
 * A list's order as the person sees it. A move shows at once and is then sent to the core
 * (`lists.move`, whose position is the 0-based place the item ends up at); if the core
 * refuses, the order goes back to what it was and the error is kept to show. While moves
 * are on their way, fresh answers from the core are held back so the row does not jump
 * back and forth; the last answer settles it.
 */
export function useListOrder(listRef: string, items: ListItem[] | undefined, reload: () => void) {
  const core = useCore();
  const [order, setOrder] = useState<ListItem[] | undefined>(items);
  const [error, setError] = useState<CoreError>();
  const latest = useRef(order);
  latest.current = order;
  const pending = useRef(0);

  useEffect(() => {
    if (items && pending.current === 0) setOrder(items);
  }, [items]);

  const settle = useCallback((next: ListItem[]) => {
    latest.current = next;
    setOrder(next);
  }, []);

  /** Moves the title to the 0-based `to`; false when that is no move at all. */
  const move = useCallback(
    (titleId: string, to: number): boolean => {
      const before = latest.current;
      const from = before?.findIndex((i) => i.titleId === titleId) ?? -1;
      if (!before || from < 0 || to < 0 || to >= before.length || to === from) return false;
      settle(moved(before, from, to));
      setError(undefined);
      pending.current++;
      core.call('lists.move', { list: listRef, titleId, position: to }).then(
        (answer) => {
          if (--pending.current === 0) settle(answer);
        },
        (e: unknown) => {
          pending.current--;
          settle(before);
          setError(asCoreError(e));
          reload(); // whatever the core holds now is the truth
        },
      );
      return true;
    },
    [core, listRef, reload, settle],
  );

  /** Takes the title off the list once the core agrees; the error is kept otherwise. */
  const remove = useCallback(
    async (titleId: string): Promise<boolean> => {
      setError(undefined);
      try {
        await core.call('lists.removeItem', { list: listRef, titleId });
      } catch (e) {
        setError(asCoreError(e));
        return false;
      }
      const now = latest.current ?? [];
      settle(now.filter((i) => i.titleId !== titleId).map((it, position) => ({ ...it, position })));
      return true;
    },
    [core, listRef, settle],
  );

  /** An item the core changed in place (its note): shown at once, where it is now. */
  const replace = useCallback(
    (item: ListItem) => {
      const now = latest.current;
      if (now) settle(now.map((it) => (it.titleId === item.titleId ? { ...it, note: item.note } : it)));
    },
    [settle],
  );

  return { order, error, move, remove, replace, dismissError: () => setError(undefined) };
}
