import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where the library lives when no --db is given: the same folder Electron's
 * app.getPath('userData') uses for an app named Reelshelf, so the CLI, browser mode
 * and the desktop app open the same library.
 */
export function defaultLibraryPath(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = homedir();
  const base =
    platform === 'win32'
      ? (env.APPDATA ?? join(home, 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(home, '.config'));
  return join(base, 'Reelshelf', 'library.db');
}

/** Downloaded text models live next to the library, in the app-data folder. */
export function defaultModelsPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return join(dirname(defaultLibraryPath(env, platform)), 'models');
}
