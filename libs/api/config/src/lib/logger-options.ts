import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from './app-config';

/**
 * Structured JSON logs (pino) for every request and every module logger. Credentials never
 * reach the log: authorization and cookie headers are censored, and bodies are not logged.
 */
export function loggerOptions(config: AppConfig): Params {
  return {
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
  };
}
