import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import {
  CancelInstanceDto,
  CompleteTaskDto,
  InboxQuery,
  ListEscalationsQuery,
  ListIncidentsQuery,
  ListInstancesQuery,
  MoveDeadlinesDto,
  MyTasksQuery,
  ReassignTaskDto,
  ResolveEscalationDto,
  SendMessageDto,
  StartInstanceDto,
} from './dto/engine.dto';
import { EscalationsService } from './escalations.service';
import { InboxService } from './inbox.service';
import { IncidentsService } from './incidents.service';
import { InstancesService } from './instances.service';
import { TasksService } from './tasks.service';

/** Process instances (流程实例). Ids may contain `/` (call activities): URL-encode them. */
@ApiTags('instances')
@ApiBearerAuth()
@Controller('instances')
export class InstancesController {
  constructor(private readonly instances: InstancesService) {}

  @Post()
  start(@CurrentPrincipal() p: Principal, @Body() dto: StartInstanceDto) {
    return this.instances.start(p, dto);
  }

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListInstancesQuery) {
    return this.instances.list(p, q);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.instances.get(p, id);
  }

  @Post(':id/cancel')
  @HttpCode(202)
  async cancel(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: CancelInstanceDto,
  ) {
    await this.instances.cancel(p, id, dto.reason);
    return { accepted: true };
  }

  @Post(':id/messages')
  @HttpCode(202)
  async message(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: SendMessageDto,
  ) {
    await this.instances.sendMessage(p, id, dto);
    return { accepted: true };
  }

  @Post(':id/deadlines/move')
  @HttpCode(202)
  async moveDeadlines(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: MoveDeadlinesDto,
  ) {
    await this.instances.moveDeadlines(p, id, dto);
    return { accepted: true };
  }
}

/** User tasks (待办任务). Task ids contain `/`: URL-encode them (%2F). */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get('mine')
  mine(@CurrentPrincipal() p: Principal, @Query() q: MyTasksQuery) {
    return this.tasks.mine(p, q);
  }

  @Get(':id')
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tasks.get(p, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tasks.claim(p, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  unclaim(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.tasks.unclaim(p, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: CompleteTaskDto,
  ) {
    return this.tasks.complete(p, id, dto);
  }

  @Post(':id/reassign')
  @HttpCode(200)
  reassign(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: ReassignTaskDto,
  ) {
    return this.tasks.reassign(p, id, dto);
  }
}

/** Escalations (督办/通报). */
@ApiTags('escalations')
@ApiBearerAuth()
@Controller('escalations')
export class EscalationsController {
  constructor(private readonly escalations: EscalationsService) {}

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListEscalationsQuery) {
    return this.escalations.list(p, q.status);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  resolve(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() dto: ResolveEscalationDto,
  ) {
    return this.escalations.resolve(p, id, dto);
  }
}

/** Incidents (故障) of service tasks. */
@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: ListIncidentsQuery) {
    return this.incidents.list(p, q.status);
  }

  @Post(':id/retry')
  @HttpCode(202)
  async retry(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    await this.incidents.retry(p, id);
    return { accepted: true };
  }
}

/** The department's in-app inbox (站内消息). */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  list(@CurrentPrincipal() p: Principal, @Query() q: InboxQuery) {
    return this.inbox.list(p, q.unread);
  }

  @Post(':id/read')
  @HttpCode(200)
  read(@CurrentPrincipal() p: Principal, @Param('id') id: string) {
    return this.inbox.markRead(p, id);
  }
}
