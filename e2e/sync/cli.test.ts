/** `reelshelf sync login|status|now|logout`: the real binary against a real server. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/src/testing/harness.ts';
import { Devices, newEmail, PASSWORD } from './devices';
import { runCli } from '../../desktop/cli/run-cli';

let server: TestServer;
let devices: Devices;
beforeAll(async () => {
  server = await startTestServer();
  devices = new Devices();
});
afterAll(async () => {
  devices.cleanup();
  await server.close();
});

const reelshelf = (db: string, args: string[], env: Record<string, string> = {}) => runCli(db, args, env);

describe('reelshelf sync', () => {
  it('logs in with --register, sends the library with progress, shows status, syncs another library, lists and revokes devices, logs out', async () => {
    const email = newEmail();
    const laptop = join(devices.dir, 'laptop.db');
    const phone = join(devices.dir, 'phone.db');
    expect((await reelshelf(laptop, ['add', 'Heat', '--year', '1995'])).code).toBe(0);

    const noPassword = await reelshelf(laptop, ['sync', 'login', '--server', server.url, '--email', email]);
    expect(noPassword.code).not.toBe(0);
    expect(noPassword.stderr).toMatch(/REELSHELF_PASSWORD/);

    const login = await reelshelf(
      laptop,
      ['sync', 'login', '--server', server.url, '--email', email, '--register'],
      {
        REELSHELF_PASSWORD: PASSWORD,
      },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`Signed in as ${email}`);
    expect(login.stdout).toMatch(/Changes waiting to be sent: 0/);
    expect(login.stderr).toMatch(/sync push: \d+\/\d+/);

    const other = await reelshelf(phone, ['sync', 'login', '--server', server.url, '--email', email], {
      REELSHELF_PASSWORD: PASSWORD,
    });
    expect(other.code, other.stderr).toBe(0);
    const search = await reelshelf(phone, ['search', 'heat']);
    expect(search.stdout).toContain('Heat (1995)');

    expect((await reelshelf(phone, ['rate', '4.5', 'Heat'])).code).toBe(0);
    expect((await reelshelf(phone, ['sync', 'status'])).stdout).toMatch(/Changes waiting to be sent: [1-9]/);
    expect((await reelshelf(phone, ['sync', 'now'])).code).toBe(0);
    expect((await reelshelf(laptop, ['sync', 'now'])).code).toBe(0);
    expect((await reelshelf(laptop, ['show', 'Heat'])).stdout).toMatch(/★★★★½/);

    const listed = await reelshelf(phone, ['sync', 'devices', '--json']);
    const list = JSON.parse(listed.stdout) as { id: string; name: string; current: boolean }[];
    expect(list).toHaveLength(2);
    const laptopDevice = list.find((d) => !d.current)!;
    const self = await reelshelf(phone, ['sync', 'revoke', list.find((d) => d.current)!.id]);
    expect(self.stderr).toMatch(/use `reelshelf sync logout`/);
    const revoked = await reelshelf(phone, ['sync', 'revoke', laptopDevice.id]);
    expect(revoked.code, revoked.stderr).toBe(0);
    expect(revoked.stdout).not.toContain(laptopDevice.id);
    // The revoked laptop is cut off at once and told so.
    const cutOff = await reelshelf(laptop, ['sync', 'now']);
    expect(cutOff.code).not.toBe(0);
    expect(cutOff.stderr).toMatch(/no longer accepts this device/);

    const out = await reelshelf(laptop, ['sync', 'logout']);
    expect(out.stdout).toMatch(/Not signed in/);
    const after = await reelshelf(laptop, ['sync', 'now']);
    expect(after.code).not.toBe(0);
    expect(after.stderr).toMatch(/Not signed in/);
    // Signing out revoked the device on the server.
    const devicesLeft = server.read<{ n: number }>(
      'SELECT count(*) AS n FROM devices WHERE revoked_at IS NULL',
    );
    expect(devicesLeft[0]!.n).toBe(1);
  }, 60_000);
});
