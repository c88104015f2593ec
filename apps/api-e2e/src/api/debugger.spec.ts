import { expect } from '@jest/globals';
import type { DoneEvent, ExecutionDetail, ExecutionStarted, LogPage, PausedEvent } from '@chariot/contract';
import { ApiClient } from '../support/client';
import { dataOf, entries, lastData, openSse, readUntil, SseConnection, SseFrame } from '../support/sse';
import { e2eDatabase, RunningServer, startServer } from '../support/server';

const PROGRAM = [
  'let addUp = func(a, b) {', // 1
  '  let sum = a + b', // 2
  '  sum', // 3
  '}', // 4
  'let total = 0; logPrint("start")', // 5
  'let i = 0', // 6
  'while (i < 3) {', // 7
  '  total = addUp(total, i)', // 8
  '  i = i + 1', // 9
  '}', // 10
  'logPrint("total " + total)', // 11
  'total', // 12
].join('\n');

interface Variable {
  name: string;
  value: string;
  scope: string;
}

/** `scope:name=value` of each variable of a pause, in order. */
const shown = (variables: Variable[]) => variables.map((v) => `${v.scope}:${v.name}=${v.value}`);

const isPaused = (frame: SseFrame<unknown>) => frame.event === 'paused';

/** A debugged run seen through its SSE stream. */
class Debuggee {
  private constructor(
    private readonly client: ApiClient,
    readonly id: string,
    readonly stream: SseConnection,
  ) {}

  static async start(server: RunningServer, client: ApiClient, debug: unknown, program = PROGRAM): Promise<Debuggee> {
    const reply = await client.post<ExecutionStarted>('/api/execute-async', { program, debug });
    expect(reply.status).toBe(202);
    const id = reply.body.data.execution_id;
    return new Debuggee(client, id, await openSse(`${server.baseUrl}/api/logs/${id}`, { cookie: client.cookieHeader }));
  }

  /** Frames up to the next pause (inclusive). */
  async untilPaused(): Promise<SseFrame[]> {
    const frames = await readUntil(this.stream, isPaused);
    expect(frames.at(-1)?.event).toBe('paused');
    return frames;
  }

  /** The next pause (untilPaused() has asserted that the last frame is one). */
  async nextPause(): Promise<PausedEvent> {
    return lastData<PausedEvent>(await this.untilPaused()) as PausedEvent;
  }

  async act(action: string, breakpoints?: number[]) {
    const reply = await this.client.post(
      `/api/executions/${this.id}/debug`,
      breakpoints ? { action, breakpoints } : { action },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ result: 'OK', data: { execution_id: this.id, action } });
  }

  /** Acts, then returns the next pause: [line, depth]. */
  async step(action: string): Promise<[number, number]> {
    await this.act(action);
    const pause = await this.nextPause();
    return [pause.line, pause.depth];
  }

  /** Continues to the end; returns the remaining frames. */
  async finish(): Promise<SseFrame[]> {
    const rest: SseFrame[] = [];
    for (;;) {
      await this.act('continue');
      const frames = await readUntil(this.stream, isPaused);
      rest.push(...frames);
      if (frames.at(-1)?.event === 'done') return rest;
    }
  }
}

