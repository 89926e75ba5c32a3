import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** One deployed version of a BPMN process definition (流程定义). Immutable once written. */
@Unique('uq_definition_key_version', ['key', 'version'])
@Index('ix_definition_key_sha', ['key', 'sha256'])
@Entity({ name: 'process_definitions' })
export class ProcessDefinition {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** BPMN process id; `key` is a reserved word in MySQL, hence the column name. */
  @Column({ name: 'def_key', type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ type: 'text' })
  xml: string;

  @Column({ name: 'compiled_json', type: 'text' })
  compiledJson: string;

  @Column({ name: 'deployed_by', type: 'varchar', length: 64 })
  deployedBy: string;

  @Column({ name: 'deployed_at', type: 'datetime', precision: 3 })
  deployedAt: Date;
}
