/**
 * The one write of a scan, run inside ctx.transact: resolve each identified item to its
 * title(s) with the import's TitleResolver (library titles loaded into memory once), make
 * its copies agree with what the file is, follow moved files, remove the copies of missing
 * ones, and remember every file in scan_files. Rows and copies are written only when they
 * differ from what is there, so an unchanged rescan writes nothing at all.
 */
import type { ScanReport } from '@reelshelf/shared/contracts';
import { newId, now, type Ctx } from '../context';
import type { TitleRef } from '../import/records';
import { TitleResolver } from '../import/resolve';
import type { ScanItem } from './identify';
import type { ScanPlan } from './plan';
import type { CopyRow, KnownFile, ScanStore } from './store';

/** A scan item ready to write: its references (or why it has none) and sidecar findings. */
export interface IdentifiedItem {
  item: ScanItem;
  rootId: string;
  refs: TitleRef[] | { reason: string };
  /** The title a file had before it went missing; it re-links there. */
  relinkTo?: string;
  images: string[];
}

/** Missing files are remembered this long, so a file moved while Reelshelf was closed re-links. */
export const FORGET_MISSING_AFTER_DAYS = 30;

export interface WriteCounts {
  linked: number;
  copiesRemoved: number;
  titlesCreated: number;
  unmatched: ScanReport['unmatched'];
  artwork: ScanReport['artwork'];
  /** Tables written, for the `changed` event. */
  touched: Set<string>;
}

export function writeScan(
  ctx: Ctx,
  store: ScanStore,
  plan: ScanPlan,
  items: IdentifiedItem[],
  rootIds: string[],
  onProgress: (done: number) => void,
): WriteCounts {
  // Loads every library title into memory: only when there is something to resolve.
  let resolver: TitleResolver | undefined;
  const out: WriteCounts = {
    linked: 0,
    copiesRemoved: 0,
    titlesCreated: 0,
    unmatched: [],
    artwork: [],
    touched: new Set(),
  };
  /** Copies an item still stands for: a missing part of the same film must not take them along. */
  const kept = new Set<string>();
  const stamp = now();

  items.forEach((identified, i) => {
    if (i % 1_000 === 0) onProgress(i);
    const { item } = identified;
    const rows = item.files.map((f) => plan.known.get(f.path));
    const titleIds: string[] = [];
    let problem: string | null = null;
    if (identified.relinkTo && store.titleExists(identified.relinkTo)) titleIds.push(identified.relinkTo);
    else if (!Array.isArray(identified.refs)) problem = identified.refs.reason;
    else {
      for (const ref of identified.refs) {
        resolver ??= new TitleResolver(ctx);
        const found = resolver.resolve(ref, { create: true });
        if ('titleId' in found) {
          if (!titleIds.includes(found.titleId)) titleIds.push(found.titleId);
        } else problem ??= found.reason;
      }
    }
    // Some episodes of a multi-episode file found: the file is linked, the rest is not a problem of the file.
    if (titleIds.length) problem = null;

    const copyIds = reconcileCopies(store, item, titleIds, rows, out);
    for (const id of copyIds) kept.add(id);
    if (titleIds.length) {
      out.linked++;
      if (identified.images.length)
        out.artwork.push({ titleId: titleIds[0]!, path: item.primary.path, images: identified.images });
    } else out.unmatched.push({ path: item.primary.path, reason: problem ?? 'no title' });

    item.files.forEach((f, n) => {
      const next: KnownFile = {
        path: f.path,
        rootId: identified.rootId,
        size: f.size,
        mtimeMs: f.mtimeMs,
        titleId: titleIds[0] ?? null,
        copyId: copyIds[0] ?? null,
        problem,
        missingSince: null,
      };
      if (!sameRow(rows[n], next)) store.saveFile(next);
    });
  });
  onProgress(items.length);

  for (const move of plan.moves) {
    const { from, to } = move;
    store.deleteFile(from.path);
    store.saveFile({ ...from, path: to.path, rootId: move.rootId, size: to.size, mtimeMs: to.mtimeMs });
    for (const copy of store.copiesOf(from.path, from.copyId ? [from.copyId] : [])) {
      store.updateCopy({ ...copy, filePath: to.path, fileSize: to.size });
      out.touched.add('copies');
    }
  }

  for (const gone of plan.missing) {
    for (const copy of store.copiesOf(gone.path, gone.copyId ? [gone.copyId] : [])) {
      if (kept.has(copy.id)) continue;
      out.copiesRemoved += store.deleteCopy(copy.id);
      out.touched.add('copies');
    }
    store.markMissing(gone.path, stamp);
  }
  for (const path of plan.forget) store.deleteFile(path);

  const forgetBefore = new Date(Date.now() - FORGET_MISSING_AFTER_DAYS * 86_400_000).toISOString();
  for (const rootId of rootIds) store.forgetMissing(rootId, forgetBefore);

  out.titlesCreated = resolver?.created ?? 0;
  if (out.titlesCreated) out.touched.add('titles');
  if (out.touched.size) ctx.emit('changed', { entities: [...out.touched] });
  return out;
}

