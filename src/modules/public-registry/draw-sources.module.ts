import { Global, Module } from '@nestjs/common';
import { ELIGIBLE_TARGET_SOURCE, INSPECTOR_SOURCE } from '../draw/sources';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { InspectorsService } from '../inspectors/inspectors.service';
import { TargetsModule } from '../targets/targets.module';
import { TargetsService } from '../targets/targets.service';

/**
 * Binds the directories to the draw's source tokens (draw/sources.ts): the draw reads eligible
 * targets and inspectors through these, never the tables.
 */
@Global()
@Module({
  imports: [TargetsModule, InspectorsModule],
  providers: [
    { provide: ELIGIBLE_TARGET_SOURCE, useExisting: TargetsService },
    { provide: INSPECTOR_SOURCE, useExisting: InspectorsService },
  ],
  exports: [ELIGIBLE_TARGET_SOURCE, INSPECTOR_SOURCE],
})
export class RegistryDrawSourcesModule {}
