import { Global, Module } from '@nestjs/common';
import { CLOCK, systemClock } from './clock';
import { ID_SOURCE, randomIds } from './id-source';

/** Provides the real clock and random ids to every module; the app imports it once. */
@Global()
@Module({
  providers: [
    { provide: CLOCK, useValue: systemClock },
    { provide: ID_SOURCE, useValue: randomIds },
  ],
  exports: [CLOCK, ID_SOURCE],
})
export class ClockAndIdsModule {}
