import { Module } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { RuntimeService, WORKER_FACTORY } from './runtime.service';

/**
 * The bundled server ships the executor thread as `executor-worker.js` beside `main.js`
 * (a second webpack entry in apps/api).
 */
export const bundledWorkerFactory = () => (options: ConstructorParameters<typeof Worker>[1]) =>
  new Worker(join(__dirname, 'executor-worker.js'), options);

@Module({
  providers: [RuntimeService, { provide: WORKER_FACTORY, useFactory: bundledWorkerFactory }],
  exports: [RuntimeService],
})
export class RuntimeModule {}
