import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync, statSync } from 'node:fs';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { knownServiceActivities } from '../activities/activity-names';
import { SYSTEM_PRINCIPAL } from '../modules/auth/roles';
import { BPMN_MAX_BYTES, compileBpmn, type BpmnIssue } from '../modules/process-definitions/bpmn';
import type { ProcessDefinitionsService } from '../modules/process-definitions/process-definitions.service';
import { requireExistingDatabase } from './database-check';

/** `elementId [rule] message`, or `line L:C [rule] message` for XML that cannot be read. */
export function formatIssue(i: BpmnIssue): string {
  const where = i.line !== undefined ? `line ${i.line}:${i.column ?? 0}` : (i.elementId ?? '-');
  return `${where} [${i.rule}] ${i.message}`;
}

function readFile(file: string): string | undefined {
  try {
    const size = statSync(file).size;
    if (size > BPMN_MAX_BYTES) {
      // not even read: the same limit as the deploy API (the text is checked again after reading)
      console.log(
        `- [limit-exceeded] BPMN 文件过大：${size} 字节，上限 2 MB（${BPMN_MAX_BYTES} 字节）/ the BPMN file exceeds the limit of 2 MB`,
      );
      process.exitCode = 1;
      return undefined;
    }
    return readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${(err as Error).message}`);
    process.exitCode = 2;
    return undefined;
  }
}

/**
 * `definition` is an offline command word (validate needs nothing), so deploy and list open
 * the database themselves, like every database command: migrations first, then the app context.
 */
async function withDefinitions<T>(fn: (svc: ProcessDefinitionsService) => Promise<T>): Promise<T> {
  requireExistingDatabase();
  // imported here: `definition validate` runs offline and must not load the application
  const { resolveAppConfig } = await import('../config/app-config');
  const { validateEnvironment } = await import('../config/environment');
  const { runMigrations } = await import('../modules/database/migrate');
  const { ProcessDefinitionsService: Definitions } =
    await import('../modules/process-definitions/process-definitions.service');
  await runMigrations(resolveAppConfig(validateEnvironment(process.env)).database);
  // the context without the commands (importing cli.modules here would be an import cycle)
  const { DatabaseContextModule } = await import('./database-context.module');
  const app: INestApplicationContext = await NestFactory.createApplicationContext(
    DatabaseContextModule,
    { logger: ['error', 'warn'] },
  );
  try {
    return await fn(app.get(Definitions));
  } finally {
    await app.close();
  }
}

@SubCommand({
  name: 'validate',
  arguments: '<file>',
  description: 'validate a BPMN file offline: prints each error and exits 1, or prints "valid"',
})
export class DefinitionValidateCommand extends CommandRunner {
  async run([file]: string[], o: { activities?: string[] }): Promise<void> {
    const xml = readFile(file);
    if (xml === undefined) return;
    const result = await compileBpmn(xml, {
      knownActivities: knownServiceActivities(o.activities),
    });
    for (const w of result.warnings) console.log(`warning: ${formatIssue(w)}`);
    if (result.errors.length > 0) {
      for (const e of result.errors) console.log(formatIssue(e));
      process.exitCode = 1;
      return;
    }
    console.log('valid');
  }

  @Option({
    flags: '-a, --activities <names>',
    description: 'extra service activity names to accept, comma separated',
  })
  activities(v: string): string[] {
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
}

@SubCommand({
  name: 'deploy',
  arguments: '<file>',
  description: 'deploy a BPMN file (a new version of its process key; identical XML is a no-op)',
})
export class DefinitionDeployCommand extends CommandRunner {
  async run([file]: string[]): Promise<void> {
    const xml = readFile(file);
    if (xml === undefined) return;
    const result = await withDefinitions((svc) => svc.deploy(xml, SYSTEM_PRINCIPAL));
    console.log(
      result.created
        ? `deployed ${result.key} version ${result.version} (${result.id})`
        : `unchanged: ${result.key} version ${result.version} has the same XML (${result.id})`,
    );
  }
}

@SubCommand({ name: 'list', description: 'list deployed definitions (every version)' })
export class DefinitionListCommand extends CommandRunner {
  async run(): Promise<void> {
    const rows = await withDefinitions((svc) => svc.list(SYSTEM_PRINCIPAL));
    if (rows.length === 0) console.log('no definitions deployed');
    for (const d of rows) {
      console.log(
        `${d.key}\tv${d.version}\t${d.name ?? ''}\t${d.deployedAt.toISOString()}\t${d.deployedBy}\t${d.id}`,
      );
    }
  }
}

@Command({
  name: 'definition',
  description: 'BPMN process definitions: validate (offline), deploy, list',
  subCommands: [DefinitionValidateCommand, DefinitionDeployCommand, DefinitionListCommand],
})
export class DefinitionCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck definition validate|deploy|list --help');
    process.exitCode = 2;
  }
}
