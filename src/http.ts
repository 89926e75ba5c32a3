import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonBodyParser } from './common/body-parsers';
import { validationPipe } from './common/validation';
import { WellFormedTextPipe } from './common/well-formed-text.pipe';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { securityHeaders } from './security-headers';

/**
 * HTTP concerns shared by main and tests: security headers (helmet), request limits
 * (src/common/request-limits.ts), text that must be valid Unicode, validation and the OpenAPI
 * document at /api/docs.
 */
export function configureHttp(app: INestApplication): void {
  (app as NestExpressApplication).disable('x-powered-by');
  const https = (app.get<AppConfig>(APP_CONFIG).publicBaseUrl ?? '').startsWith('https://');
  for (const handler of securityHeaders({ https })) app.use(handler);
  // BPMN definitions and schedules arrive as JSON strings: 4 MB, nesting at most 64 levels.
  app.use(jsonBodyParser());
  app.useGlobalPipes(new WellFormedTextPipe(), validationPipe());
  const doc = new DocumentBuilder()
    .setTitle('jointcheck')
    .setDescription('部门联合“双随机、一公开”监管 — joint double-random, one-public inspections')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, doc), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
}
