import { Controller, Get, Header, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { requireRole } from '../auth/access';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { AuditChainService, PrintedCheckpoint } from './audit-chain.service';
import { renderAuditVerifyPage } from './audit-pages';
import { AuditService } from './audit.service';

class AuditQuery {
  @IsOptional() @IsString() entityType?: string;
  @IsOptional() @IsString() entityId?: string;
  @IsOptional() @IsString() action?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

class VerifyQuery {
  /** A printed checkpoint to check the log against: `<tree size>:<root hex>`. */
  @IsOptional()
  @Matches(/^\d{1,15}:[0-9a-fA-F]{64}$/, {
    message: 'checkpoint must be <tree size>:<64 hex root>',
  })
  checkpoint?: string;
}

function printed(q: VerifyQuery): PrintedCheckpoint[] {
  if (!q.checkpoint) return [];
  const [size, root] = q.checkpoint.split(':');
  return [{ treeSize: Number(size), rootHash: root }];
}

/**
 * The audit log: read by the joint-meeting office and the audit administrator (审计管理员);
 * verified and checkpointed by the audit administrator. There is no route that changes or
 * deletes an entry (docs/security-audit.md, retention).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly chain: AuditChainService,
  ) {}

  @Get()
  list(@CurrentPrincipal() principal: Principal, @Query() query: AuditQuery) {
    requireRole(principal, 'office', 'audit_admin');
    if (query.entityType && query.entityId)
      return this.audit.history(query.entityType, query.entityId);
    return this.audit.list(query);
  }

  /** Verifies the hash chain and every checkpoint; `ok: false` with findings naming rows. */
  @Get('verify')
  verify(@CurrentPrincipal() principal: Principal, @Query() query: VerifyQuery) {
    requireRole(principal, 'audit_admin');
    return this.chain.verify({ printed: printed(query) });
  }

  /** The same report as a page (审计日志完整性验证). */
  @Get('verify.html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async verifyPage(@CurrentPrincipal() principal: Principal, @Query() query: VerifyQuery) {
    requireRole(principal, 'audit_admin');
    return renderAuditVerifyPage(await this.chain.verify({ printed: printed(query) }));
  }

  /** Recorded checkpoints (tree size, Merkle root, time) for publishing or printing. */
  @Get('checkpoints')
  checkpoints(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, 'audit_admin');
    return this.chain.checkpoints();
  }

  /** Records a checkpoint now. */
  @Post('checkpoints')
  @HttpCode(201)
  async checkpoint(@CurrentPrincipal() principal: Principal) {
    requireRole(principal, 'audit_admin');
    return (await this.chain.checkpoint(principal.username))!;
  }
}
