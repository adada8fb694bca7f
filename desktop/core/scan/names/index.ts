export { parseMediaPath } from './parse';
export type { ParsedName } from './types';
