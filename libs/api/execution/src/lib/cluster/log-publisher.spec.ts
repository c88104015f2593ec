import { systemClock } from '@chariot/api-common';
import { ChariotDb, migrateToLatest, openDatabase } from '@chariot/api-storage';
import type { LogEntry } from '@chariot/contract';
import { ExecutionStore } from '../execution-store';
import { LiveExecution } from '../live-execution';
import { PublishedState } from './log-events';
import { Publication } from './log-publisher';
import { RedisConnections } from './redis-connections';

const entry = (seq: number, message: string): LogEntry => ({
  seq,
  timestamp: '2026-01-01T00:00:00.000Z',
  level: 'INFO',
  message,
});

describe('Publication', () => {
  let db: ChariotDb;
  let live: LiveExecution;
  let publication: Publication;
  /** The XADDs sent: stream key, message id and the published state. */
  let sent: { key: string; id: string; state: PublishedState }[];

  beforeEach(async () => {
    db = openDatabase({ url: ':memory:' });
    await migrateToLatest(db);
    sent = [];
    // records what would go to Redis (the e2e cluster spec runs it against a real one)
    const redis = {
      commands: {
        xadd: (key: string, ...args: string[]) => {
          sent.push({ key, id: args[3], state: JSON.parse(args[5]) as PublishedState });
          return Promise.resolve('ok');
        },
        expire: () => Promise.resolve(1),
      },
    } as unknown as RedisConnections;
    live = new LiveExecution('x', 'u', new ExecutionStore(db, systemClock));
    publication = new Publication(redis, { open: true });
    publication.attach(live);
  });
  afterEach(() => db.destroy());

  it('publishes each stored batch with the state, ids counting messages at one sequence number', () => {
    publication.stored([entry(1, 'a'), entry(2, 'b')]);
    live.storedSeq = 2;
    publication.wake();
    publication.wake(); // nothing new: nothing sent
    live.progress = { percent: 10, message: 'p' };
    publication.wake();
    expect(sent.map((m) => [m.key, m.id])).toEqual([
      ['chariot:log:x', '2-1'],
      ['chariot:log:x', '2-2'],
    ]);
    expect(sent[0].state).toMatchObject({ entries: [entry(1, 'a'), entry(2, 'b')], status: 'running' });
    expect(sent[0].state.through).toBeUndefined();
    expect(sent[1].state).toMatchObject({ entries: [], progress: { percent: 10, message: 'p' } });
  });

  it('leaves out entries past its size budget and says how far the log is stored instead', () => {
    const big = 'x'.repeat(10_000);
    publication.stored([entry(1, big), entry(2, big)]);
    publication.stored([entry(3, big), entry(4, big)]);
    live.storedSeq = 4;
    publication.wake();
    expect(sent[0].state.entries).toEqual([]);
    expect(sent[0].state.through).toBe(4);
    // the next batch is small again: carried whole
    publication.stored([entry(5, 'small')]);
    live.storedSeq = 5;
    publication.wake();
    expect(sent[1].state.entries).toEqual([entry(5, 'small')]);
    expect(sent[1].state.through).toBeUndefined();
    expect(JSON.stringify(sent[0].state).length).toBeLessThan(1000);
  });
});
