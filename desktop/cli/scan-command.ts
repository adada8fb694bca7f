import type { Command } from 'commander';
import type { ScanReport } from '@reelshelf/shared/contracts';
import type { Core } from '../core';
import { mergeReports } from '../core/scan/report';

type WithCore = <T>(work: (core: Core) => Promise<T>, print: (result: T) => string) => Promise<void>;

export function describeScan(r: ScanReport): string {
  const lines = [
    `Scanned ${r.folders.join(', ')} in ${(r.durationMs / 1000).toFixed(1)} s`,
    `Files: ${r.filesSeen} (${r.new} new, ${r.changed} changed, ${r.unchanged} unchanged, ${r.moved} moved), ` +
      `${r.missing} missing, ${r.skipped} samples/extras skipped`,
    `Linked to titles: ${r.linked}; titles created: ${r.titlesCreated}; copies removed: ${r.copiesRemoved}`,
  ];
  if (r.unmatched.length) {
    lines.push(`Not tied to a title (${r.unmatched.length}):`);
    for (const u of r.unmatched.slice(0, 20)) lines.push(`  ${u.path}: ${u.reason}`);
    if (r.unmatched.length > 20)
      lines.push(`  … and ${r.unmatched.length - 20} more (reelshelf scan --problems)`);
  }
  if (r.problems.length) {
    lines.push(`Problems (${r.problems.length}):`);
    for (const p of r.problems.slice(0, 20)) lines.push(`  ${p.kind}: ${p.path}: ${p.reason}`);
  }
  return lines.join('\n');
}

/** `reelshelf scan <folder...> [--watch]`, `reelshelf scan --problems`. */
export function addScanCommand(program: Command, withCore: WithCore, quiet: () => boolean): void {
  program
    .command('scan')
    .description('add library folders and scan them for films and episodes (--watch keeps watching)')
    .argument('[folders...]', 'folders to add and scan (none: scan every library folder)')
    .option('--watch', 'keep watching the folders and rescan what changes, until Ctrl+C')
    .option('--problems', 'list files that are not tied to a title, and why')
    .option('--remove', 'forget these library folders (their copies are removed, titles stay)')
    .action(async (folders: string[], o: { watch?: boolean; problems?: boolean; remove?: boolean }) => {
      if (o.problems) {
        return withCore(
          (core) => core.call('scan.problems', { limit: 10_000 }),
          (r) =>
            r.total === 0
              ? 'Every file found is tied to a title.'
              : [...r.items.map((i) => `${i.path}: ${i.reason}`), `${r.total} in all`].join('\n'),
        );
      }
      if (o.remove) {
        return withCore(
          async (core) => {
            let removed = 0;
            for (const path of folders)
              removed += (await core.call('scan.removeFolder', { path })).copiesRemoved;
            return removed;
          },
          (n) => `Removed ${folders.length} library folder(s) and ${n} copies.`,
        );
      }
      return withCore(
        async (core) => {
          for (const path of folders) await core.call('scan.addFolder', { path });
          const off = core.on('progress', ({ task, done, total }) => {
            if (task === 'scan' && !quiet())
              process.stderr.write(total ? `scan: ${done}/${total}\n` : `scan: ${done} files found\n`);
          });
          try {
            const report = folders.length
              ? mergeReports(await sequence(folders, (path) => core.call('scan.run', { path })))
              : await core.call('scan.run', {});
            if (!o.watch) return report;
            process.stderr.write(`${describeScan(report)}\n`);
            return await watchUntilStopped(core, quiet);
          } finally {
            off();
          }
        },
        (r) => (r ? describeScan(r) : 'Stopped watching.'),
      );
    });
}

async function sequence<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await work(item));
  return out;
}

async function watchUntilStopped(core: Core, quiet: () => boolean): Promise<ScanReport | undefined> {
  // Loaded only for --watch: chokidar is not worth its start-up time for every other command.
  const { watchFolders } = await import('../core/scan/watch');
  const roots = (await core.call('scan.folders', {})).map((f) => f.path);
  let last: ScanReport | undefined;
  return new Promise((resolve) => {
    const watcher = watchFolders(core, roots, (event) => {
      if (event.kind === 'ready' && !quiet())
        process.stderr.write(`Watching ${roots.join(', ')}. Ctrl+C stops.\n`);
      else if (event.kind === 'scanned') {
        last = event.report;
        process.stderr.write(`${describeScan(event.report)}\n`);
      } else if (event.kind === 'error') process.stderr.write(`scan error: ${event.error.message}\n`);
    });
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void watcher.close().then(() => resolve(last));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
