import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { textBodyParser } from '../../common/body-parsers';
import { BPMN_MAX_BYTES } from './bpmn/limits';
import { ProcessDefinition } from './process-definition.entity';
import { ProcessDefinitionsController } from './process-definitions.controller';
import { ProcessDefinitionsService } from './process-definitions.service';
import { DomainDefinitions } from './domain-definitions';

/** BPMN XML media types accepted as a raw deploy body. */
export const XML_MEDIA_TYPES = ['application/xml', 'text/xml', 'application/bpmn+xml'];

@Module({
  imports: [TypeOrmModule.forFeature([ProcessDefinition])],
  controllers: [ProcessDefinitionsController],
  providers: [ProcessDefinitionsService, DomainDefinitions],
  exports: [ProcessDefinitionsService, DomainDefinitions],
})
export class ProcessDefinitionsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // Nest parses JSON and forms only; BPMN files arrive as XML text.
    consumer
      .apply(textBodyParser(XML_MEDIA_TYPES, BPMN_MAX_BYTES, 'BPMN XML'))
      .forRoutes({ path: 'definitions', method: RequestMethod.POST });
  }
}
