/**
 * The main window's bounds, maximised and full-screen state, kept in a JSON file in
 * userData. Restoring is a pure function of the saved state and the displays connected
 * now: saved bounds are used only if the window's title bar would be on one of them.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** How much of the title bar must be on a display for the person to grab it. */
const GRIP = { width: 120, height: 32 } as const;

function isRect(value: unknown): value is Rect {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (['x', 'y', 'width', 'height'] as const).every(
    (k) => typeof r[k] === 'number' && Number.isFinite(r[k]) && Math.abs(r[k]) < 1e6,
  );
}

/** A saved state, or undefined when the file held anything else. */
export function parseWindowState(value: unknown): WindowState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Record<string, unknown>;
  if (!isRect(s.bounds) || s.bounds.width <= 0 || s.bounds.height <= 0) return undefined;
  const { x, y, width, height } = s.bounds;
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    maximized: s.maximized === true,
    fullScreen: s.fullScreen === true,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/** The display work area (of those given) the window's title bar is on, if any. */
function displayHolding(bounds: Rect, workAreas: readonly Rect[]): Rect | undefined {
  const titleBar = {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: Math.min(GRIP.height, bounds.height),
  };
  return workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(GRIP.width, bounds.width) && o.height >= titleBar.height;
  });
}

/** The default: centred on the primary display, 1280×800 or what fits. */
export function defaultBounds(primary: Rect): Rect {
  const width = Math.min(
    DEFAULT_SIZE.width,
    Math.max(MIN_SIZE.width, Math.round(primary.width * 0.9)),
    primary.width,
  );
  const height = Math.min(
    DEFAULT_SIZE.height,
    Math.max(MIN_SIZE.height, Math.round(primary.height * 0.9)),
    primary.height,
  );
  return {
    x: primary.x + Math.round((primary.width - width) / 2),
    y: primary.y + Math.round((primary.height - height) / 2),
    width,
    height,
  };
}

/**
 * What to open the window with. `workAreas`: every connected display's work area;
 * `primary`: the primary display's. Saved bounds off every display fall back to the default;
 * saved bounds larger than their display shrink to it. Maximised / full screen are kept either way.
 */
export function restoreWindowState(
  saved: WindowState | undefined,
  workAreas: readonly Rect[],
  primary: Rect,
): WindowState {
  if (!saved) return { bounds: defaultBounds(primary), maximized: false, fullScreen: false };
  const area = displayHolding(saved.bounds, workAreas);
  if (!area)
    return { bounds: defaultBounds(primary), maximized: saved.maximized, fullScreen: saved.fullScreen };
  const width = Math.min(Math.max(saved.bounds.width, MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(saved.bounds.height, MIN_SIZE.height), area.height);
  return {
    bounds: { ...saved.bounds, width, height },
    maximized: saved.maximized,
    fullScreen: saved.fullScreen,
  };
}

/** The saved state, or undefined when there is none or it cannot be read. */
export function loadWindowState(file: string): WindowState | undefined {
  try {
    return parseWindowState(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    return undefined;
  }
}

/** Written beside and renamed over, so a crash mid-write leaves the old file. Failures are ignored. */
export function saveWindowState(file: string, state: WindowState): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(temp, file);
  } catch {
    // Remembering the window is a nicety; never fail a quit over it, nor leave the temp file.
    rmSync(temp, { force: true });
  }
}
