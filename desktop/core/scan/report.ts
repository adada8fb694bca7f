import { CoreError, type ScanReport } from '@reelshelf/shared/contracts';

/** Several scans' reports as one (the watcher and the CLI scan library folders one by one). */
export function mergeReports(reports: ScanReport[]): ScanReport {
  const [first, ...rest] = reports;
  if (!first) throw new CoreError('not_found', 'None of the changed folders is in a library folder.');
  const sum = { ...first };
  for (const r of rest) {
    sum.folders = [...sum.folders, ...r.folders];
    for (const key of [
      'filesSeen',
      'new',
      'changed',
      'unchanged',
      'moved',
      'missing',
      'skipped',
      'linked',
      'copiesRemoved',
      'titlesCreated',
      'durationMs',
    ] as const)
      sum[key] += r[key];
    sum.unmatched = [...sum.unmatched, ...r.unmatched];
    sum.problems = [...sum.problems, ...r.problems];
    sum.artwork = [...sum.artwork, ...r.artwork];
  }
  return sum;
}
