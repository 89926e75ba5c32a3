import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { jsonBodyParser } from './common/body-parsers';
import { validationPipe } from './common/validation';
import { WellFormedTextPipe } from './common/well-formed-text.pipe';

/**
 * HTTP concerns shared by main and tests: request limits (src/common/request-limits.ts), text that
 * must be valid Unicode, validation and the OpenAPI document at /api/docs.
 */
export function configureHttp(app: INestApplication): void {
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
