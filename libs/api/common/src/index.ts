export * from './lib/envelope';
export * from './lib/api-exception';
export * from './lib/envelope-exception.filter';
export * from './lib/auth-context';
export * from './lib/body-parser-errors';
