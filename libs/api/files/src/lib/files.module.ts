import { Module } from '@nestjs/common';
import { AppConfig } from '@chariot/api-config';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { DEFAULT_MAX_FILES_PER_USER, DEFAULT_MAX_TOTAL_BYTES_PER_USER, FilesLimits, FILES_LIMITS } from './file.types';

/** `/api/files`: each user's scripts, stored in the database, with example scripts for new users. */
@Module({
  controllers: [FilesController],
  providers: [
    FilesService,
    {
      provide: FILES_LIMITS,
      inject: [AppConfig],
      useFactory: (config: AppConfig): FilesLimits => ({
        // A saved file must stay runnable, so it shares the program limit.
        maxFileBytes: config.MAX_PROGRAM_BYTES,
        maxFilesPerUser: DEFAULT_MAX_FILES_PER_USER,
        maxTotalBytesPerUser: DEFAULT_MAX_TOTAL_BYTES_PER_USER,
      }),
    },
  ],
  exports: [FilesService],
})
export class FilesModule {}
