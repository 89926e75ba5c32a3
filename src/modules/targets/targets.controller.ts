import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { TargetQueryDto } from './target-query.dto';
import { TargetsService } from './targets.service';

/** The target directory for officials; imports run through `jointcheck targets import`. */
@ApiTags('targets')
@ApiBearerAuth()
@Controller('targets')
export class TargetsController {
  constructor(private readonly targets: TargetsService) {}

  @Get()
  search(@CurrentPrincipal() principal: Principal, @Query() query: TargetQueryDto) {
    return this.targets.search(query, principal);
  }

  @Get(':code')
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.targets.get(code, principal);
  }
}
