export * from './lib/schema';
export * from './lib/database';
export * from './lib/storage.module';
export * from './lib/tokens';
export { NUL_REPLACEMENT, storableText, withoutNul } from './lib/nul-free';
export { preparedStatement } from './lib/prepared-statements';
