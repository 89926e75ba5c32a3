import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RiskClassChange, Target } from './target.entity';
import { TargetsController } from './targets.controller';
import { TargetsService } from './targets.service';

/** The target directory (检查对象名录库). */
@Module({
  imports: [TypeOrmModule.forFeature([Target, RiskClassChange])],
  controllers: [TargetsController],
  providers: [TargetsService],
  exports: [TargetsService],
})
export class TargetsModule {}
