import {
  Body,
  Controller,
  Get,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseFilters,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { DrawInputErrorFilter } from '../draw/draw-input.filter';
import {
  BulkFormsDto,
  CommitDto,
  ConfirmationDto,
  DeclineReviewDto,
  EntropyDto,
  FollowUpDecisionDto,
  FormDto,
  MatchDto,
  PenaltyInfoDto,
  RectificationDto,
  SchemeDto,
  StartInspectionDto,
} from './dto/inspection.dto';
import { FollowUps } from './follow-ups.service';
import { InspectionForms } from './inspection-forms.service';
import { InspectionSteps } from './inspection-steps.service';
import { InspectionService } from './inspection.service';

const Id = () => Param('id', ParseUUIDPipe);

/**
 * A joint inspection task (联合抽查任务) step by step. Each department acts for itself; the
 * workflow behind each step re-checks who may act and what is open.
 */
@ApiTags('inspections')
@ApiBearerAuth()
@UseFilters(DrawInputErrorFilter)
@Controller('inspections')
export class InspectionController {
  constructor(
    private readonly inspections: InspectionService,
    private readonly steps: InspectionSteps,
    private readonly forms: InspectionForms,
    private readonly followUps: FollowUps,
  ) {}

  @Post()
  start(@CurrentPrincipal() p: Principal, @Body() dto: StartInspectionDto) {
    return this.inspections.start(dto, p);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal) {
    return this.inspections.list(p);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.inspections.view(id, p);
  }

  @Get(':id/targets')
  targets(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.inspections.targets(id, p);
  }

  @Post(':id/scheme')
  scheme(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: SchemeDto) {
    return this.steps.scheme(id, dto, p);
  }

  @Post(':id/confirmation')
  confirm(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: ConfirmationDto) {
    return this.steps.confirm(id, dto, p);
  }

  @Post(':id/confirmations/:dept/review')
  review(
    @CurrentPrincipal() p: Principal,
    @Id() id: string,
    @Param('dept') dept: string,
    @Body() dto: DeclineReviewDto,
  ) {
    return this.steps.reviewDecline(id, dept, dto, p);
  }

  @Post(':id/draw/commit')
  commit(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: CommitDto) {
    return this.steps.commitDraw(id, dto, p);
  }

  @Post(':id/draw')
  draw(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: EntropyDto) {
    return this.steps.draw(id, dto, p);
  }

  @Post(':id/inspectors')
  match(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: MatchDto) {
    return this.steps.matchInspectors(id, dto, p);
  }

  @Put(':id/targets/:code/form')
  form(
    @CurrentPrincipal() p: Principal,
    @Id() id: string,
    @Param('code') code: string,
    @Body() dto: FormDto,
  ) {
    return this.forms.submit(id, code, p.departmentCode, dto, p);
  }

  @Post(':id/forms')
  bulkForms(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: BulkFormsDto) {
    return this.forms.submitMany(id, p.departmentCode, dto.forms, p);
  }

  @Get(':id/forms')
  listForms(
    @CurrentPrincipal() p: Principal,
    @Id() id: string,
    @Query('department') department?: string,
  ) {
    return this.forms.list(id, department ?? (p.isOffice ? undefined : p.departmentCode), p);
  }

  @Post(':id/publication')
  publish(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.steps.publish(id, p);
  }

  @Get(':id/follow-ups')
  listFollowUps(@CurrentPrincipal() p: Principal, @Id() id: string) {
    return this.followUps.list(id, p);
  }
}

@ApiTags('inspections')
@ApiBearerAuth()
@Controller('follow-ups')
export class FollowUpsController {
  constructor(private readonly followUps: FollowUps) {}

  @Post(':id/decision')
  decide(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: FollowUpDecisionDto) {
    return this.followUps.decide(id, dto, p);
  }

  @Post(':id/penalty-info')
  penalty(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: PenaltyInfoDto) {
    return this.followUps.publishPenalty(id, dto, p);
  }

  @Post(':id/rectification')
  rectification(@CurrentPrincipal() p: Principal, @Id() id: string, @Body() dto: RectificationDto) {
    return this.followUps.verifyRectification(id, dto, p);
  }
}
