import { ChariotError, runChariot } from '../index';
import type { DebugOptions, DebugResume, PauseEvent } from '../index';

/** Runs `src` under the debugger, answering the pauses with `actions` in order (then continue). */
function debug(src: string, options: DebugOptions, actions: DebugResume[] = []) {
  const pauses: PauseEvent[] = [];
  const queue = [...actions];
  const result = runChariot(src, {
    debug: options,
    host: {
      pause: (event) => {
        pauses.push(event);
        return queue.shift() ?? 'continue';
      },
    },
  });
  return { pauses, value: result.value, at: pauses.map((p) => [p.line, p.depth]) };
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
    expect(pauses.map((p) => vars(p).find((v) => v.startsWith('program:i=')))).toEqual(['program:i=0', 'program:i=1', 'program:i=2']);
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
    const { at, pauses } = debug(PROGRAM, { breakpoints: [5] }, [{ action: 'continue', breakpoints: [3, 9] }, { action: 'continue', breakpoints: [] }]);
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
    const { pauses } = debug("declareGlobal(g, 'N', 1)\nlet x = 1\nlet f = func(x) {\n  x\n}\nf(2)", { breakpoints: [4] });
    expect(vars(pauses[0])).toEqual(['local:x=2', 'program:f=func(x)', 'global:g=1']);
  });

  it('runs without pausing and without checks when not debugging', () => {
    const pause = jest.fn(() => 'continue' as const);
    expect(runChariot(PROGRAM, { host: { pause } }).value).toBe(7);
    expect(pause).not.toHaveBeenCalled();
  });

  it('keeps counting steps while debugging', () => {
    expect(() => runChariot('let i = 0\nwhile (true) { i = i + 1 }', { debug: { breakpoints: [] }, limits: { maxSteps: 1000 } })).toThrow(
      expect.objectContaining({ code: 'STEP_LIMIT' }) as ChariotError,
    );
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
});
