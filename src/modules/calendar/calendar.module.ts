import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityRegistry } from '../temporal/activity-registry';
import { CalendarOverride } from './calendar-override.entity';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { DeadlineRecomputer } from './deadline-recomputer';

/** The working-day calendar; serves the `reminderInstants` activity to the interpreter. */
@Module({
  imports: [TypeOrmModule.forFeature([CalendarOverride])],
  controllers: [CalendarController],
  providers: [CalendarService, DeadlineRecomputer],
  exports: [CalendarService],
})
export class CalendarModule implements OnModuleInit {
  constructor(
    private readonly registry: ActivityRegistry,
    private readonly calendar: CalendarService,
  ) {}

  onModuleInit(): void {
    this.registry.register({
      reminderInstants: (dueAt: string, days: number[]) =>
        this.calendar.reminderInstants(dueAt, days),
    });
  }
}
