export * from './barcode';
export * from './common';
export * from './copy';
export * from './history';
export * from './list';
export * from './person';
export * from './profile';
export * from './title';
