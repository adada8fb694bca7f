/** Devices for the sync tests: real library files in a temp folder, signed in to a real server. */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../desktop/core/core';

export const PASSWORD = 'correct horse battery';

export class Devices {
  readonly dir = mkdtempSync(join(tmpdir(), 'reelshelf-devices-'));
  private readonly open: Core[] = [];

  /** A device with a new library file, or reopening `path`. */
  device(name: string, options: CoreOptions = {}, path = join(this.dir, `${name}-${randomUUID()}.db`)): Core {
    const core = openCore(path, options);
    this.open.push(core);
    return core;
  }

  cleanup(): void {
    for (const core of this.open.splice(0)) {
      try {
        core.close();
      } catch {
        // closed by the test
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const newEmail = () => `${randomUUID()}@example.org`;

export async function signIn(
  core: Core,
  server: string,
  email: string,
  register = false,
  deviceName?: string,
) {
  return core.call(register ? 'sync.register' : 'sync.login', {
    server,
    email,
    password: PASSWORD,
    deviceName,
  });
}

/** Syncs devices one after another, the given number of rounds (two rounds let everyone see everything). */
export async function syncAll(devices: Core[], rounds = 2): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const d of devices) {
      const s = await d.call('sync.now');
      if (s.state !== 'idle') throw new Error(`sync failed: ${s.state} ${s.reason ?? ''}`);
    }
  }
}

export const tick = (ms = 3) => new Promise((r) => setTimeout(r, ms));
