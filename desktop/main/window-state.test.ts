import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultBounds,
  loadWindowState,
  parseWindowState,
  restoreWindowState,
  saveWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const laptop: Rect = { x: 0, y: 0, width: 1920, height: 1050 }; // work area, dock/taskbar taken off
const rightMonitor: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };

const saved = (bounds: Rect, flags: Partial<WindowState> = {}): WindowState => ({
  bounds,
  maximized: false,
  fullScreen: false,
  ...flags,
});

describe('restoreWindowState', () => {
  it('opens centred on the primary display at 1280×800 the first time', () => {
    expect(restoreWindowState(undefined, [laptop], laptop)).toEqual({
      bounds: { x: 320, y: 125, width: 1280, height: 800 },
      maximized: false,
      fullScreen: false,
    });
  });

  it('restores bounds that are still on a connected display, with their flags', () => {
    const onRight = saved({ x: 2100, y: 100, width: 1400, height: 900 }, { maximized: true });
    expect(restoreWindowState(onRight, [laptop, rightMonitor], laptop)).toEqual(onRight);
    const fs = saved({ x: 10, y: 20, width: 1000, height: 700 }, { fullScreen: true });
    expect(restoreWindowState(fs, [laptop], laptop)).toEqual(fs);
  });

  it('centres on the primary display when the saved display is gone', () => {
    const onRight = saved({ x: 2100, y: 100, width: 1400, height: 900 }, { maximized: true });
    expect(restoreWindowState(onRight, [laptop], laptop)).toEqual({
      bounds: defaultBounds(laptop),
      maximized: true,
      fullScreen: false,
    });
  });

  it('needs the title bar on a display, not just a corner of the window', () => {
    // Only the bottom of the window peeks in from above: the title bar is unreachable.
    const above = saved({ x: 100, y: -780, width: 1200, height: 800 });
    expect(restoreWindowState(above, [laptop], laptop).bounds).toEqual(defaultBounds(laptop));
    // 50 px of title bar at the right edge: too little to grab.
    const edge = saved({ x: 1870, y: 100, width: 1200, height: 800 });
    expect(restoreWindowState(edge, [laptop], laptop).bounds).toEqual(defaultBounds(laptop));
    // Half off the right edge is fine.
    const half = saved({ x: 1300, y: 100, width: 1200, height: 800 });
    expect(restoreWindowState(half, [laptop], laptop).bounds).toEqual(half.bounds);
  });

  it('shrinks saved bounds larger than their display and grows tiny ones to the minimum', () => {
    const huge = saved({ x: 0, y: 0, width: 2500, height: 1400 });
    expect(restoreWindowState(huge, [laptop], laptop).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1050,
    });
    const tiny = saved({ x: 10, y: 10, width: 200, height: 100 });
    expect(restoreWindowState(tiny, [laptop], laptop).bounds).toEqual({
      x: 10,
      y: 10,
      width: 800,
      height: 560,
    });
  });

  it('fits the default to a small or offset primary display', () => {
    expect(defaultBounds(small)).toEqual({ x: 51, y: 35, width: 922, height: 630 });
    const secondPrimary = { x: -1440, y: 200, width: 1440, height: 870 };
    const bounds = defaultBounds(secondPrimary);
    expect(bounds.x).toBeGreaterThanOrEqual(secondPrimary.x);
    expect(bounds.x + bounds.width).toBeLessThanOrEqual(secondPrimary.x + secondPrimary.width);
    expect(bounds.y).toBeGreaterThanOrEqual(secondPrimary.y);
    expect(bounds.height).toBeLessThanOrEqual(secondPrimary.height);
  });
});

describe('parseWindowState', () => {
  it('keeps a valid state and rounds it', () => {
    expect(
      parseWindowState({ bounds: { x: 1.4, y: 2, width: 900.6, height: 700 }, maximized: true }),
    ).toEqual({
      bounds: { x: 1, y: 2, width: 901, height: 700 },
      maximized: true,
      fullScreen: false,
    });
  });

  it.each([
    null,
    'x',
    [],
    {},
    { bounds: { x: 0, y: 0, width: 0, height: 600 } },
    { bounds: { x: 0, y: 0, width: -5, height: 600 } },
    { bounds: { x: 0, y: 0, width: '800', height: 600 } },
    { bounds: { x: Number.NaN, y: 0, width: 800, height: 600 } },
    { bounds: { x: 1e308, y: 0, width: 800, height: 600 } },
    { bounds: { x: 0, y: 0, width: 800 } },
  ])('refuses %j', (value) => {
    expect(parseWindowState(value)).toBeUndefined();
  });
});

describe('the window-state file', () => {
  const dirs: string[] = [];
  const temp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'reelshelf-window-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('round-trips through a JSON file, creating its folder', () => {
    const file = join(temp(), 'userData', 'window-state.json');
    const state = saved({ x: 5, y: 6, width: 1000, height: 700 }, { fullScreen: true });
    saveWindowState(file, state);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
    expect(loadWindowState(file)).toEqual(state);
  });

  it('reads a missing or damaged file as no state', () => {
    const dir = temp();
    expect(loadWindowState(join(dir, 'none.json'))).toBeUndefined();
    writeFileSync(join(dir, 'bad.json'), '{"bounds": ');
    expect(loadWindowState(join(dir, 'bad.json'))).toBeUndefined();
  });
});
