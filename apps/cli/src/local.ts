import { readFileSync } from 'node:fs';
import { ChariotError, ChariotHost, runChariot } from '@chariot/language';
import { CliOptions } from './args';

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Host hooks for local runs: logs to stderr/stdout as they happen, real blocking sleep. */
export function localHost(write: (line: string) => void): Partial<ChariotHost> {
  return {
    log: (level, message) => write(`${new Date().toISOString()} ${level.padEnd(5)} ${message}`),
    progress: (percent, message) => write(`${new Date().toISOString()} PROGRESS ${percent}%${message ? ' ' + message : ''}`),
    sleep: (ms) => {
      if (ms > 0) Atomics.wait(sleepCell, 0, 0, ms);
    },
    getEnv: (name) => (name.startsWith('CHARIOT_') ? process.env[name] : undefined),
  };
}

function readStdin(): string {
  return readFileSync(0, 'utf8');
}

export function evalCommand(o: CliOptions): number {
  const source = readStdin();
  const limits = o.maxSteps ? { maxSteps: o.maxSteps } : undefined;
  if (o.json) {
    try {
      const r = runChariot(source, { limits, host: localHost(() => undefined) });
      process.stdout.write(JSON.stringify({ ok: true, value: r.value, ...(r.exitCode !== undefined ? { exitCode: r.exitCode } : {}) }) + '\n');
      return 0;
    } catch (e) {
      process.stdout.write(JSON.stringify({ ok: false, error: describeError(e), ...(e instanceof ChariotError ? { detail: e.toJSON() } : {}) }) + '\n');
      return 1;
    }
  }
  return execute(source, o);
}

export function runLocalCommand(o: CliOptions): number {
  const source = readFileSync(o.file as string, 'utf8');
  return execute(source, o);
}

function execute(source: string, o: CliOptions): number {
  const limits = o.maxSteps ? { maxSteps: o.maxSteps } : undefined;
  const write = (line: string) => process.stderr.write(line + '\n');
  try {
    const r = runChariot(source, { limits, host: localHost(o.quiet ? () => undefined : write) });
    process.stdout.write(JSON.stringify(r.value) + '\n');
    return r.exitCode ?? 0;
  } catch (e) {
    process.stderr.write(`error: ${describeError(e)}\n`);
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
