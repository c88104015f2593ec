/** Injection token of the Kysely database. */
export const DATABASE = Symbol('DATABASE');
