import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { InspectionItemRow, ItemList } from './item-list.entity';
import { ItemsController } from './items.controller';
import { ItemsService } from './items.service';

/** The inspection item list (随机抽查事项清单), yearly revisions. */
@Module({
  imports: [TypeOrmModule.forFeature([ItemList, InspectionItemRow])],
  controllers: [ItemsController],
  providers: [ItemsService],
  exports: [ItemsService],
})
export class ItemsModule {}
