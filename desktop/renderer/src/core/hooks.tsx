import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { CommandArgs, CommandName, CommandResults } from '@reelshelf/shared/contracts';
import { CoreError } from '@reelshelf/shared/contracts/errors';
import type { ConnectionState, CoreClient } from './client';

const CoreContext = createContext<CoreClient | null>(null);

export function CoreProvider({ client, children }: { client: CoreClient; children: ReactNode }) {
  return <CoreContext.Provider value={client}>{children}</CoreContext.Provider>;
}

export function useCore(): CoreClient {
  const client = useContext(CoreContext);
  if (!client) throw new Error('useCore outside <CoreProvider>');
  return client;
}

export function useConnection(): ConnectionState {
  const core = useCore();
  const [state, setState] = useState(core.connection);
  useEffect(() => core.onConnection(setState), [core]);
  return state;
}

export interface QueryState<T> {
  data: T | undefined;
  error: CoreError | undefined;
  loading: boolean;
  reload(): void;
}

export interface QueryOptions {
  /** Skip the call (e.g. nothing typed yet). */
  enabled?: boolean;
  /** Re-run when the core reports a change to one of these entities; default: any change. */
  refreshOn?: string[];
}

/**
 * Runs a command and keeps its answer fresh: again when the arguments change and when the
 * core says something changed (another window, sync, an import). Answers to superseded
 * calls are dropped, so fast typing never shows an older result over a newer one.
 */
export function useQuery<C extends CommandName>(
  command: C,
  args: CommandArgs<C>,
  options: QueryOptions = {},
): QueryState<CommandResults[C]> {
  const core = useCore();
  const key = JSON.stringify(args);
  const enabled = options.enabled ?? true;
  const refreshOn = options.refreshOn?.join(',');
  const [state, setState] = useState<{ data?: CommandResults[C]; error?: CoreError; loading: boolean }>({
    loading: enabled,
  });
  const sequence = useRef(0);

  const run = useCallback(() => {
    if (!enabled) return;
    const mine = ++sequence.current;
    setState((s) => ({ ...s, loading: true }));
    core.call(command, JSON.parse(key) as CommandArgs<C>).then(
      (data) => mine === sequence.current && setState({ data, loading: false }),
      (e: unknown) => {
        if (mine !== sequence.current) return;
        const error = asCoreError(e);
        // Keep the last answer through a passing failure, but not when the thing is gone.
        setState((s) => ({ data: error.code === 'not_found' ? undefined : s.data, error, loading: false }));
      },
    );
  }, [core, command, key, enabled]);

  useEffect(run, [run]);

  // Browser mode lost the core (a restart): ask again once it is back.
  useEffect(() => core.onConnection((state) => state === 'open' && run()), [core, run]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = core.on('changed', ({ entities }) => {
      if (refreshOn && !entities.some((e) => refreshOn.split(',').includes(e))) return;
      clearTimeout(timer);
      timer = setTimeout(run, 50); // one reload for a burst of changes
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [core, run, refreshOn]);

  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}

export interface ActionState<C extends CommandName> {
  run(args: CommandArgs<C>): Promise<CommandResults[C] | undefined>;
  busy: boolean;
  error: CoreError | undefined;
  reset(): void;
}

/** A command the person triggers (save, delete…): busy flag and the error to show, never thrown. */
export function useAction<C extends CommandName>(command: C): ActionState<C> {
  const core = useCore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<CoreError>();
  const run = useCallback(
    async (args: CommandArgs<C>) => {
      setBusy(true);
      setError(undefined);
      try {
        return await core.call(command, args);
      } catch (e) {
        setError(asCoreError(e));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [core, command],
  );
  return { run, busy, error, reset: () => setError(undefined) };
}

export function asCoreError(e: unknown): CoreError {
  return e instanceof CoreError ? e : new CoreError('internal', e instanceof Error ? e.message : String(e));
}
