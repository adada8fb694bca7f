import { dirname, join } from 'node:path';

/**
 * The artwork cache lives next to the library file, in the app-data folder (see
 * ../paths.ts), in its own folder: deleting it loses nothing but downloads.
 */
export function artworkDirFor(libraryPath: string): string {
  return join(dirname(libraryPath), 'artwork');
}
