export * from './values';
export * from './function';
export * from './format';
