export * from './hlc';
export * from './duration';
export * from './scope';
export * from './entities';
export * from './ops';
export * from './api';
