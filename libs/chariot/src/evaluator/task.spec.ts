import { ChariotError, ChariotRuntimeError } from '../errors';
import type { DebugResume, PauseEvent } from './debug-types';
import { startChariot, TaskOptions } from './task';

/** A promise with its resolve function, to hand a run something to wait for. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const until = async (cond: () => boolean) => {
  while (!cond()) await sleepFor(1);
};

function logging(lines: string[], tag: string, extra: TaskOptions['host'] = {}): TaskOptions {
  return {
    host: { log: (_level, message) => void lines.push(`${tag}:${message}`), sleep: (ms) => sleepFor(ms), ...extra },
  };
}

describe('startChariot (the suspending driver)', () => {
  it('suspends at sleep and resumes where it stopped, interleaving runs on one thread', async () => {
    const lines: string[] = [];
    const a = startChariot('logPrint("a1"); sleep(30); logPrint("a2"); 1', logging(lines, 'A'));
    const b = startChariot('logPrint("b1"); sleep(5); logPrint("b2"); 2', logging(lines, 'B'));
    expect([(await a.result).value, (await b.result).value]).toEqual([1, 2]);
    expect(lines).toEqual(['A:a1', 'B:b1', 'B:b2', 'A:a2']);
  });

  it('resumes inside nested calls and expressions with the values computed before the wait', async () => {
    const lines: string[] = [];
    const src = `
      let f = func(n) { if (n == 0) { sleep(1); 100 } else { n + f(n - 1) } };
      let xs = [f(3), add(f(2), 1)];
      let i = 0; let total = 0;
      while (i < 3) { sleep(1); total = total + f(0) * i; i = i + 1 }
      [xs, total]`;
    const r = await startChariot(src, logging(lines, 'x')).result;
    expect(r.value).toEqual([[106, 104], 300]);
  });

  it('waits while the log pipe is full and goes on when it drains', async () => {
    const lines: string[] = [];
    let drained = deferred();
    const task = startChariot('logPrint("one"); logPrint("two"); "end"', {
      host: {
        log: (_l, m) => {
          lines.push(m);
          return m === 'one' ? drained.promise : undefined;
        },
      },
    });
    await sleepFor(20);
    expect(lines).toEqual(['one']);
    drained.resolve();
    expect((await task.result).value).toBe('end');
    expect(lines).toEqual(['one', 'two']);
    drained = deferred();
  });

  it('pauses under the debugger without blocking, and steps on when the host answers', async () => {
    const pauses: PauseEvent[] = [];
    let answer = deferred<DebugResume>();
    const task = startChariot('let x = 1\nx = x + 1\nx * 10', {
      debug: { breakpoints: [2] },
      host: {
        pause: (e) => {
          pauses.push(e);
          return answer.promise;
        },
      },
    });
    await until(() => pauses.length === 1);
    expect(pauses[0].line).toBe(2);
    // another run proceeds on the same thread meanwhile
    expect((await startChariot('2 + 2').result).value).toBe(4);
    const first = answer;
    answer = deferred<DebugResume>();
    first.resolve('step');
    await until(() => pauses.length === 2);
    expect(pauses[1].line).toBe(3);
    answer.resolve('continue');
    expect((await task.result).value).toBe(20);
  });

  it('gives a CPU-bound run slices so a sleeping neighbour on the same thread still finishes', async () => {
    const loop = startChariot('while (true) {}', { sliceMs: 2 });
    const lines: string[] = [];
    const neighbour = startChariot('sleep(5); logPrint("awake"); 7', { ...logging(lines, 'n'), sliceMs: 2 });
    expect((await neighbour.result).value).toBe(7);
    expect(lines).toEqual(['n:awake']);
    loop.stop(new ChariotRuntimeError('execution cancelled', 'CANCELLED'));
    await expect(loop.result).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('cancels a computing run at its next slice', async () => {
    const task = startChariot('let i = 0; while (true) { i = i + 1 }', { sliceMs: 1 });
    await sleepFor(10);
    const asked = Date.now();
    task.stop(new ChariotRuntimeError('execution cancelled', 'CANCELLED'));
    await expect(task.result).rejects.toBeInstanceOf(ChariotError);
    // generous: the next slice boundary is a millisecond away
    expect(Date.now() - asked).toBeLessThan(1000);
  });

  it('cancels a sleeping run at once, without waiting for the sleep to end', async () => {
    const task = startChariot('sleep(60000); 1', logging([], 's'));
    await sleepFor(5);
    task.stop(new ChariotRuntimeError('execution cancelled', 'CANCELLED'));
    await expect(task.result).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('consults the host at checkpoints inside a builtin callback, where the run cannot yield', async () => {
    let checkpoints = 0;
    // the host's checkpoint is how an executor thread notices a stop while a callback computes
    const task = startChariot('apply(func(x) { while (true) {} }, [1])', {
      host: {
        checkpoint: () => {
          if (++checkpoints === 50) throw new ChariotRuntimeError('execution cancelled', 'CANCELLED');
        },
      },
    });
    await expect(task.result).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(checkpoints).toBe(50);
  });

  it('ends a run at its wall-clock limit while it computes and while it sleeps', async () => {
    const computing = startChariot('while (true) {}', { limits: { maxWallTimeMs: 50 } });
    const sleeping = startChariot('sleep(60000)', {
      limits: { maxWallTimeMs: 50 },
      host: { sleep: (ms) => sleepFor(ms) },
    });
    await expect(computing.result).rejects.toMatchObject({ code: 'TIME_LIMIT' });
    await expect(sleeping.result).rejects.toMatchObject({ code: 'TIME_LIMIT' });
  });

  it('fails a run over its memory budget with MEMORY_LIMIT while its neighbour finishes', async () => {
    const bomb = startChariot('let a = array(); while (true) { addTo(a, repeat("x", 100000)) }', {
      memoryBytes: 20 * 1048576,
    });
    const neighbour = startChariot('let s = 0; let i = 0; while (i < 200000) { s = s + i; i = i + 1 }; s', {
      memoryBytes: 20 * 1048576,
    });
    await expect(bomb.result).rejects.toMatchObject({ code: 'MEMORY_LIMIT' });
    expect((await neighbour.result).value).toBe(19999900000);
  }, 30_000);

  it('keeps the variables, functions and globals of two runs on one thread apart', async () => {
    const src = (me: string) => `
      declareGlobal(owner, 'S', '${me}')
      let secret = '${me}'
      registerFunction('whoami', func() { secret })
      sleep(2)
      let seen = [owner, secret, whoami()]
      sleep(2)
      seen`;
    const a = startChariot(src('alice'), logging([], 'a'));
    const b = startChariot(src('bob'), logging([], 'b'));
    expect((await a.result).value).toEqual(['alice', 'alice', 'alice']);
    expect((await b.result).value).toEqual(['bob', 'bob', 'bob']);
  });

  it('refuses to sleep inside a builtin callback with a clear error', async () => {
    const task = startChariot('apply(func(x) { sleep(1) }, [1])', logging([], 'c'));
    await expect(task.result).rejects.toThrow(/sleep cannot wait inside a function that a builtin calls/);
  });

  it('positions an error thrown after a suspension at its call site', async () => {
    const task = startChariot('let f = func() { sleep(1); undefinedThing }\nlet y = 1\nf()', logging([], 'e'));
    await expect(task.result).rejects.toMatchObject({ code: 'RUNTIME_ERROR', line: 1 });
  });
});
