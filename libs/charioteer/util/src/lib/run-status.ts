import type { ExecutionStatus } from '@chariot/contract';

/** What the IDE shows for the current run: the API's statuses plus the client-only ones. */
export type RunStatus = 'idle' | 'starting' | ExecutionStatus | 'error';
