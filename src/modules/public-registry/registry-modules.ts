import type { Type } from '@nestjs/common';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { ItemsModule } from '../items/items.module';
import { PlansModule } from '../plans/plans.module';
import { TargetsModule } from '../targets/targets.module';
import { RegistryDrawSourcesModule } from './draw-sources.module';
import { PublicRegistryModule } from './public-registry.module';

/** The registry modules (lists and directories), added to FEATURE_MODULES in one line. */
export const REGISTRY_MODULES: Type[] = [
  ItemsModule,
  TargetsModule,
  InspectorsModule,
  PlansModule,
  PublicRegistryModule,
  RegistryDrawSourcesModule,
];
