import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, login, openIde } from './browser';
import { RunningServer, startServer } from './server';

export interface IdeSuite {
  server: RunningServer;
  browser: Browser;
  /** The current context and page (a test may swap in another page). */
  context: BrowserContext;
  page: Page;
  /** The browser dialogs (alert, beforeunload…) the page raised, each dismissed: `type: message`. */
  dialogs: string[];
}

export interface IdeSuiteOptions {
  /** Server environment on top of the defaults (e.g. MAX_LOG_ENTRIES). */
  env?: Record<string, string>;
  /** Sign in as admin once the page is open (false: the test starts on the sign-in screen). */
  signIn?: boolean;
  /**
   * `test` (the default): a fresh page for each test. `file`: one page for the whole file, for
   * tests that go on from where the previous one left (a long log loaded once, a password
   * changed).
   */
  pagePer?: 'test' | 'file';
}

/**
 * One server (on a free port, with a fresh data directory) and one chromium per spec file, a
 * 1280×720 page signed in as admin, and a check after each test that the server did not die
 * during it. Call at the top of a describe block.
 */
export function signedInIdeSuite(options: IdeSuiteOptions = {}): IdeSuite {
  const { env = {}, signIn = true, pagePer = 'test' } = options;
  const suite = {} as IdeSuite;

  const open = async () => {
    ({
      context: suite.context,
      page: suite.page,
      dialogs: suite.dialogs,
    } = await openIde(suite.browser, suite.server.baseUrl));
    if (signIn) await login(suite.page);
  };
  const close = () => suite.context?.close();

  beforeAll(async () => {
    suite.server = await startServer(env);
    suite.browser = await launchBrowser();
    if (pagePer === 'file') await open();
  });

  afterAll(async () => {
    if (pagePer === 'file') await close();
    await suite.browser?.close();
    await suite.server?.stop();
  });

  if (pagePer === 'test') {
    beforeEach(open);
    afterEach(close);
  }

  afterEach(() => {
    if (suite.server && !suite.server.alive()) {
      throw new Error(`the server died during the test:\n${suite.server.output().slice(-4000)}`);
    }
  });

  return suite;
}
