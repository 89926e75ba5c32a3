import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import {
  ConflictDto,
  InspectorDto,
  InspectorListQuery,
  InspectorStatusDto,
} from './dto/inspector.dto';
import { InspectorsService } from './inspectors.service';

/** The inspector directory; bulk imports run through `jointcheck inspectors import`. */
@ApiTags('inspectors')
@ApiBearerAuth()
@Controller('inspectors')
export class InspectorsController {
  constructor(private readonly inspectors: InspectorsService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: InspectorListQuery) {
    return this.inspectors.list(query.department, principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.inspectors.get(id, principal);
  }

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: InspectorDto) {
    return this.inspectors.create(dto, principal);
  }

  @Put(':id')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InspectorDto,
  ) {
    return this.inspectors.update(id, dto, principal);
  }

  @Post(':id/status')
  @HttpCode(200)
  status(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: InspectorStatusDto,
  ) {
    return this.inspectors.changeStatus(id, dto, principal);
  }

  @Post(':id/conflicts')
  declareConflict(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ConflictDto,
  ) {
    return this.inspectors.declareConflict(id, dto, principal);
  }

  @Delete(':id/conflicts/:conflictId')
  @HttpCode(204)
  withdrawConflict(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('conflictId', ParseIntPipe) conflictId: number,
  ) {
    return this.inspectors.withdrawConflict(id, conflictId, principal);
  }
}
