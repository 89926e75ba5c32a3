import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditController } from './audit.controller';
import { AuditChainService } from './audit-chain.service';
import { AuditChainHead, AuditCheckpoint, AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry, AuditChainHead, AuditCheckpoint])],
  controllers: [AuditController],
  providers: [AuditService, AuditChainService],
  exports: [AuditService, AuditChainService],
})
export class AuditModule {}
