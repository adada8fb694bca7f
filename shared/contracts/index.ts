export * from './commands';
export * from './door';
export * from './errors';
export * from './import';
export * from './scan';
export * from './metadata';
