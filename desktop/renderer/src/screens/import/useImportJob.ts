import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportFormat, ImportReport } from '@reelshelf/shared/contracts';
import type { CoreError } from '@reelshelf/shared/contracts/errors';
import { asCoreError, useCore } from '../../core';
import { fileToBase64 } from './base64';
import { MAX_UPLOAD_BYTES } from '@reelshelf/shared/contracts/limits';

export type ImportPhase = 'idle' | 'reading' | 'importing' | 'done' | 'cancelled' | 'failed' | 'tooLarge';

export { MAX_UPLOAD_BYTES };

export interface ImportProgress {
  /** 'import.read' while rows are read (no total yet), 'import' while they are matched and written. */
  task: string;
  done: number;
  total: number;
}

/**
 * One upload at a time: the page reads the file, sends it with a job id it made up itself
 * (the core's `progress` events carry no job id, but `import.upload` takes one, so the page
 * knows which job to cancel), listens for progress, and keeps the report or the error.
 */
export function useImportJob() {
  const core = useCore();
  const [phase, setPhase] = useState<ImportPhase>('idle');
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<CoreError>();
  const job = useRef<{ id: string; reading: AbortController } | null>(null);

  useEffect(
    () =>
      core.on('progress', (p) => {
        // Only while our upload runs; imports are one at a time per library in practice.
        if (job.current && p.task.startsWith('import')) setProgress(p);
      }),
    [core],
  );

  const start = useCallback(
    async (file: File, options: { format?: ImportFormat; dryRun: boolean }) => {
      if (job.current) return;
      if (file.size > MAX_UPLOAD_BYTES) {
        setPhase('tooLarge');
        return;
      }
      const mine = { id: crypto.randomUUID(), reading: new AbortController() };
      job.current = mine;
      setReport(undefined);
      setError(undefined);
      setProgress(undefined);
      setPhase('reading');
      try {
        const contentBase64 = await fileToBase64(file, mine.reading.signal);
        setPhase('importing');
        const result = await core.call('import.upload', {
          name: file.name,
          contentBase64,
          dryRun: options.dryRun,
          jobId: mine.id,
          ...(options.format ? { format: options.format } : {}),
        });
        setReport(result);
        setPhase('done');
      } catch (e) {
        const err = e instanceof DOMException && e.name === 'AbortError' ? undefined : asCoreError(e);
        if (!err || err.code === 'cancelled') setPhase('cancelled');
        else {
          setError(err);
          setPhase('failed');
        }
      } finally {
        job.current = null;
      }
    },
    [core],
  );

  const cancel = useCallback(async () => {
    const running = job.current;
    if (!running) return;
    running.reading.abort();
    // Harmless when the upload has not reached the core yet: it answers { cancelled: false }.
    await core.call('jobs.cancel', { jobId: running.id }).catch(() => undefined);
  }, [core]);

  return {
    phase,
    progress,
    report,
    error,
    start,
    cancel,
    busy: phase === 'reading' || phase === 'importing',
  };
}
