import { prettyFactory } from 'pino-pretty';
import { loadConfig } from './app-config';
import { loggerOptions, TERMINAL_LOG_FORMAT } from './logger-options';

describe('loggerOptions', () => {
  const config = loadConfig({});

  it('writes JSON lines when stdout is not a terminal', () => {
    const { pinoHttp } = loggerOptions(config, false);
    expect(Array.isArray(pinoHttp)).toBe(false);
    expect(pinoHttp).toMatchObject({ level: 'info' });
  });

  it('formats lines for a person when stdout is a terminal, with the same options', () => {
    const { pinoHttp } = loggerOptions(config, true);
    expect(Array.isArray(pinoHttp)).toBe(true);
    const [options, stream] = pinoHttp as [object, NodeJS.WritableStream];
    expect(options).toMatchObject({ level: 'info', redact: { censor: '[redacted]' } });
    expect(typeof stream.write).toBe('function');
  });

  it('shows the level and message of a line rather than its JSON', () => {
    const line = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 0, 1),
      pid: 7,
      hostname: 'h',
      context: 'Bootstrap',
      msg: 'Chariot listening',
    });
    const text = prettyFactory({ ...TERMINAL_LOG_FORMAT, colorize: false })(line);
    expect(text).toContain('INFO');
    expect(text).toContain('[Bootstrap] Chariot listening');
    expect(text).not.toContain('"msg"');
    expect(text).not.toContain('hostname');
  });
});
