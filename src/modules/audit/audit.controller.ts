import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { requireOffice } from '../auth/access';
import { AlsoAdmin, CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { AuditService } from './audit.service';

class AuditQuery {
  @IsOptional() @IsString() entityType?: string;
  @IsOptional() @IsString() entityId?: string;
  @IsOptional() @IsString() action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

/** The audit log, readable by the joint-meeting office and the audit administrator (审计管理员). */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @AlsoAdmin('audit_admin')
  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery) {
    if (principal.role !== 'audit_admin') requireOffice(principal);
    if (query.entityType && query.entityId)
      return this.audit.history(query.entityType, query.entityId);
    return this.audit.list(query);
  }
}
