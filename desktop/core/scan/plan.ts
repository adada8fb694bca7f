/**
 * What a scan has to do, worked out from the walk and what the library remembers, before
 * anything is written: which files are new, changed, unchanged, moved or missing, and which
 * items must be identified. Only folders with a new or changed file are parsed at all (the
 * whole folder, since stacked parts are only recognised next to each other); only items
 * with a new or changed file, or whose parts changed, are resolved again.
 */
import { basename, dirname } from 'node:path';
import { itemsOfFolder, type ScanItem } from './identify';
import type { KnownFile } from './store';
import { isUnder, type FoundFile, type WalkResult } from './walk';

export interface Move {
  from: KnownFile;
  to: FoundFile;
  rootId: string;
}

export interface ScanPlan {
  /** Items to identify (parse done, resolve and write to do), with their library folder. */
  work: { item: ScanItem; root: { id: string; path: string }; relinkTo?: string }[];
  /** Known files still there, unchanged. */
  unchanged: number;
  newFiles: number;
  changed: number;
  skipped: number;
  /** Same name and size at a new path, copy and title kept. */
  moves: Move[];
  /** Known, present before, not found now (and not under a folder that could not be read). */
  missing: KnownFile[];
  /** Rows of the files found, by path. */
  known: Map<string, KnownFile>;
  /** Rows of files gone earlier and found at a new path now (re-linked there): forgotten. */
  forget: string[];
}

export interface PlanInput {
  walk: WalkResult;
  /** Everything the library knows under the folders scanned. */
  known: KnownFile[];
  rootOf: (path: string) => { id: string; path: string };
  /**
   * When each library folder was last scanned whole (ms), by id: NFO files modified since then
   * re-identify the media they describe, though the media files did not change.
   */
  lastScan: Map<string, number>;
}

const moveKey = (name: string, size: number) => `${name}\0${size}`;

/**
 * `pause` is awaited every few hundred files parsed: progress reaches the doors and a cancel
 * lands even while a first scan parses 50,000 names.
 */
