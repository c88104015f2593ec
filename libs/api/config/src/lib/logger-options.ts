import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { build as prettyStream, type PrettyOptions } from 'pino-pretty';
import { AppConfig } from './app-config';

/** How a log line looks on a terminal: local time, level, context and message, in colour. */
export const TERMINAL_LOG_FORMAT: PrettyOptions = {
  colorize: true,
  translateTime: 'SYS:HH:MM:ss.l',
  messageFormat: '{if context}[{context}] {end}{msg}',
  ignore: 'pid,hostname,context',
};

/**
 * Logs (pino) for every request and every module logger: one JSON object a line for log
 * collectors, or coloured lines a person can read when stdout is a terminal. Credentials never
 * reach the log: authorization and cookie headers are censored, and bodies are not logged.
 */
export function loggerOptions(config: AppConfig, terminal = process.stdout.isTTY === true): Params {
  const options = {
    // Express 5 route syntax; the default '*' draws a deprecation warning at every start.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    // A log stream may stay open for hours: a request logger of its own (a child logger with
    // bound level methods, its listeners) would cost each open stream more than the stream
    // itself. Streams are counted in the metrics instead.
    exclude: [{ path: 'logs/{*path}', method: RequestMethod.GET }],
    pinoHttp: {
      level: config.LOG_LEVEL === 'verbose' ? 'trace' : config.LOG_LEVEL,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' || req.url === '/api/metrics' },
      customProps: (req: IncomingMessage) => {
        const user = (req as IncomingMessage & { user?: { username: string } }).user;
        return user ? { user: user.username } : {};
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  } satisfies Params;
  if (!terminal) return options;
  // Formatted in this thread (not a pino transport's worker): the bundled server then needs no
  // transport module resolved at run time, and a terminal is never the bottleneck of a server.
  return { ...options, pinoHttp: [options.pinoHttp, prettyStream(TERMINAL_LOG_FORMAT)] };
}
