import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { InspectorsService } from '../modules/inspectors/inspectors.service';
import { CLI_PRINCIPAL, runImport, type ImportCommandOptions } from './registry-cli';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description:
    'import the inspector directory from CSV/xlsx (UTF-8 or GBK), upserting by certificate number; ends with "imported N, updated M, rejected K"; exit 1 when rows were rejected',
})
export class InspectorsImportCommand extends CommandRunner {
  constructor(private readonly inspectors: InspectorsService) {
    super();
  }

  async run([file]: string[], options: ImportCommandOptions): Promise<void> {
    await runImport(file, options, (o) => this.inspectors.importFile(file, CLI_PRINCIPAL, o));
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
  name: 'inspectors',
  description: 'the inspector directory (执法检查人员名录库)',
  subCommands: [InspectorsImportCommand],
})
export class InspectorsCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck inspectors import <file> [--report FILE]');
    process.exitCode = 2;
  }
}

export const INSPECTORS_COMMANDS = [InspectorsCommand, InspectorsImportCommand];
