import { Module } from '@nestjs/common';
import { InspectorsModule } from '../inspectors/inspectors.module';
import { ItemsModule } from '../items/items.module';
import { PlansModule } from '../plans/plans.module';
import { DemoCountyService } from './demo-county.service';
import { SeedDemoService } from './seed-demo.service';

/** The demo county (seed-demo): accounts, and the registries and plans of one joint task. */
@Module({
  imports: [ItemsModule, InspectorsModule, PlansModule],
  providers: [SeedDemoService, DemoCountyService],
  exports: [SeedDemoService, DemoCountyService],
})
export class DemoModule {}