describe(`debugger over HTTP and SSE (${e2eDatabase})`, () => {
  let server: RunningServer;
  let admin: ApiClient;
  let bob: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    admin = await new ApiClient(server.baseUrl).login();
    bob = await admin.addUser('bob', 'bobs-password');
  });
  afterAll(() => server.stop());

  it('pauses at a breakpoint inside a function with its locals and the program variables, depth 1', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [2] });
    const frames = await run.untilPaused();
    expect(frames.map((f) => f.event)).toEqual(['status', 'message', 'paused']);
    const paused = frames[2];
    expect(paused.id).toBe('1');
    expect(paused.data).toMatchObject({ line: 2, column: 3, depth: 1 });
    expect(shown(dataOf<PausedEvent>(paused).variables)).toEqual([
      'local:a=0',
      'local:b=0',
      'program:addUp=func(a, b)',
      'program:i=0',
      'program:total=0',
    ]);
    expect(dataOf<PausedEvent>(paused).variables[0]).toEqual({
      name: 'a',
      type: 'N',
      value: '0',
      truncated: false,
      scope: 'local',
    });
    await run.act('continue');
    const next = await run.untilPaused();
    expect(next.map((f) => f.event)).toEqual(['resumed', 'paused']);
    expect(next[0].data).toEqual({ action: 'continue' });
    expect(shown(dataOf<PausedEvent>(next[1]).variables).slice(0, 2)).toEqual(['local:a=0', 'local:b=1']);
    const rest = await run.finish();
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
  });

  it('pauses again at the next iteration on continue, the counter advanced', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [9] });
    const counters: string[] = [];
    for (let n = 0; n < 3; n++) {
      const pause = await run.nextPause();
      expect(pause).toMatchObject({ line: 9, depth: 0 });
      counters.push(shown(pause.variables).find((v) => v.startsWith('program:i=')) as string);
      if (n < 2) await run.act('continue');
    }
    expect(counters).toEqual(['program:i=0', 'program:i=1', 'program:i=2']);
    const rest = await run.finish();
    expect(rest.filter((f) => f.event === 'message').map((f) => dataOf<{ message: string }>(f).message)).toEqual([
      'total 3',
    ]);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
  });

  it('steps into, out of and over a call', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [8] });
    expect(await run.nextPause()).toMatchObject({ line: 8, depth: 0 });
    expect(await run.step('step')).toEqual([2, 1]);
    expect(await run.step('step')).toEqual([3, 1]);
    expect(await run.step('step_out')).toEqual([9, 0]);
    expect(await run.step('step_over')).toEqual([8, 0]);
    expect(await run.step('step_over')).toEqual([9, 0]);
    await run.finish();
  });

  it('takes the breakpoints set or cleared while paused', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [6] });
    expect(await run.nextPause()).toMatchObject({ line: 6, depth: 0 });
    await run.act('continue', [2]); // one inside the function, line 6 no longer
    expect(await run.nextPause()).toMatchObject({ line: 2, depth: 1 });
    await run.act('continue', []); // none: the run goes to its end
    const rest = await readUntil(run.stream, isPaused);
    expect(rest.filter((f) => f.event === 'paused')).toEqual([]);
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
  });

  it('stops on entry at line 1', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [], stopOnEntry: true });
    expect(await run.nextPause()).toEqual({
      line: 1,
      column: 1,
      depth: 0,
      variables: [],
      frames: [{ name: 'main', line: 1, column: 1, depth: 0, variables: [] }],
      watches: [],
    });
    const rest = await run.finish();
    expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded' } });
  });

  it('sends the current pause to a client that connects while paused, after the stored entries', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [9] });
    const pause = await run.nextPause();
    const late = await openSse(`${server.baseUrl}/api/logs/${run.id}`, { cookie: admin.cookieHeader });
    const frames = await readUntil(late, isPaused);
    expect(frames.map((f) => [f.event, f.id])).toEqual([
      ['status', '0'],
      ['message', '1'],
      ['paused', '1'],
    ]);
    expect(frames[2].data).toEqual(pause);
    // a client resuming after the entry it has seen gets the pause as well
    const resumed = await openSse(`${server.baseUrl}/api/logs/${run.id}`, {
      cookie: admin.cookieHeader,
      'Last-Event-ID': '1',
    });
    expect((await readUntil(resumed, isPaused)).map((f) => f.event)).toEqual(['status', 'paused']);
    resumed.close();
    await run.act('continue');
    expect((await readUntil(late, isPaused)).map((f) => f.event)).toEqual(['resumed', 'paused']);
    late.close();
    expect(await run.nextPause()).toMatchObject({ line: 9 });
    await run.finish();
  });

  it('shows the pause in the execution detail and the metrics, and null once it goes on', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [11] });
    const pause = await run.nextPause();
    const detail = (await admin.get<ExecutionDetail>(`/api/executions/${run.id}`)).body.data;
    expect(detail).toMatchObject({ status: 'running', paused: pause, variables: null });
    expect((await admin.get('/api/metrics')).text).toContain('chariot_executions_paused 1');
    const rest = await run.finish();
    expect(lastData<DoneEvent>(rest)?.status).toBe('succeeded');
    const after = (await admin.get<ExecutionDetail>(`/api/executions/${run.id}`)).body.data;
    expect(after).toMatchObject({ status: 'succeeded', paused: null });
  });

  it('answers 409 NOT_PAUSED for a run that is not paused, running or ended', async () => {
    const running = await admin.startAsync('logPrint("a"); sleep(20000); 1');
    const reply = await admin.post(`/api/executions/${running}/debug`, { action: 'continue' });
    expect(reply.status).toBe(409);
    expect(reply.body).toMatchObject({ result: 'ERROR', error: { code: 'NOT_PAUSED' } });
    expect((await admin.post(`/api/executions/${running}/cancel`)).status).toBe(200);
    const ended = await admin.post<unknown>(`/api/executions/${running}/debug`, { action: 'step' });
    expect(ended.status).toBe(409);
    expect(ended.body.error?.code).toBe('NOT_PAUSED');
  });

  it("answers 404 for an unknown execution and for another user's paused run", async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [6] });
    await run.nextPause();
    const theirs = await bob.post(`/api/executions/${run.id}/debug`, { action: 'continue' });
    expect(theirs.status).toBe(404);
    expect((await bob.get(`/api/executions/${run.id}`)).status).toBe(404);
    expect(
      (await admin.post('/api/executions/00000000-0000-4000-8000-000000000000/debug', { action: 'continue' })).status,
    ).toBe(404);
    // bob's attempt left it paused
    expect((await admin.get<ExecutionDetail>(`/api/executions/${run.id}`)).body.data.paused).toMatchObject({ line: 6 });
    await run.finish();
  });

  it('refuses bad debug options, bad actions and debug on the synchronous endpoint with 400', async () => {
    const bad: unknown[] = [
      { breakpoints: 'x' },
      { breakpoints: [0] },
      { breakpoints: [1.5] },
      { breakpoints: [1_000_001] },
      { breakpoints: Array.from({ length: 1001 }, (_, i) => i + 1) },
      { breakpoints: [1], stopOnEntry: 'yes' },
      { breakpoints: [1], extra: true },
      {},
      [1, 2],
      'on',
    ];
    for (const debug of bad) {
      const reply = await admin.post<unknown>('/api/execute-async', { program: '1', debug });
      expect([JSON.stringify(debug), reply.status]).toEqual([JSON.stringify(debug), 400]);
      expect(reply.body.error?.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (
        await admin.post('/api/execute-async', {
          program: '1',
          debug: { breakpoints: Array.from({ length: 1000 }, (_, i) => i + 1) },
        })
      ).status,
    ).toBe(202);
    const sync = await admin.post('/api/execute', { program: '1', debug: { breakpoints: [1] } });
    expect(sync.status).toBe(400);
    expect(sync.text).toContain('debug');

    const run = await Debuggee.start(server, admin, { breakpoints: [6] });
    await run.nextPause();
    for (const body of [
      { action: 'pause' },
      {},
      { action: 'continue', extra: 1 },
      { action: 'continue', breakpoints: [0] },
      { action: 'continue', breakpoints: '3' },
      { action: 'continue', breakpoints: [1.5] },
    ]) {
      const reply = await admin.post(`/api/executions/${run.id}/debug`, body);
      expect(reply.status).toBe(400);
    }
    await run.finish();
  });

  it('cancels a paused run promptly', async () => {
    const run = await Debuggee.start(server, admin, { breakpoints: [9] });
    await run.nextPause();
    const asked = Date.now();
    const reply = await admin.post<{ status: string }>(`/api/executions/${run.id}/cancel`);
    expect(reply.status).toBe(200);
    expect(reply.body.data.status).toBe('cancelled');
    expect(Date.now() - asked).toBeLessThan(3000);
    const frames = await readUntil(run.stream);
    expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'cancelled' } });
    expect((await admin.get<unknown>(`/api/executions/${run.id}`)).body.data).toMatchObject({
      status: 'cancelled',
      paused: null,
    });
  });

  describe('at the level of the Debug Adapter Protocol', () => {
    /** `i` as the program sees it at a pause. */
    const counter = (pause: { variables: Variable[] }) =>
      shown(pause.variables).find((v) => v.startsWith('program:i='));

    it('reports the call stack, each frame with its own variables, innermost first', async () => {
      const run = await Debuggee.start(server, admin, { breakpoints: [2] });
      const pause = await run.nextPause();
      expect(pause.frames?.map((f) => [f.name, f.line, f.column, f.depth])).toEqual([
        ['addUp', 2, 3, 1],
        ['main', 8, 3, 0],
      ]);
      expect(pause.frames?.[0].variables).toEqual(pause.variables);
      expect(shown(pause.frames?.[1].variables ?? [])).toEqual([
        'program:addUp=func(a, b)',
        'program:i=0',
        'program:total=0',
      ]);
      await run.finish();
    });

    it('pauses at a conditional breakpoint only where the condition is truthy', async () => {
      const run = await Debuggee.start(server, admin, { breakpoints: [{ line: 9, condition: 'i == 1 || total > 2' }] });
      const seen: (string | undefined)[] = [];
      for (let n = 0; n < 2; n++) {
        seen.push(counter(await run.nextPause()));
        if (n === 0) await run.act('continue');
      }
      expect(seen).toEqual(['program:i=1', 'program:i=2']);
      const rest = await run.finish();
      expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
    });

    it('takes only the hits a hit condition names: the Nth, or every Nth', async () => {
      const nth = await Debuggee.start(server, admin, { breakpoints: [{ line: 9, hitCondition: '2' }] });
      expect(counter(await nth.nextPause())).toBe('program:i=1');
      expect((await nth.finish()).filter((f) => f.event === 'paused')).toEqual([]);
      const every = await Debuggee.start(server, admin, { breakpoints: [{ line: 2, hitCondition: '%2' }, 11] });
      expect(shown((await every.nextPause()).variables).slice(0, 2)).toEqual(['local:a=0', 'local:b=1']);
      await every.act('continue');
      expect(await every.nextPause()).toMatchObject({ line: 11 });
      await every.finish();
    });

    it("logs a logpoint's message with its {expressions} into the run's log instead of pausing", async () => {
      const run = await Debuggee.start(server, admin, {
        breakpoints: [{ line: 9, logMessage: 'i={i} total={total}' }],
      });
      const frames = await readUntil(run.stream, isPaused);
      expect(frames.filter((f) => f.event === 'paused')).toEqual([]);
      const logged = ['start', 'i=0 total=0', 'i=1 total=1', 'i=2 total=3', 'total 3'];
      expect(entries(frames).map((e) => e.message)).toEqual(logged);
      expect(frames.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
      const stored = (await admin.get<LogPage>(`/api/executions/${run.id}/logs`)).body.data;
      expect(stored.entries.map((e) => `${e.level} ${e.message}`)).toEqual(logged.map((m) => `INFO ${m}`));
    });

    it('evaluates watch expressions in the paused frame at each pause, read-only, and takes new ones with an action', async () => {
      const run = await Debuggee.start(server, admin, {
        breakpoints: [2],
        watches: ['a + b * 10', 'total', 'total = 99', 'addUp(1, 2)', 'nope'],
      });
      const values = (pause: PausedEvent) => pause.watches?.map((w) => w.value ?? w.error);
      const first = await run.nextPause();
      expect(first.watches?.[0]).toEqual({ expression: 'a + b * 10', type: 'N', value: '0', truncated: false });
      expect(values(first)).toEqual([
        '0',
        '0',
        expect.stringContaining('read-only'),
        expect.stringContaining('read-only'),
        expect.stringContaining('nope'),
      ]);
      await run.act('continue');
      expect(values(await run.nextPause())).toEqual([
        '10',
        '0',
        expect.stringContaining('read-only'),
        expect.stringContaining('read-only'),
        expect.stringContaining('nope'),
      ]);
      const reply = await admin.post(`/api/executions/${run.id}/debug`, {
        action: 'continue',
        watches: ['b * 100', 'i'],
      });
      expect(reply.status).toBe(200);
      expect(values(await run.nextPause())).toEqual(['200', '2']);
      // the refused assignment never ran: the result is unchanged
      const rest = await run.finish();
      expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
    });

    it('refuses malformed breakpoint objects and watches with 400', async () => {
      const bad: unknown[] = [
        { breakpoints: [{ line: 0 }] },
        { breakpoints: [{ line: 2, extra: 1 }] },
        { breakpoints: [{ condition: 'i > 1' }] },
        { breakpoints: [{ line: 2, condition: 5 }] },
        { breakpoints: [{ line: 2, hitCondition: 'often' }] },
        { breakpoints: [{ line: 2, logMessage: 'x'.repeat(1001) }] },
        { breakpoints: ['3'] },
        { breakpoints: [null] },
        { breakpoints: [2], watches: 'i' },
        { breakpoints: [2], watches: [1] },
        { breakpoints: [2], watches: Array.from({ length: 51 }, () => 'i') },
      ];
      for (const debug of bad) {
        const reply = await admin.post<unknown>('/api/execute-async', { program: '1', debug });
        expect([JSON.stringify(debug).slice(0, 80), reply.status, reply.body.error?.code]).toEqual([
          JSON.stringify(debug).slice(0, 80),
          400,
          'VALIDATION_FAILED',
        ]);
      }
      const mixed = await admin.post('/api/execute-async', {
        program: '1',
        debug: {
          breakpoints: [1, { line: 2, condition: 'true', hitCondition: '>=1', logMessage: '{1}' }],
          watches: [],
        },
      });
      expect(mixed.status).toBe(202);
      const run = await Debuggee.start(server, admin, { breakpoints: [6] });
      await run.nextPause();
      for (const body of [
        { action: 'continue', breakpoints: [{ line: 2, hitCondition: '%x' }] },
        { action: 'continue', watches: [{}] },
      ]) {
        expect((await admin.post(`/api/executions/${run.id}/debug`, body)).status).toBe(400);
      }
      await run.finish();
    });
  });

  describe('with short limits', () => {
    let limited: RunningServer;
    let client: ApiClient;

    beforeAll(async () => {
      limited = await startServer({ EXECUTION_TIMEOUT_MS: '2000', DEBUG_PAUSE_TIMEOUT_MS: '4000' });
      client = await new ApiClient(limited.baseUrl).login();
    });
    afterAll(() => limited.stop());

    it('holds the wall clock while paused', async () => {
      const run = await Debuggee.start(limited, client, { breakpoints: [9] });
      await run.nextPause();
      await new Promise((r) => setTimeout(r, 3000));
      const rest = await run.finish();
      expect(rest.at(-1)).toMatchObject({ event: 'done', data: { status: 'succeeded', result: 3 } });
    });

    it('ends a pause longer than DEBUG_PAUSE_TIMEOUT_MS as timed_out', async () => {
      const run = await Debuggee.start(limited, client, { breakpoints: [9] });
      await run.nextPause();
      const frames = await readUntil(run.stream);
      expect(frames.at(-1)).toMatchObject({
        event: 'done',
        data: {
          status: 'timed_out',
          error: { code: 'TIMED_OUT', message: expect.stringContaining('paused longer than 4000 ms') },
        },
      });
    });
  });
});
