import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ItemsModule } from '../items/items.module';
import { Plan, PlanTaskRow } from './plan.entity';
import { PlansController } from './plans.controller';
import { PlansService } from './plans.service';

/** Annual plans (年度抽查工作计划): department plans and the joint plan, with revisions. */
@Module({
  imports: [TypeOrmModule.forFeature([Plan, PlanTaskRow]), ItemsModule],
  controllers: [PlansController],
  providers: [PlansService],
  exports: [PlansService],
})
export class PlansModule {}
