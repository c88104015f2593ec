export * from './lib/runtime.module';
export * from './lib/runtime.service';
export * from './lib/script-run';
export type { WorkerFactory } from './lib/executor-thread';
