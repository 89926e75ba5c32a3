import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { TargetsService } from '../modules/targets/targets.service';
import { INSPECTORS_COMMANDS } from './inspectors.command';
import { CLI_PRINCIPAL, runImport, type ImportCommandOptions } from './registry-cli';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description:
    'import the target directory from CSV/xlsx (UTF-8 or GBK), upserting by identification code; ends with "imported N, updated M, rejected K"; exit 1 when rows were rejected',
})
export class TargetsImportCommand extends CommandRunner {
  constructor(private readonly targets: TargetsService) {
    super();
  }

  async run([file]: string[], options: ImportCommandOptions): Promise<void> {
    await runImport(file, options, (o) => this.targets.importFile(file, CLI_PRINCIPAL, o));
  }

  @Option({
    flags: '--report <file>',
    description: 'reject report path (default FILE.rejected.csv)',
  })
  parseReport(value: string): string {
    return value;
  }
}

@SubCommand({
  name: 'relabel',
  arguments: '<file>',
  description:
    'monthly credit-risk relabel from CSV/xlsx with columns (统一社会信用代码, 信用风险分类); history is kept',
})
export class TargetsRelabelCommand extends CommandRunner {
  constructor(private readonly targets: TargetsService) {
    super();
  }

  async run([file]: string[], options: ImportCommandOptions): Promise<void> {
    await runImport(file, options, (o) => this.targets.relabelFile(file, CLI_PRINCIPAL, o));
  }

  @Option({
    flags: '--report <file>',
    description: 'reject report path (default FILE.rejected.csv)',
  })
  parseReport(value: string): string {
    return value;
  }
}

@Command({
  name: 'targets',
  description: 'the target directory (检查对象名录库)',
  subCommands: [TargetsImportCommand, TargetsRelabelCommand],
})
export class TargetsCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck targets import|relabel <file> [--report FILE]');
    process.exitCode = 2;
  }
}

export const TARGETS_COMMANDS = [TargetsCommand, TargetsImportCommand, TargetsRelabelCommand];
/** Every registry command (targets, inspectors), registered in the CLI module in one line. */
export const REGISTRY_COMMANDS = [...TARGETS_COMMANDS, ...INSPECTORS_COMMANDS];
