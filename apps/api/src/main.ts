import { Logger } from 'nestjs-pino';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { json } from 'express';
import {
  bodyParserErrors,
  EnvelopeExceptionFilter,
  limitJsonDepth,
  presetRequestShapes,
  QueryValidationPipe,
  securityHeaders,
} from '@chariot/api-common';
import { AppConfig } from '@chariot/api-config';
import { AppModule } from './app.module';

async function bootstrap(): Promise<void> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bodyParser: false,
    bufferLogs: true,
    // Open SSE streams would otherwise hold a graceful shutdown forever.
    forceCloseConnections: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get(AppConfig);
  // Who the client is (request.ip, for the per-address limits) when a proxy stands in front.
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  // Requests and responses held by open log streams share their hidden classes (request-shapes.ts).
  presetRequestShapes(app.getHttpServer());
  app.use(securityHeaders());
  app.use(cookieParser());
  // A little above the program limit, so an oversize program gets a clear 413 instead of a 400;
  // nesting is checked on the raw bytes before parsing (validation recurses once per level).
  app.use(
    json({ limit: config.MAX_PROGRAM_BYTES + 64 * 1024, verify: limitJsonDepth(config.MAX_JSON_DEPTH) }),
    bodyParserErrors,
  );
  app.setGlobalPrefix('api', { exclude: ['login', 'logout'] });
  app.useGlobalPipes(new QueryValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new EnvelopeExceptionFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Chariot API')
      .setDescription('Run Chariot scripts and stream their logs live over Server-Sent Events.')
      .setVersion('1.0')
      .addBearerAuth()
      .addCookieAuth('chariot_token')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.listen(config.PORT, config.HOST);
  // Longer than any client's or proxy's idle timeout, so a reused connection is never closed
  // by us at the moment a request is sent on it.
  app.getHttpServer().keepAliveTimeout = 65_000;
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  logger.log(`Chariot listening on http://localhost:${port} (API docs at /api/docs)`, 'Bootstrap');
}

void bootstrap();
