import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DrawController } from './draw.controller';
import { DrawService } from './draw.service';
import { DRAW_ENTITIES } from './entities';
import { PublicDrawController } from './public-draw.controller';
import { DrawSources } from './sources';

/**
 * The provably fair draw (docs/draw.md). Targets and inspectors come through EligibleTargetSource
 * and InspectorSource (sources.ts), bound to the registries' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DRAW_ENTITIES)],
  controllers: [DrawController, PublicDrawController],
  providers: [DrawService, DrawSources],
  exports: [DrawService, DrawSources],
})
export class DrawModule {}
