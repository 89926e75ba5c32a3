import { Column, Entity, PrimaryColumn, Unique } from 'typeorm';

/** A department (部门); the joint-meeting office (联席会议办公室) is one with isOffice. */
@Unique('uq_departments_code', ['code'])
@Entity({ name: 'departments' })
export class Department {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'is_office', type: 'boolean', default: false })
  isOffice: boolean;

  /** Set by the code that creates the row (the same on SQLite and MySQL). */
  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;
}
