import { ChariotError, runChariot, startChariot } from '../index';
import type { DebugOptions, DebugResume, PauseEvent } from '../index';

/** Runs `src` under the debugger, answering the pauses with `actions` in order (then continue). */
function debug(src: string, options: DebugOptions, actions: DebugResume[] = []) {
  const pauses: PauseEvent[] = [];
  const logged: string[] = [];
  const queue = [...actions];
  const result = runChariot(src, {
    debug: options,
    host: {
      log: (level, message) => void logged.push(`${level} ${message}`),
      pause: (event) => {
        pauses.push(event);
        return queue.shift() ?? 'continue';
      },
    },
  });
  return { pauses, logged, value: result.value, at: pauses.map((p) => [p.line, p.depth]) };
}

const vars = (p: PauseEvent) => p.variables.map((v) => `${v.scope}:${v.name}=${v.value}`);

const PROGRAM = [
  'let f = func(x) {', // 1
  '  let y = x * 2', // 2
  '  y + 1', // 3
  '}', // 4
  'let i = 0', // 5
  'while (i < 3) {', // 6
  '  i = i + 1', // 7
  '}', // 8
  'let r = f(i); let q = 2', // 9
  'r', // 10
].join('\n');

describe('the debugger', () => {
  it('pauses at a breakpoint inside a function with the local and program variables, depth 1', () => {
    const { pauses, value } = debug(PROGRAM, { breakpoints: [3] });
    expect(value).toBe(7);
    expect(pauses).toHaveLength(1);
    expect(pauses[0]).toMatchObject({ line: 3, column: 3, depth: 1 });
    expect(vars(pauses[0])).toEqual(['local:x=3', 'local:y=6', 'program:f=func(x)', 'program:i=3']);
  });

  it('pauses on a loop body line at every iteration, the counter advanced', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [7] });
    expect(pauses.map((p) => vars(p).find((v) => v.startsWith('program:i=')))).toEqual([
      'program:i=0',
      'program:i=1',
      'program:i=2',
    ]);
  });

  it('pauses once per pass on a line with several statements', () => {
    expect(debug('let a = 1; let b = 2; let c = 3\nc', { breakpoints: [1] }).at).toEqual([[1, 0]]);
    expect(debug('let i = 0\nwhile (i < 2) { i = i + 1; i = i + 0 }', { breakpoints: [2] }).at).toEqual([
      [2, 0],
      [2, 0],
      [2, 0],
    ]);
  });

  it('takes the breakpoints the user set or cleared while paused from the next statement on', () => {
    const { at, pauses } = debug(PROGRAM, { breakpoints: [5] }, [
      { action: 'continue', breakpoints: [3, 9] },
      { action: 'continue', breakpoints: [] },
    ]);
    expect(at).toEqual([
      [5, 0],
      [9, 0],
    ]);
    expect(pauses).toHaveLength(2); // line 3 (inside f, called from line 9) no longer holds a breakpoint
    expect(debug(PROGRAM, { breakpoints: [5] }, [{ action: 'continue', breakpoints: [3] }]).at).toEqual([
      [5, 0],
      [3, 1],
    ]);
  });

  it('stops on entry at the first statement', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [], stopOnEntry: true });
    expect(pauses.map((p) => [p.line, p.column, p.depth])).toEqual([[1, 1, 0]]);
  });

  it('steps into a called function, back out to the rest of the calling line, then to the next line', () => {
    expect(debug(PROGRAM, { breakpoints: [9] }, ['step', 'step', 'step', 'step']).at).toEqual([
      [9, 0],
      [2, 1],
      [3, 1],
      [9, 0],
      [10, 0],
    ]);
  });

  it('steps over a call to the next line at the same depth', () => {
    expect(debug(PROGRAM, { breakpoints: [9] }, ['step_over', 'step_over']).at).toEqual([
      [9, 0],
      [10, 0],
    ]);
  });

  it('steps over a line to the next one, the while line once', () => {
    expect(debug(PROGRAM, { breakpoints: [5] }, ['step_over', 'step_over']).at).toEqual([
      [5, 0],
      [6, 0],
      [7, 0],
    ]);
  });

  it('steps out of a function to the statement after the call', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [2] }, ['step_out']);
    expect(pauses.map((p) => [p.line, p.column, p.depth])).toEqual([
      [2, 3, 1],
      [9, 15, 0],
    ]);
  });

  it('still stops at a breakpoint met while stepping over', () => {
    expect(debug(PROGRAM, { breakpoints: [9, 3] }, ['step_over']).at).toEqual([
      [9, 0],
      [3, 1],
    ]);
  });

  it('shows a shadowed name once, the innermost, and leaves the predefined constants out', () => {
    const { pauses } = debug("declareGlobal(g, 'N', 1)\nlet x = 1\nlet f = func(x) {\n  x\n}\nf(2)", {
      breakpoints: [4],
    });
    expect(vars(pauses[0])).toEqual(['local:x=2', 'program:f=func(x)', 'global:g=1']);
  });

  it('runs without pausing and without checks when not debugging', () => {
    const pause = jest.fn(() => 'continue' as const);
    expect(runChariot(PROGRAM, { host: { pause } }).value).toBe(7);
    expect(pause).not.toHaveBeenCalled();
  });

  it('keeps counting steps while debugging', () => {
    expect(() =>
      runChariot('let i = 0\nwhile (true) { i = i + 1 }', { debug: { breakpoints: [] }, limits: { maxSteps: 1000 } }),
    ).toThrow(expect.objectContaining({ code: 'STEP_LIMIT' }) as ChariotError);
  });

  it('holds the wall clock while paused', () => {
    let now = 0;
    const host = {
      now: () => now,
      pause: () => {
        now += 10_000;
        return 'continue' as const;
      },
    };
    const src = 'let i = 0\nwhile (i < 3000) {\n  i = i + 1\n}\ni';
    expect(runChariot(src, { host, debug: { breakpoints: [3] }, limits: { maxWallTimeMs: 5000 } }).value).toBe(3000);
  });

  it('reports the call stack innermost first, each frame with its own variables and the line it runs', () => {
    const src = [
      'let g = func(a) {',
      '  a * 10',
      '}',
      'let f = func(x) {',
      '  let y = g(x + 1)',
      '  y',
      '}',
      'f(1)',
    ].join('\n');
    const { pauses } = debug(src, { breakpoints: [2] });
    expect(pauses[0].frames.map((f) => [f.name, f.line, f.depth])).toEqual([
      ['g', 2, 2],
      ['f', 5, 1],
      ['main', 8, 0],
    ]);
    const local = (i: number) =>
      pauses[0].frames[i].variables.filter((v) => v.scope === 'local').map((v) => `${v.name}=${v.value}`);
    expect([local(0), local(1), local(2)]).toEqual([['a=2'], ['x=1'], []]);
    expect(pauses[0].variables).toEqual(pauses[0].frames[0].variables);
  });

  it('names a frame after the call that made it, also for a second call from the same statement', () => {
    const src = ['let a = func() {', '  1', '}', 'let b = func() {', '  2', '}', 'let s = a() + b()'].join('\n');
    const { pauses } = debug(src, { breakpoints: [2, 5] });
    expect(pauses.map((p) => p.frames.map((f) => f.name))).toEqual([
      ['a', 'main'],
      ['b', 'main'],
    ]);
  });

  it('evaluates watch expressions in the paused frame at each pause, a failing one beside the others', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [7], watches: ['i * 100', 'nope + 1', 'string(i) + "!"'] });
    expect(pauses.map((p) => p.watches.map((w) => w.value ?? w.error))).toEqual([
      ['0', expect.stringContaining('nope'), '0!'],
      ['100', expect.stringContaining('nope'), '1!'],
      ['200', expect.stringContaining('nope'), '2!'],
    ]);
    expect(pauses[0].watches[0]).toMatchObject({ expression: 'i * 100', type: 'N', truncated: false });
    const inF = debug(PROGRAM, { breakpoints: [3], watches: ['x + y'] }).pauses;
    expect(inF[0].watches[0].value).toBe('9');
  });

  it('takes the watches the user changed while paused from the next pause on', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [7], watches: ['i'] }, [
      { action: 'continue', watches: ['i + 1000'] },
    ]);
    expect(pauses.map((p) => p.watches.map((w) => w.value))).toEqual([['0'], ['1001'], ['1002']]);
  });

  it('refuses watches that could change the run, which goes on unchanged', () => {
    const src = 'let a = [1, 2]\nlet i = 0\ni';
    const writers = [
      'i = 5',
      'setAt(a, 0, 9)',
      'logPrint("x")',
      'func() { 1 }',
      'while (true) { 1 }',
      'f(1)',
      'sleep(10)',
    ];
    const { pauses, value, logged } = debug(src, { breakpoints: [3], watches: [...writers, 'a'] });
    const results = pauses[0].watches;
    expect(results.slice(0, writers.length).every((w) => w.error?.includes('read-only'))).toBe(true);
    expect(results[writers.length].value).toBe('[1, 2]');
    expect(value).toBe(0);
    expect(logged).toEqual([]);
  });

  it('meters a watch: one that computes too long fails alone', () => {
    const { pauses, value } = debug('let n = 1\nn', {
      breakpoints: [2],
      watches: ['length(range(1, 100000000))', 'n'],
    });
    expect(pauses[0].watches.map((w) => w.error ?? w.value)).toEqual([expect.stringMatching(/limit/), '1']);
    expect(value).toBe(1);
  });

  it('pauses at a conditional breakpoint only where its condition is truthy', () => {
    const { pauses } = debug(PROGRAM, { breakpoints: [{ line: 7, condition: 'i == 1' }] });
    expect(pauses.map((p) => p.variables.find((v) => v.name === 'i')?.value)).toEqual(['1']);
  });

  it('pauses at a breakpoint whose condition fails, and says why in the log', () => {
    const { pauses, logged } = debug(PROGRAM, { breakpoints: [{ line: 5, condition: 'missing > 1' }] });
    expect(pauses.map((p) => p.line)).toEqual([5]);
    expect(logged).toEqual([expect.stringMatching(/^WARN breakpoint condition on line 5 .*missing/)]);
  });

  it('takes only the hits a hit condition names: the Nth, from the Nth, every Nth, counted where the condition holds', () => {
    const loop = 'let i = 0\nwhile (i < 10) {\n  i = i + 1\n}';
    const iAt = (bp: DebugOptions['breakpoints'][number]) =>
      debug(loop, { breakpoints: [bp] }).pauses.map((p) => Number(p.variables.find((v) => v.name === 'i')?.value));
    expect(iAt({ line: 3, hitCondition: '3' })).toEqual([2]);
    expect(iAt({ line: 3, hitCondition: '>=8' })).toEqual([7, 8, 9]);
    expect(iAt({ line: 3, hitCondition: '%4' })).toEqual([3, 7]);
    expect(iAt({ line: 3, condition: 'i % 2 == 1', hitCondition: '2' })).toEqual([3]);
  });

  it("keeps a breakpoint's hit count when the user re-sends it unchanged while paused", () => {
    const loop = 'let i = 0\nwhile (i < 10) {\n  i = i + 1\n}';
    const bp = { line: 3, hitCondition: '%3' };
    const { pauses } = debug(loop, { breakpoints: [bp] }, [{ action: 'continue', breakpoints: [bp] }]);
    expect(pauses.map((p) => p.variables.find((v) => v.name === 'i')?.value)).toEqual(['2', '5', '8']);
  });

  it("logs a logpoint's message with its {expressions} interpolated instead of pausing, once per pass", () => {
    const src = 'let i = 0\nwhile (i < 3) {\n  i = i + 1; let j = i * 2\n}\ni';
    const { pauses, logged, value } = debug(src, {
      breakpoints: [{ line: 3, logMessage: 'i is {i}, {{literal}}, {nope}' }],
    });
    expect(pauses).toEqual([]);
    expect(value).toBe(3);
    expect(logged).toEqual([
      "INFO i is 0, {literal}, <error: variable 'nope' not defined>",
      "INFO i is 1, {literal}, <error: variable 'nope' not defined>",
      "INFO i is 2, {literal}, <error: variable 'nope' not defined>",
    ]);
  });

  it("runs a logpoint's hit condition and condition like a breakpoint's", () => {
    const src = 'let i = 0\nwhile (i < 6) {\n  i = i + 1\n}';
    const { logged } = debug(src, {
      breakpoints: [{ line: 3, condition: 'i > 1', hitCondition: '%2', logMessage: 'at {i}' }],
    });
    expect(logged).toEqual(['INFO at 3', 'INFO at 5']);
  });

  it("under the suspending driver, waits for a logpoint's full log pipe and reports frames and watches at an awaited pause", async () => {
    const logged: string[] = [];
    const pauses: PauseEvent[] = [];
    const src = 'let f = func(n) {\n  n + 1\n}\nlet i = 0\nwhile (i < 3) {\n  i = f(i)\n}\ni';
    const task = startChariot(src, {
      debug: {
        breakpoints: [
          { line: 6, logMessage: 'i={i}' },
          { line: 2, condition: 'n == 2' },
        ],
        watches: ['n * 10'],
      },
      host: {
        log: (_level, message) =>
          new Promise<void>((resolve) => setTimeout(() => resolve(void logged.push(message)), 1)),
        pause: (event) => {
          pauses.push(event);
          return new Promise((resolve) => setTimeout(() => resolve('continue'), 1));
        },
      },
    });
    expect((await task.result).value).toBe(3);
    expect(logged).toEqual(['i=0', 'i=1', 'i=2']);
    expect(pauses.map((p) => [p.frames.map((f) => `${f.name}:${f.line}`), p.watches[0].value])).toEqual([
      [['f:2', 'main:6'], '20'],
    ]);
  });
});
