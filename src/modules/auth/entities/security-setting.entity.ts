import { Column, Entity, PrimaryColumn } from 'typeorm';
import { jsonText } from '../../database/column-types';

/** A named security setting (the security administrator's policy), JSON valued. */
@Entity({ name: 'security_settings' })
export class SecuritySetting {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'value_json', type: 'text', transformer: jsonText })
  value: unknown;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 64 })
  updatedBy: string;
}
