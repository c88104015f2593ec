import { firstValueFrom, toArray, take } from 'rxjs';
import { LogStream, StreamEvent } from './log-stream';

const seqs = (events: StreamEvent[]) => events.filter((e) => e.kind === 'entry').map((e) => (e.kind === 'entry' ? e.entry.seq : 0));

describe('LogStream', () => {
  it('numbers entries 1, 2, 3 in order', () => {
    const stream = new LogStream();
    expect([stream.append('INFO', 'a', new Date()), stream.append('WARN', 'b', new Date())].map((e) => e.seq)).toEqual([1, 2]);
  });

  it('replays stored entries after the resume point, then live ones, without gap or duplicate', async () => {
    const stream = new LogStream();
    for (let i = 0; i < 5; i++) stream.append('INFO', `m${i}`, new Date());
    const all = firstValueFrom(stream.events({ after: 2 }).pipe(toArray()));
    stream.append('INFO', 'm5', new Date());
    stream.finish({ status: 'succeeded', result: 1 });
    const events = await all;
    expect(seqs(events)).toEqual([3, 4, 5, 6]);
    expect(events[0]).toMatchObject({ kind: 'status', status: 'queued' });
    expect(events.at(-1)).toMatchObject({ kind: 'done', done: { status: 'succeeded', result: 1 } });
  });

  it('gives a late subscriber the whole log and the done event of a finished execution', async () => {
    const stream = new LogStream();
    stream.append('INFO', 'only', new Date());
    stream.finish({ status: 'failed', error: { code: 'X', message: 'boom' } });
    const events = await firstValueFrom(stream.events({ after: 0 }).pipe(toArray()));
    expect(events.map((e) => e.kind)).toEqual(['status', 'entry', 'done']);
  });

  it('filters by level in replay and live', async () => {
    const stream = new LogStream();
    stream.append('DEBUG', 'd', new Date());
    stream.append('ERROR', 'e1', new Date());
    const got = firstValueFrom(stream.events({ after: 0, levels: new Set(['ERROR']) }).pipe(toArray()));
    stream.append('INFO', 'i', new Date());
    stream.append('ERROR', 'e2', new Date());
    stream.finish({ status: 'succeeded' });
    expect(seqs(await got)).toEqual([2, 4]);
  });

  it('sends the latest progress to a subscriber that joins late', async () => {
    const stream = new LogStream();
    stream.setProgress({ percent: 10, message: 'a' });
    stream.setProgress({ percent: 60, message: 'b' });
    const events = await firstValueFrom(stream.events({ after: 0 }).pipe(take(2), toArray()));
    expect(events[1]).toMatchObject({ kind: 'progress', progress: { percent: 60, message: 'b' } });
  });

  it('lets several subscribers each receive the full stream', async () => {
    const stream = new LogStream();
    const a = firstValueFrom(stream.events({ after: 0 }).pipe(toArray()));
    stream.append('INFO', 'x', new Date());
    const b = firstValueFrom(stream.events({ after: 0 }).pipe(toArray()));
    stream.append('INFO', 'y', new Date());
    stream.finish({ status: 'succeeded' });
    expect(seqs(await a)).toEqual([1, 2]);
    expect(seqs(await b)).toEqual([1, 2]);
  });
});
