import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { validationPipe } from './common/validation';

/** HTTP concerns shared by main and tests: validation and the OpenAPI document at /api/docs. */
export function configureHttp(app: INestApplication): void {
  // BPMN definitions and schedules arrive as JSON strings; 100 kB (the default) is too small.
  (app as NestExpressApplication).useBodyParser('json', { limit: '10mb' });
  app.useGlobalPipes(validationPipe());
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
