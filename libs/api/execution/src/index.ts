export * from './lib/api-execution.module';
