import { ApiClient } from './client';
import { RunningServer, startServer } from './server';

export interface ServerSuite {
  server: RunningServer;
  /** Signed in as the seeded admin. */
  admin: ApiClient;
}

/**
 * A server of its own for the enclosing describe block, started with `env` before its tests and
 * stopped after them, and a client signed in as admin. Read the fields inside tests or hooks.
 */
export function useServer(env: Record<string, string> = {}): ServerSuite {
  const suite = {} as ServerSuite;
  beforeAll(async () => {
    suite.server = await startServer(env);
    suite.admin = await new ApiClient(suite.server.baseUrl).login();
  });
  afterAll(() => suite.server?.stop());
  return suite;
}
