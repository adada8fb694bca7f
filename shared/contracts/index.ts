export * from './commands';
export * from './door';
export * from './errors';
