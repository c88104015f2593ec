import { readFileSync } from 'node:fs';
import { ChariotError, ChariotHost, startChariot } from '@chariot/language';
import { CliOptions } from './args';
import { forTerminal } from './terminal-text';

/**
 * Host hooks for local runs: logs to stderr as they happen, control characters escaped; sleep
 * is a timer the run suspends on (the server's engine: startChariot), so nothing blocks the process.
 */
export function localHost(write: (line: string) => void): Partial<ChariotHost> {
  return {
    log: (level, message) => write(`${new Date().toISOString()} ${level.padEnd(5)} ${forTerminal(message)}`),
    progress: (percent, message) =>
      write(`${new Date().toISOString()} PROGRESS ${percent}%${message ? ' ' + forTerminal(message) : ''}`),
    sleep: (ms) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : undefined),
    getEnv: (name) => (name.startsWith('CHARIOT_') ? process.env[name] : undefined),
  };
}

/** Yields between time slices without the 1 ms floor of a zero timer. */
const yieldSlice = () => new Promise<void>((resolve) => setImmediate(resolve));

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export async function evalCommand(o: CliOptions): Promise<number> {
  const source = readStdin();
  const limits = o.maxSteps ? { maxSteps: o.maxSteps } : undefined;
  if (o.json) {
    try {
      const r = await startChariot(source, { limits, host: localHost(() => undefined), yieldSlice }).result;
      process.stdout.write(
        JSON.stringify({ ok: true, value: r.value, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}) }) +
          '\n',
      );
      return 0;
    } catch (e) {
      process.stdout.write(
        JSON.stringify({
          ok: false,
          error: describeError(e),
          ...(e instanceof ChariotError ? { detail: e.toJSON() } : {}),
        }) + '\n',
      );
      return 1;
    }
  }
  return execute(source, o);
}

export function runLocalCommand(o: CliOptions): Promise<number> {
  const source = readFileSync(o.file as string, 'utf8');
  return execute(source, o);
}

async function execute(source: string, o: CliOptions): Promise<number> {
  const limits = o.maxSteps ? { maxSteps: o.maxSteps } : undefined;
  const write = (line: string) => process.stderr.write(line + '\n');
  try {
    const r = await startChariot(source, { limits, host: localHost(o.quiet ? () => undefined : write), yieldSlice })
      .result;
    process.stdout.write(JSON.stringify(r.value) + '\n');
    return r.exitCode ?? 0;
  } catch (e) {
    process.stderr.write(`error: ${forTerminal(describeError(e))}\n`);
    return 1;
  }
}

export function describeError(e: unknown): string {
  if (e instanceof ChariotError) {
    const where = e.line ? ` at line ${e.line}, column ${e.column}` : '';
    const fn = e.functionName ? ` in ${e.functionName}` : '';
    return `${e.message}${where}${fn}`;
  }
  return e instanceof Error ? e.message : String(e);
}
