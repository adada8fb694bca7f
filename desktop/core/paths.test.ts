import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryPath } from './paths';

describe('default library location', () => {
  it("is the folder Electron's userData uses for Reelshelf on each OS", () => {
    expect(defaultLibraryPath({}, 'linux')).toBe(join(homedir(), '.config', 'Reelshelf', 'library.db'));
    expect(defaultLibraryPath({ XDG_CONFIG_HOME: '/cfg' }, 'linux')).toBe(
      join('/cfg', 'Reelshelf', 'library.db'),
    );
    expect(defaultLibraryPath({}, 'darwin')).toBe(
      join(homedir(), 'Library', 'Application Support', 'Reelshelf', 'library.db'),
    );
    expect(defaultLibraryPath({ APPDATA: 'C:/Users/ada/AppData/Roaming' }, 'win32')).toBe(
      join('C:/Users/ada/AppData/Roaming', 'Reelshelf', 'library.db'),
    );
  });
});
