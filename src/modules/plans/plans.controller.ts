import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { AdjustPlanDto, CreatePlanDto, TaskDto } from './plan.dto';
import { PlansService } from './plans.service';

/** Annual plans for officials; the public reads /public/plans. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query('year') year?: string) {
    return this.plans.list(year ? Number(year) : undefined, principal);
  }

  @Get('coverage/:year')
  coverage(@Param('year', new ParseIntPipe({ errorHttpStatusCode: 400 })) year: number) {
    if (year < 2000 || year > 2100) throw new BadRequestException('year 应为 2000–2100 之间的年份');
    return this.plans.jointCoverage(year);
  }

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreatePlanDto) {
    return this.plans.create(dto, principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.get(id, principal);
  }

  @Post(':id/tasks')
  addTask(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: TaskDto,
  ) {
    return this.plans.addTask(id, dto, principal);
  }

  @Delete(':id/tasks/:taskKey')
  @HttpCode(204)
  removeTask(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('taskKey') taskKey: string,
  ) {
    return this.plans.removeTask(id, taskKey, principal);
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.publish(id, principal);
  }

  @Post(':id/adjustments')
  adjust(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: AdjustPlanDto,
  ) {
    return this.plans.adjust(id, dto, principal);
  }
}
