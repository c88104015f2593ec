import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, openIde } from './browser';
import { RunningServer, startServer } from './server';

export interface IdeSuite {
  server: RunningServer;
  browser: Browser;
  /** The current test's context and signed-in page (a test may swap in another page). */
  context: BrowserContext;
  page: Page;
}

/**
 * One server and one chromium per spec file; each test gets a fresh 1280×720 page signed in
 * as admin, and fails if the server died during it. Call at the top of a describe block.
 */
export function signedInIdeSuite(): IdeSuite {
  const suite = {} as IdeSuite;

  beforeAll(async () => {
    suite.server = await startServer();
    suite.browser = await launchBrowser();
  });

  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.stop();
  });

  beforeEach(async () => {
    ({ context: suite.context, page: suite.page } = await openIde(suite.browser, suite.server.baseUrl));
    await login(suite.page);
  });

  afterEach(async () => {
    await suite.context?.close();
    if (suite.server && !suite.server.alive()) {
      throw new Error(`the server died during the test:\n${suite.server.output().slice(-4000)}`);
    }
  });

  return suite;
}
