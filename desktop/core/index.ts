export { openCore, type Core, type CoreOptions } from './core';
export { openLibrary, knownSchemaVersion, APPLICATION_ID } from './db/open';
export { defaultLibraryPath } from './paths';
