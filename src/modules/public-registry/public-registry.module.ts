import { Module } from '@nestjs/common';
import { ItemsModule } from '../items/items.module';
import { PlansModule } from '../plans/plans.module';
import { PublicRegistryController } from './public-registry.controller';

/** Public, read-only pages and JSON of the published item lists and plans. */
@Module({
  imports: [ItemsModule, PlansModule],
  controllers: [PublicRegistryController],
})
export class PublicRegistryModule {}
