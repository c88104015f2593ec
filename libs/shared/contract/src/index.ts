export * from './lib/envelope';
export * from './lib/execution';
export * from './lib/auth';
export * from './lib/functions';
export * from './lib/files';
export * from './lib/history';
export * from './lib/debugger';
