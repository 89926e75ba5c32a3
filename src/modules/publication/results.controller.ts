import { Body, Controller, Param, ParseIntPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { CorrectionDto, WithdrawalDto } from './dto/publication.dto';
import { PublicationService } from './publication.service';

/**
 * Corrections and withdrawals of published entries, by the department that published them.
 * Publishing itself is a step of the task: POST /inspections/:id/publication.
 */
@ApiTags('publication')
@ApiBearerAuth()
@Controller('results')
export class ResultsController {
  constructor(private readonly publication: PublicationService) {}

  @Post(':entryId/correction')
  correct(
    @CurrentPrincipal() principal: Principal,
    @Param('entryId', ParseIntPipe) entryId: number,
    @Body() dto: CorrectionDto,
  ) {
    return this.publication.correct(entryId, dto, principal);
  }

  @Post(':entryId/withdrawal')
  withdraw(
    @CurrentPrincipal() principal: Principal,
    @Param('entryId', ParseIntPipe) entryId: number,
    @Body() dto: WithdrawalDto,
  ) {
    return this.publication.withdraw(entryId, dto, principal);
  }
}
