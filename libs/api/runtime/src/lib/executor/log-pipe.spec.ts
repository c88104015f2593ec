import { BATCH_LIMIT, LogPipe } from './log-pipe';
import type { LogBatches } from './protocol';
import { MAX_BATCHES_IN_FLIGHT } from './protocol';

function pipe() {
  const posted: LogBatches[] = [];
  const turnEnds: (() => void)[] = [];
  const logPipe = new LogPipe(
    (m) => posted.push(m),
    (flush) => turnEnds.push(flush),
  );
  const endTurn = () => turnEnds.splice(0).forEach((flush) => flush());
  return { logPipe, posted, endTurn };
}

const line = (message: string) => ({ level: 'INFO' as const, message, timestamp: 0 });

describe('LogPipe', () => {
  it('sends the lines of every run written in one turn as one message, each run in order', () => {
    const { logPipe, posted, endTurn } = pipe();
    void logPipe.write('a', line('a1'));
    void logPipe.write('b', line('b1'));
    void logPipe.write('a', line('a2'));
    expect(posted).toHaveLength(0);
    endTurn();
    expect(posted).toEqual([
      {
        type: 'logs',
        batches: [
          ['a', [line('a1'), line('a2')]],
          ['b', [line('b1')]],
        ],
      },
    ]);
  });

  it('sends a full batch at once, without waiting for the turn to end', () => {
    const { logPipe, posted } = pipe();
    for (let i = 0; i < BATCH_LIMIT; i++) void logPipe.write('a', line(String(i)));
    expect(posted).toHaveLength(1);
    expect(posted[0].batches[0][1]).toHaveLength(BATCH_LIMIT);
  });

  it('makes only the run with too many batches in flight wait, until the main thread takes one in', async () => {
    const { logPipe, endTurn } = pipe();
    for (let i = 0; i < MAX_BATCHES_IN_FLIGHT; i++) {
      expect(logPipe.write('flood', line(String(i)))).toBeUndefined();
      endTurn();
    }
    const wait = logPipe.write('flood', line('over'));
    expect(wait).toBeInstanceOf(Promise);
    // another run on the same thread goes on
    expect(logPipe.write('quiet', line('q'))).toBeUndefined();
    let resumed = false;
    void wait?.then(() => (resumed = true));
    await Promise.resolve();
    expect(resumed).toBe(false);
    logPipe.taken(['flood']);
    await Promise.resolve();
    expect(resumed).toBe(true);
  });
});
