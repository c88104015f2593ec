import type { ExecutionStatus } from '@chariot/contract';

/**
 * What the IDE shows for the current run: the API's statuses plus the client-only ones (`paused`:
 * running on the server, held by the debugger).
 */
export type RunStatus = 'idle' | 'starting' | ExecutionStatus | 'paused' | 'error';
