export * from './lib/files.module';
export * from './lib/files.service';
export * from './lib/file-name';
export * from './lib/file.types';
export * from './lib/examples';
