import type { Command } from 'commander';
import type { SyncDevice, SyncStatusInfo } from '@reelshelf/shared/contracts';
import { CoreError } from '@reelshelf/shared/contracts';
import type { Core } from '../core';

type WithCore = <T>(work: (core: Core) => Promise<T>, print: (result: T) => string) => Promise<void>;

/**
 * The password comes from REELSHELF_PASSWORD, from stdin with --password-stdin (for
 * scripts), or from a prompt that does not echo — never from a flag, which `ps` shows.
 */
async function readPassword(fromStdin: boolean): Promise<string> {
  const env = process.env.REELSHELF_PASSWORD;
  if (env) return env;
  if (fromStdin || !process.stdin.isTTY) {
    if (!fromStdin) {
      throw new CoreError(
        'invalid_argument',
        'No password: set REELSHELF_PASSWORD, pass --password-stdin, or run in a terminal to be asked.',
      );
    }
    let text = '';
    for await (const chunk of process.stdin) text += String(chunk);
    return text.replace(/\r?\n$/, '');
  }
  process.stderr.write('Password: ');
  return new Promise((resolve) => {
    let typed = '';
    process.stdin.setRawMode(true);
    process.stdin.resume();
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          process.stdin.setRawMode(false);
          process.stdin.pause();
          process.stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    process.stdin.on('data', onData);
  });
}

export function describeSync(s: SyncStatusInfo): string {
  if (s.state === 'signed-out')
    return 'Not signed in. `reelshelf sync login --server <url> --email <you>` starts syncing.';
  const lines = [
    `Signed in as ${s.email} at ${s.server} (this device: ${s.deviceId})`,
    `State: ${s.state}${s.reason ? ` — ${s.reason}` : ''}`,
    `Last synced: ${s.lastSyncedAt ?? 'never'}`,
    `Changes waiting to be sent: ${s.pending}`,
  ];
  if (s.rejected) lines.push(`Changes the server refused (kept locally): ${s.rejected}`);
  if (s.clockWarning) lines.push(`Clock: ${s.clockWarning}`);
  if (s.retryAt) lines.push(`Next attempt: ${s.retryAt}`);
  return lines.join('\n');
}

/** `reelshelf sync login|status|now|logout`. */
export function addSyncCommands(program: Command, withCore: WithCore, quiet: () => boolean): void {
  const sync = program
    .command('sync')
    .description('sync this library with your other devices through a Reelshelf server');
  const progress = (core: Core) =>
    core.on('sync', (s) => {
      if (!quiet() && s.progress) {
        process.stderr.write(`sync ${s.progress.phase}: ${s.progress.done}/${s.progress.total}\n`);
      }
    });

  sync
    .command('login')
    .description('sign in (or create an account with --register) and send this library')
    .requiredOption('--server <url>', 'the sync server, e.g. https://sync.example.org')
    .requiredOption('--email <email>', 'your account')
    .option('--register', 'create the account first', false)
    .option('--device <name>', 'name of this device in your device list')
    .option('--password-stdin', 'read the password from stdin', false)
    .action(async (o) => {
      const password = await readPassword(o.passwordStdin);
      await withCore(
        async (core) => {
          const off = progress(core);
          try {
            const args = { server: o.server, email: o.email, password, deviceName: o.device };
            await core.call(o.register ? 'sync.register' : 'sync.login', args);
            return await core.call('sync.now');
          } finally {
            off();
          }
        },
        (s) => `${describeSync(s)}`,
      );
    });

  sync
    .command('status')
    .description('account, pending changes, last sync, clock')
    .action(() => withCore((core) => core.call('sync.status'), describeSync));

  sync
    .command('now')
    .description('send local changes and fetch everything new, with progress')
    .action(() =>
      withCore(async (core) => {
        const off = progress(core);
        try {
          const s = await core.call('sync.now');
          if (s.state === 'offline' || s.state === 'error') throw new CoreError('offline', describeSync(s));
          return s;
        } finally {
          off();
        }
      }, describeSync),
    );

  const deviceLines = (list: SyncDevice[]) =>
    list
      .map(
        (d) =>
          `${d.current ? '* ' : '  '}${d.name}  · ${d.id}  (since ${d.createdAt.slice(0, 10)}, last seen ${d.lastSeenAt ?? 'never'})`,
      )
      .join('\n');
  sync
    .command('devices')
    .description('the devices signed in to your account (* = this one)')
    .action(() => withCore((core) => core.call('sync.devices'), deviceLines));
  sync
    .command('revoke')
    .description('sign another device out for good, e.g. a lost phone')
    .argument('<device-id>', 'an id from `reelshelf sync devices`')
    .action((deviceId: string) => withCore((core) => core.call('sync.revoke', { deviceId }), deviceLines));

  sync
    .command('logout')
    .description('sign out and revoke this device (your library stays here)')
    .action(() => withCore((core) => core.call('sync.logout'), describeSync));
}
