import { Module } from '@nestjs/common';
import { RuntimeModule } from '@chariot/api-runtime';
import { ExecutionController } from './execution.controller';
import { ExecutionsService } from './executions.service';
import { FunctionsController } from './functions.controller';
import { LogsController } from './logs.controller';

/** Executions, their live log streams over SSE, results, history and cleanup. */
@Module({
  imports: [RuntimeModule],
  controllers: [ExecutionController, LogsController, FunctionsController],
  providers: [ExecutionsService],
  exports: [ExecutionsService],
})
export class ExecutionModule {}
