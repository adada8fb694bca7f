export { openCore, type Core } from './core';
export { openLibrary, knownSchemaVersion, APPLICATION_ID } from './db/open';
export { defaultLibraryPath } from './paths';
