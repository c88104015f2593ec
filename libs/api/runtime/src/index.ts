export * from './lib/runtime.module';
export * from './lib/runtime.service';
export * from './lib/script-runner';
export * from './lib/worker-pool';
