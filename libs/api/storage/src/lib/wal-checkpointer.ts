import { Worker } from 'node:worker_threads';
import type { Database as SqliteConnection } from 'better-sqlite3';

/** How often the checkpointer copies what the write-ahead log holds into the database file. */
const CHECKPOINT_EVERY_MS = 250;
/** SQLite's own threshold (pages), for when checkpoints fall back to the writing connection. */
const AUTO_CHECKPOINT_PAGES = 1000;

/**
 * The checkpointer thread: its own connection to the database file, a PASSIVE checkpoint every
 * tick (it never waits for the writer, and the writer never waits for it). better-sqlite3 is
 * loaded from where the server's entry script resolves it (an eval'd thread has no module path).
 */
const CHECKPOINTER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('node:module').createRequire(workerData.from)('better-sqlite3');
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
parentPort.postMessage('ready');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    clearInterval(timer);
    db.close();
    throw error;
  }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the thread that writes. A checkpoint copies the log's pages
 * into the database file and waits for the disk; SQLite runs it inside the commit that crosses
 * its threshold, so every few megabytes of log one commit held the event loop for tens of
 * milliseconds, and every live stream waited for it. Here the writing connection never
 * checkpoints, and a thread of its own does, four times a second. If that thread fails, the
 * writing connection checkpoints again as SQLite does by default, so the log cannot grow
 * without end.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  /** Resolves once the thread has its connection open (specs wait for it). */
  readonly ready: Promise<void>;

  constructor(
    private readonly connection: SqliteConnection,
    path: string,
    from = process.argv[1] ?? `${process.cwd()}/`,
  ) {
    connection.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(CHECKPOINTER_SOURCE, {
      eval: true,
      workerData: { path, from, everyMs: CHECKPOINT_EVERY_MS },
    });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    // a spec that never waits for it must not see an unhandled rejection
    this.ready.catch(() => undefined);
    this.worker.unref();
    this.worker.on('error', () => this.fallBack());
    this.worker.on('exit', () => this.fallBack());
  }

  /** Stops the thread; the writing connection is closed after it. */
  stop(): void {
    this.stopped = true;
    this.worker.postMessage('stop');
  }

  private fallBack(): void {
    if (this.stopped || !this.connection.open) return;
    this.stopped = true;
    this.connection.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  }
}
