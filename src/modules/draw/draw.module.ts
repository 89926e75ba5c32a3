import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { InspectorsService } from '../inspectors/inspectors.service';
import { TargetsModule } from '../targets/targets.module';
import { TargetsService } from '../targets/targets.service';
import { DrawAmendmentsService } from './draw-amendments.service';
import { DrawCommitService } from './draw-commit.service';
import { DrawController } from './draw.controller';
import { DrawRecords } from './draw-records';
import { DrawService } from './draw.service';
import { DRAW_ENTITIES } from './entities';
import { InspectorMatchingService } from './inspector-matching.service';
import { PublicDrawController } from './public-draw.controller';
import {
  DrawSources,
  ELIGIBLE_TARGET_SOURCE,
  INSPECTOR_SOURCE,
  type EligibleTargetSource,
  type InspectorSource,
} from './sources';

/** Compile-time check that the registries satisfy the draw's interfaces (useExisting cannot). */
type Satisfies<T extends U, U> = T;
export type RegistryBindings = [
  Satisfies<TargetsService, EligibleTargetSource>,
  Satisfies<InspectorsService, InspectorSource>,
];

/**
 * The provably fair draw (docs/draw.md). Targets and inspectors come through EligibleTargetSource
 * and InspectorSource (sources.ts), bound to the registries' services.
 */
@Module({
  imports: [TypeOrmModule.forFeature(DRAW_ENTITIES), TargetsModule, InspectorsModule],
  controllers: [DrawController, PublicDrawController],
  providers: [
    DrawService,
    DrawRecords,
    DrawCommitService,
    InspectorMatchingService,
    DrawAmendmentsService,
    DrawSources,
    // The registries' services satisfy the draw's two narrow interfaces structurally.
    { provide: ELIGIBLE_TARGET_SOURCE, useExisting: TargetsService },
    { provide: INSPECTOR_SOURCE, useExisting: InspectorsService },
  ],
  exports: [DrawService, DrawSources],
})
export class DrawModule {}
