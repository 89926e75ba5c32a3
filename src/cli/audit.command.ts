import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import { AuditChainService, PrintedCheckpoint } from '../modules/audit/audit-chain.service';
import type { AuditCheckpoint } from '../modules/audit/audit-entry.entity';

function printCheckpoint(c: AuditCheckpoint): void {
  console.log(
    `checkpoint #${c.id}  ${c.createdAt.toISOString()}  tree size ${c.treeSize}\n` +
      `  root (RFC 6962 MTH)  ${c.rootHash}\n` +
      `  last entry hash      ${c.lastEntryHash}\n` +
      `  print/publish as     ${c.treeSize}:${c.rootHash}`,
  );
}

@SubCommand({
  name: 'verify',
  description:
    'verify the audit hash chain and checkpoints; exit 0 intact, 1 tampering found (each finding names the row)',
})
export class AuditVerifyCommand extends CommandRunner {
  constructor(private readonly chain: AuditChainService) {
    super();
  }

  async run(_args: string[], o: { json?: boolean; checkpoint?: PrintedCheckpoint[] }) {
    const report = await this.chain.verify({ printed: o.checkpoint ?? [] });
    if (o.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      console.log(
        `${report.entries} entries, head seq ${report.headSeq} ${report.headHash}, ` +
          `${report.checkpoints.length} checkpoint(s)`,
      );
      for (const f of report.findings) {
        const where = f.rowId !== null ? `row id ${f.rowId}` : `seq ${f.seq ?? '?'}`;
        console.log(`${f.kind.toUpperCase()}  ${where}: ${f.message}`);
      }
      for (const c of report.checkpoints) {
        console.log(
          `checkpoint ${c.id ?? '(printed)'} size ${c.treeSize} ${c.rootHash}: ${c.ok ? 'ok' : 'MISMATCH'}`,
        );
      }
      console.log(report.ok ? 'audit log intact' : 'TAMPERING FOUND');
    }
    process.exitCode = report.ok ? 0 : 1;
  }

  @Option({ flags: '--json', description: 'print the full report as JSON' })
  json() {
    return true;
  }

  @Option({
    flags: '-c, --checkpoint <size:root>',
    description: 'also check against a printed/published checkpoint (repeatable)',
  })
  checkpoint(v: string, previous: PrintedCheckpoint[] = []) {
    const m = /^(\d{1,15}):([0-9a-fA-F]{64})$/.exec(v);
    if (!m) throw new Error(`--checkpoint must be <tree size>:<64 hex root>, got ${v}`);
    return [...previous, { treeSize: Number(m[1]), rootHash: m[2].toLowerCase() }];
  }
}

@SubCommand({
  name: 'checkpoint',
  description: 'record a checkpoint now (tree size + Merkle root) and print it for publishing',
})
export class AuditCheckpointCommand extends CommandRunner {
  constructor(private readonly chain: AuditChainService) {
    super();
  }

  async run(_args: string[], o: { list?: boolean }) {
    if (o.list) {
      for (const c of await this.chain.checkpoints()) printCheckpoint(c);
      return;
    }
    printCheckpoint((await this.chain.checkpoint('cli'))!);
  }

  @Option({ flags: '--list', description: 'list the recorded checkpoints instead' })
  list() {
    return true;
  }
}

@Command({
  name: 'audit',
  description: 'the tamper-evident audit log: verify, checkpoint',
  subCommands: [AuditVerifyCommand, AuditCheckpointCommand],
})
export class AuditCommand extends CommandRunner {
  async run(): Promise<void> {
    console.error('usage: jointcheck audit verify|checkpoint --help');
    process.exitCode = 2;
  }
}

export const AUDIT_COMMANDS = [AuditCommand, AuditVerifyCommand, AuditCheckpointCommand];
