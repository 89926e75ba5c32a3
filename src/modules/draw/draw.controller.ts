import { Body, Controller, Get, Param, ParseIntPipe, Post, UseFilters } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { DrawInputErrorFilter } from './draw-input.filter';
import { DrawService } from './draw.service';
import {
  AddExceptionDto,
  CommitDrawDto,
  DrawEntropyDto,
  MatchInspectorsDto,
  RequestReplacementDto,
} from './dto/draw.dto';

/**
 * Running a draw (随机抽取): commit, draw, match inspectors per department, replacements and
 * exceptions. There is no endpoint that edits a drawn list: after the reveal it is locked.
 */
@ApiTags('draws')
@ApiBearerAuth()
@UseFilters(DrawInputErrorFilter)
@Controller('draws')
export class DrawController {
  constructor(private readonly draws: DrawService) {}

  @Post()
  commit(@CurrentPrincipal() principal: Principal, @Body() dto: CommitDrawDto) {
    return this.draws.commit(dto, principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.draws.getDraw(id, principal);
  }

  @Post(':id/draw')
  draw(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: DrawEntropyDto,
  ) {
    return this.draws.draw(id, dto.entropy, principal);
  }

  @Post(':id/inspectors/:dept')
  matchInspectors(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('dept') dept: string,
    @Body() dto: MatchInspectorsDto,
  ) {
    return this.draws.matchInspectors(id, dept, dto, principal);
  }

  @Post(':id/replacements')
  requestReplacement(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: RequestReplacementDto,
  ) {
    return this.draws.requestReplacement(id, dto, principal);
  }

  @Post(':id/replacements/:rid/approve')
  approveReplacement(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('rid', new ParseIntPipe({ errorHttpStatusCode: 400 })) rid: number,
  ) {
    return this.draws.approveReplacement(id, rid, principal);
  }

  @Post(':id/exceptions')
  addException(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body() dto: AddExceptionDto,
  ) {
    return this.draws.addException(id, dto, principal);
  }

  @Post(':id/exceptions/:eid/approve')
  approveException(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Param('eid', new ParseIntPipe({ errorHttpStatusCode: 400 })) eid: number,
  ) {
    return this.draws.approveException(id, eid, principal);
  }
}