/**
 * One copy per title the file is (a film, or each episode of a multi-episode file). A copy
 * already there for the title is kept — with the person's notes, location, loan — and only
 * its file facts updated; a copy of a title the file no longer is moves to the title it is
 * now; copies left over are removed.
 */
function reconcileCopies(
  store: ScanStore,
  item: ScanItem,
  titleIds: string[],
  rows: (KnownFile | undefined)[],
  out: WriteCounts,
): string[] {
  const rowCopies = rows.flatMap((r) => (r?.copyId ? [r.copyId] : []));
  const existing = store.copiesOf(item.primary.path, new Set(rowCopies));
  const facts = {
    edition: item.parsed.edition,
    filePath: item.primary.path,
    fileSize: item.size,
    container: item.primary.disc ?? item.parsed.container,
    resolution: item.parsed.resolution,
  };
  const used = new Set<string>();
  const byTitle = new Map<string, CopyRow>();
  for (const titleId of titleIds) {
    const copy = existing.find((c) => c.titleId === titleId && !used.has(c.id));
    if (copy) {
      used.add(copy.id);
      byTitle.set(titleId, copy);
    }
  }
  // Identified as another title now (an NFO fixed, a file replaced): the copy moves with its notes and loan.
  const spare = existing.filter((c) => !used.has(c.id));
  const ids: string[] = [];
  for (const titleId of titleIds) {
    const copy = byTitle.get(titleId) ?? spare.shift();
    if (copy) {
      used.add(copy.id);
      ids.push(copy.id);
      const next: CopyRow = { ...copy, titleId, ...facts };
      if (!sameCopy(copy, next)) {
        store.updateCopy(next);
        out.touched.add('copies');
      }
    } else {
      const id = newId();
      store.insertCopy({ id, titleId, ...facts });
      ids.push(id);
      out.touched.add('copies');
    }
  }
  for (const copy of existing) {
    if (used.has(copy.id)) continue;
    out.copiesRemoved += store.deleteCopy(copy.id);
    out.touched.add('copies');
  }
  return ids;
}

const sameCopy = (a: CopyRow, b: CopyRow) =>
  a.titleId === b.titleId &&
  a.edition === b.edition &&
  a.filePath === b.filePath &&
  a.fileSize === b.fileSize &&
  a.container === b.container &&
  a.resolution === b.resolution;

const sameRow = (a: KnownFile | undefined, b: KnownFile) =>
  a !== undefined &&
  a.rootId === b.rootId &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs &&
  a.titleId === b.titleId &&
  a.copyId === b.copyId &&
  a.problem === b.problem &&
  a.missingSince === b.missingSince;
