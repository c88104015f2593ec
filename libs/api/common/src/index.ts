export * from './lib/envelope';
export * from './lib/api-exception';
export * from './lib/envelope-exception.filter';
export * from './lib/auth-context';
export * from './lib/body-parser-errors';
export * from './lib/json-depth';
export * from './lib/control-characters';
export * from './lib/security-headers';
