export * from './lib/execution.module';
export * from './lib/executions.service';
export * from './lib/execution-store';
