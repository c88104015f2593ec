import { randomUUID } from 'node:crypto';

/**
 * Where new row ids (users, sessions, files, executions) come from. Services take it by the
 * ID_SOURCE token, so a spec can predict the ids it will see.
 */
export interface IdSource {
  /** A new version 4 UUID. */
  uuid(): string;
}

/** Injection token of the server's IdSource. */
export const ID_SOURCE = Symbol('ID_SOURCE');

/** Random UUIDs from the platform's cryptographic generator. */
export const randomIds: IdSource = { uuid: () => randomUUID() };
