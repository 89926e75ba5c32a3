import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * One office override of the calendar: a row of an imported official schedule (source `import`,
 * replacing that year's bundled or statutory data) or a single edited day (source `manual`).
 */
@Unique('uq_calendar_overrides_day_source', ['day', 'source'])
@Index('ix_calendar_overrides_year', ['scheduleYear'])
@Entity({ name: 'calendar_overrides' })
export class CalendarOverride {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column({ type: 'varchar', length: 10 })
  day: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 10 })
  source: 'import' | 'manual';

  @Column({ name: 'schedule_year', type: 'int', nullable: true })
  scheduleYear: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy: string;

  /** Set by the code that creates the row (the same on SQLite and MySQL). */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
