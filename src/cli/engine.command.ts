import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_PRINCIPAL } from '../modules/auth/roles';
import { ProcessInstanceRecord } from '../modules/engine/entities';
import { InstancesService } from '../modules/engine/instances.service';

interface StartOptions {
  definitionVersion?: number;
  businessKey?: string;
  vars?: Record<string, unknown>;
}

@SubCommand({
  name: 'start',
  arguments: '<key>',
  description:
    'start an instance of the latest (or --definition-version) definition, as the system',
})
export class EngineStartCommand extends CommandRunner {
  constructor(private readonly instances: InstancesService) {
    super();
  }

  async run([key]: string[], o: StartOptions): Promise<void> {
    const started = await this.instances.start(SYSTEM_PRINCIPAL, {
      key,
      version: o.definitionVersion,
      businessKey: o.businessKey,
      variables: o.vars ?? {},
    });
    console.log(`started ${started.workflowId} (${started.definitionKey} v${started.version})`);
  }

  @Option({
    flags: '--definition-version <n>',
    description: 'definition version (default: latest)',
  })
  definitionVersion(v: string): number {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`--definition-version 应为正整数，收到 ${v}`);
    return n;
  }

  @Option({ flags: '-b, --business-key <key>', description: 'business key, e.g. a task number' })
  businessKey(v: string): string {
    return v;
  }

  @Option({ flags: '--vars <json>', description: 'start variables as a JSON object' })
  vars(v: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(v);
    } catch (err) {
      throw new Error(`--vars 不是合法的 JSON：${(err as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new Error('--vars 应为 JSON 对象，例如 {"initiatingDept":"SCJGJ"}');
    return parsed as Record<string, unknown>;
  }
}

@SubCommand({ name: 'instances', description: 'list process instances recorded in the database' })
export class EngineInstancesCommand extends CommandRunner {
  constructor(@InjectDataSource() private readonly db: DataSource) {
    super();
  }

  async run(_args: string[], o: { status?: string }): Promise<void> {
    const rows = await this.db.getRepository(ProcessInstanceRecord).find({
      where: o.status ? { status: o.status as ProcessInstanceRecord['status'] } : {},
      order: { startedAt: 'DESC' },
      take: 200,
    });
    if (rows.length === 0) console.log('no instances');
    for (const r of rows) {
      console.log(
        `${r.workflowId}\t${r.definitionKey} v${r.version}\t${r.status}\t${r.businessKey ?? ''}\t${r.startedAt.toISOString()}`,
      );
    }
  }

  @Option({ flags: '-s, --status <status>', description: 'running, completed, cancelled, ...' })
  status(v: string): string {
    return v;
  }
}

@Command({
  name: 'engine',
  description: 'process instances: start, list',
  subCommands: [EngineStartCommand, EngineInstancesCommand],
})
export class EngineCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck engine start|instances --help');
    process.exitCode = 2;
  }
}