export async function planScan(
  { walk, known, rootOf, lastScan }: PlanInput,
  pause: (parsed: number, total: number) => Promise<void> = async () => {},
): Promise<ScanPlan> {
  const byPath = new Map(known.map((k) => [k.path, k]));
  /** How many present rows share a copy (a stacked film's parts share one). */
  const copyMembers = new Map<string, number>();
  for (const k of known) {
    if (k.copyId && k.missingSince === null) copyMembers.set(k.copyId, (copyMembers.get(k.copyId) ?? 0) + 1);
  }
  const plan: ScanPlan = {
    work: [],
    unchanged: 0,
    newFiles: 0,
    changed: 0,
    skipped: 0,
    moves: [],
    missing: [],
    known: new Map(),
    forget: [],
  };

  const seen = new Set<string>();
  /** Files to identify: new, changed, and unchanged ones not tied to a title last time (tried again). */
  const dirty = new Set<string>();
  const fresh: FoundFile[] = [];
  const byDir = new Map<string, FoundFile[]>();
  for (const file of walk.files) {
    seen.add(file.path);
    const list = byDir.get(file.dir);
    if (list) list.push(file);
    else byDir.set(file.dir, [file]);
    const k = byPath.get(file.path);
    if (!k) {
      fresh.push(file);
      continue;
    }
    plan.known.set(file.path, k);
    if (k.missingSince === null && k.size === file.size && k.mtimeMs === file.mtimeMs) {
      plan.unchanged++;
      if (k.problem !== null) dirty.add(file.path);
    } else {
      // Back after going missing counts as new; otherwise its content changed.
      if (k.missingSince !== null) plan.newFiles++;
      else plan.changed++;
      dirty.add(file.path);
    }
  }

  const unknown = walk.unknown;
  const gone = known.filter(
    (k) => !seen.has(k.path) && !unknown.some((dir) => k.path === dir || isUnder(k.path, dir)),
  );
  const liveGone = gone.filter((k) => k.missingSince === null);
  const longGone = gone.filter((k) => k.missingSince !== null && k.titleId !== null);

  // Moves: one new file and one vanished file with the same name and size.
  const index = (rows: KnownFile[]) => {
    const m = new Map<string, KnownFile[]>();
    for (const k of rows) {
      const key = moveKey(basename(k.path), k.size);
      const list = m.get(key);
      if (list) list.push(k);
      else m.set(key, [k]);
    }
    return m;
  };
  const vanished = index(liveGone);
  const remembered = index(longGone);
  const freshByKey = new Map<string, FoundFile[]>();
  for (const f of fresh) {
    const key = moveKey(f.name, f.size);
    const list = freshByKey.get(key);
    if (list) list.push(f);
    else freshByKey.set(key, [f]);
  }
  const moved = new Set<string>();
  const relink = new Map<string, string>();
  const forgotten = new Set<string>();
  for (const f of fresh) {
    const key = moveKey(f.name, f.size);
    if (freshByKey.get(key)!.length !== 1) {
      dirty.add(f.path);
      plan.newFiles++;
      continue;
    }
    const from = vanished.get(key);
    const old = from?.length === 1 ? from[0]! : undefined;
    // A film in parts moves as a whole or not at all; a file without a title is identified afresh.
    if (old && old.problem === null && old.copyId && copyMembers.get(old.copyId) === 1) {
      plan.moves.push({ from: old, to: f, rootId: rootOf(f.path).id });
      moved.add(old.path);
      continue;
    }
    const before = remembered.get(key);
    if (!old && before?.length === 1) {
      // Gone earlier, found elsewhere now: the same title as before.
      relink.set(f.path, before[0]!.titleId!);
      forgotten.add(before[0]!.path);
    }
    dirty.add(f.path);
    plan.newFiles++;
  }
  plan.missing = liveGone.filter((k) => !moved.has(k.path));
  plan.forget = [...forgotten];

  // Parse the folders that changed; resolve the items whose files (or parts) changed.
  const fileByPath = new Map(walk.files.map((f) => [f.path, f]));
  const dirtyDirs = new Set<string>();
  for (const path of dirty) dirtyDirs.add(fileByPath.get(path)!.dir);
  /** Folders where every item is identified again: an NFO there (or a tvshow.nfo above) was edited. */
  const nfoDirs = editedNfoFolders(walk, byDir, rootOf, lastScan);
  for (const dir of nfoDirs) dirtyDirs.add(dir);
  const moveTargets = new Set(plan.moves.map((m) => m.to));
  let parsed = 0;
  let sincePause = 0;
  let toParse = 0;
  for (const dir of dirtyDirs) toParse += byDir.get(dir)!.length;
  for (const dir of dirtyDirs) {
    const files = byDir.get(dir)!.filter((f) => !moveTargets.has(f));
    parsed += files.length;
    sincePause += files.length;
    if (sincePause >= 500) {
      sincePause = 0;
      await pause(parsed, toParse);
    }
    const root = rootOf(dir);
    const { items, skipped } = itemsOfFolder(root.path, files);
    plan.skipped += skipped;
    for (const item of items) {
      if (!nfoDirs.has(dir) && !needsWork(item, dirty, byPath, copyMembers)) continue;
      const relinkTo = item.files.length === 1 ? relink.get(item.primary.path) : undefined;
      plan.work.push({ item, root, ...(relinkTo ? { relinkTo } : {}) });
    }
  }
  return plan;
}

/** Folders with media whose NFO (`<name>.nfo`, `movie.nfo`, or `tvshow.nfo` up to two folders above) is newer than the last scan. */
function editedNfoFolders(
  walk: WalkResult,
  byDir: Map<string, FoundFile[]>,
  rootOf: PlanInput['rootOf'],
  lastScan: Map<string, number>,
): Set<string> {
  const out = new Set<string>();
  for (const [path, mtimeMs] of walk.nfoMtimes) {
    const since = lastScan.get(rootOf(path).id);
    if (since === undefined || mtimeMs < since) continue;
    const dir = dirname(path);
    if (byDir.has(dir)) out.add(dir);
    if (basename(path).toLowerCase() !== 'tvshow.nfo') continue;
    for (const folder of byDir.keys()) if (isUnder(folder, dir)) out.add(folder);
  }
  return out;
}

/** An item is left alone when its files are unchanged and its rows share one copy, all of them. */
function needsWork(
  item: ScanItem,
  dirty: Set<string>,
  byPath: Map<string, KnownFile>,
  copyMembers: Map<string, number>,
): boolean {
  const first = byPath.get(item.primary.path);
  if (!first || !first.copyId) return true;
  for (const f of item.files) {
    if (dirty.has(f.path)) return true;
    if (byPath.get(f.path)?.copyId !== first.copyId) return true;
  }
  return copyMembers.get(first.copyId) !== item.files.length;
}
