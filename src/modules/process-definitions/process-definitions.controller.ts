import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { ListDefinitionsQuery } from './dto';
import { ProcessDefinitionsService } from './process-definitions.service';

/** Reads the XML from a raw XML body (text parser) or from JSON `{ "xml": "..." }`. */
function xmlOf(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body && typeof body === 'object') {
    const keys = Object.keys(body);
    const xml = (body as { xml?: unknown }).xml;
    if (typeof xml === 'string' && keys.length === 1) return xml;
    if (keys.length > 0) {
      throw new BadRequestException(
        `JSON 请求体只接受一个字段 xml（字符串），收到字段：${keys.join(', ')}`,
      );
    }
  }
  throw new BadRequestException(
    '请求体应为 BPMN XML（Content-Type: application/xml 或 text/xml），或 JSON {"xml": "..."}',
  );
}

@ApiTags('definitions')
@ApiBearerAuth()
@Controller('definitions')
export class ProcessDefinitionsController {
  constructor(private readonly definitions: ProcessDefinitionsService) {}

  /** Deploys a BPMN file: 201 with the new version, or 200 when identical to the latest. */
  @Post()
  @ApiConsumes('application/xml', 'text/xml', 'application/json')
  async deploy(
    @CurrentPrincipal() principal: Principal,
    @Body() body: unknown,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.definitions.deploy(xmlOf(body), principal);
    res.status(result.created ? 201 : 200);
    return result;
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListDefinitionsQuery) {
    return this.definitions.list(principal, query.key);
  }

  @Get('by-id/:id')
  byId(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.definitions.getById(principal, id);
  }

  @Get(':key')
  latest(@CurrentPrincipal() principal: Principal, @Param('key') key: string) {
    return this.definitions.latest(principal, key);
  }

  @Get(':key/versions/:version')
  version(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    return this.definitions.byVersion(principal, key, version);
  }

  @Get(':key/versions/:version/xml')
  @HttpCode(200)
  @Header('Content-Type', 'application/xml; charset=utf-8')
  async xml(
    @CurrentPrincipal() principal: Principal,
    @Param('key') key: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<string> {
    return (await this.definitions.byVersion(principal, key, version)).xml;
  }
}
