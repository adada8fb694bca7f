import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CoreError, type Handlers, type ScanCommandResults } from '@reelshelf/shared/contracts';
import { newId, type Ctx } from '../context';
import { queueScan } from './scan';
import { ScanStore } from './store';
import { isUnder } from './walk';

/** The folder as an absolute path, checked to be a folder that is there. */
function existingFolder(path: string): string {
  const full = resolve(path);
  let isDir: boolean;
  try {
    isDir = statSync(full).isDirectory();
  } catch (e) {
    const code = e instanceof Error && 'code' in e ? (e as NodeJS.ErrnoException).code : undefined;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'cannot be read (permission denied)'
          : 'cannot be opened';
    throw new CoreError('invalid_argument', `${full} ${why}.`, [{ field: 'path', message: why }]);
  }
  if (!isDir) {
    throw new CoreError('invalid_argument', `${full} is a file, not a folder.`, [
      { field: 'path', message: 'not a folder' },
    ]);
  }
  return full;
}

export function scanHandlers(ctx: Ctx): Pick<Handlers, keyof ScanCommandResults> {
  const store = new ScanStore(ctx);
  const findRoot = (path: string) => {
    const full = resolve(path);
    const root = store.roots().find((r) => r.path === full);
    if (!root) {
      throw new CoreError('not_found', `${full} is not a library folder.`, [
        { field: 'path', message: 'not a library folder' },
      ]);
    }
    return root;
  };

  return {
    'scan.addFolder': ({ path }) => {
      const full = existingFolder(path);
      const roots = store.roots();
      const same = roots.find((r) => r.path === full);
      if (same) return store.folder(same);
      const outer = roots.find((r) => isUnder(full, r.path));
      if (outer) {
        throw new CoreError(
          'conflict',
          `${full} is already scanned as part of the library folder ${outer.path}.`,
          [{ field: 'path', message: 'inside a library folder' }],
        );
      }
      const id = newId();
      store.addRoot(id, full);
      // Library folders inside the new one become part of it, with what they found.
      store.absorbRoots(
        id,
        roots.filter((r) => isUnder(r.path, full)).map((r) => r.id),
      );
      return store.folder(store.roots().find((r) => r.id === id)!);
    },
    'scan.removeFolder': ({ path }) => {
      const root = findRoot(path);
      const copiesRemoved = store.removeRootCopies(root.id);
      store.deleteRoot(root.id);
      if (copiesRemoved) ctx.emit('changed', { entities: ['copies'] });
      return { removed: true, copiesRemoved };
    },
    'scan.folders': () => store.roots().map((r) => store.folder(r)),
    'scan.run': ({ path, jobId }) => queueScan(ctx, jobId, path === undefined ? undefined : [path]),
    'scan.problems': ({ limit, offset }) => store.problems(limit, offset),
  };
}
