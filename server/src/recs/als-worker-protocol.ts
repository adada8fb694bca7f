import type { AlsProblem, Side } from '@reelshelf/shared/recs';

export type WorkerTask =
  | { op: 'init'; problem: AlsProblem; thread: number }
  | { op: 'gramian'; side: Side; start: number; end: number }
  | { op: 'solve'; side: Side; start: number; end: number; gram: Float64Array };

export type WorkerReply = { op: 'ready' } | { op: 'gramian'; gram: Float64Array } | { op: 'solved' };
