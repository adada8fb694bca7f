import { CoreError } from '@reelshelf/shared/contracts';
import { newId } from './context';

export interface Job {
  id: string;
  signal: AbortSignal;
  /** Throws a CoreError('cancelled') once the job has been cancelled: call it between steps. */
  check(): void;
  /** Lets the event loop run (progress reaches the doors, a cancel can arrive), then checks. */
  pause(): Promise<void>;
}

/**
 * Long work (an import, a folder scan) runs as a job with an id the door chose or was
 * given, so the person can cancel it from anywhere (`jobs.cancel`). Cancelling stops the
 * job at its next check; a job writes in one transaction at its end, so a cancelled job
 * has written nothing.
 */
export class Jobs {
  private readonly running = new Map<string, AbortController>();

  async run<T>(id: string | undefined, work: (job: Job) => Promise<T>): Promise<T> {
    const jobId = id ?? newId();
    if (this.running.has(jobId)) {
      throw new CoreError('conflict', `A job with id ${jobId} is already running.`, [
        { field: 'jobId', message: 'already running' },
      ]);
    }
    const controller = new AbortController();
    this.running.set(jobId, controller);
    const check = () => {
      if (controller.signal.aborted)
        throw new CoreError('cancelled', 'Cancelled; nothing was changed.', [
          { field: 'jobId', message: 'cancelled' },
        ]);
    };
    try {
      return await work({
        id: jobId,
        signal: controller.signal,
        check,
        pause: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          check();
        },
      });
    } finally {
      this.running.delete(jobId);
    }
  }

  /** True when a job with this id was running (it stops at its next check). */
  cancel(id: string): boolean {
    const controller = this.running.get(id);
    controller?.abort();
    return controller !== undefined;
  }
}
