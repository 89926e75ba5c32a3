import { readFileSync } from 'node:fs';
import { Command, CommandRunner, Option, SubCommand } from 'nest-commander';
import {
  DrawInputError,
  parseCountsArg,
  simulateDraw,
  verifyProof,
  type DrawProof,
  type VerifyOptions,
} from '../modules/draw/core';

/** Bad arguments exit 2 (so scripts can tell them from a failed verification, exit 1). */
function usage(message: string): void {
  console.error(message);
  process.exitCode = 2;
}

function readText(file: string, what: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    usage(`cannot read ${what} ${file}: ${(err as Error).message}`);
    return undefined;
  }
}

@SubCommand({
  name: 'verify',
  arguments: '<proof>',
  description:
    'verify a published draw proof (JSON) offline: prints OK (exit 0) or the first mismatch (exit 1)',
})
export class DrawVerifyCommand extends CommandRunner {
  async run([file]: string[], o: { snapshot?: string; commitment?: string }): Promise<void> {
    const text = readText(file, 'proof');
    if (text === undefined) return;
    let proof: DrawProof;
    try {
      proof = JSON.parse(text) as DrawProof;
    } catch (err) {
      return usage(`${file} is not JSON: ${(err as Error).message}`);
    }
    const options: VerifyOptions = { expectedCommitmentHash: o.commitment };
    if (o.snapshot !== undefined) {
      options.snapshotText = readText(o.snapshot, 'snapshot');
      if (options.snapshotText === undefined) return;
    } else if (
      proof &&
      typeof proof === 'object' &&
      proof.snapshot &&
      !('lines' in proof.snapshot)
    ) {
      return usage(
        `the proof links its snapshot (${String((proof.snapshot as { url?: string }).url)}); download it and pass --snapshot FILE`,
      );
    }
    const result = verifyProof(proof, options);
    if (result.ok) {
      console.log('OK');
    } else {
      console.log(`MISMATCH ${result.mismatch}`);
      process.exitCode = 1;
    }
  }

  @Option({ flags: '--snapshot <file>', description: 'the snapshot text, when the proof links it' })
  snapshot(value: string) {
    return value;
  }

  @Option({
    flags: '--commitment <hash>',
    description: 'the commitment hash published before the draw, to check the proof against it',
  })
  commitment(value: string) {
    return value;
  }
}

interface SimulateOptions {
  targets?: string;
  counts?: string;
  secret?: string;
  entropy?: string;
}

@SubCommand({
  name: 'simulate',
  description:
    'replay a draw: --targets FILE.csv (STRATUM,CODE lines) --counts A=3,B=5 --secret HEX --entropy TEXT; prints STRATUM,CODE per drawn target',
})
export class DrawSimulateCommand extends CommandRunner {
  async run(_args: string[], o: SimulateOptions): Promise<void> {
    const missing = (['targets', 'counts', 'secret', 'entropy'] as const).filter(
      (k) => o[k] === undefined,
    );
    if (missing.length > 0) {
      return usage(
        `missing ${missing.map((k) => `--${k}`).join(', ')}; usage: jointcheck draw simulate --targets FILE.csv --counts A=3,B=5 --secret HEX --entropy TEXT`,
      );
    }
    const csvText = readText(o.targets ?? '', 'targets file');
    if (csvText === undefined) return;
    try {
      const result = simulateDraw({
        csvText,
        counts: parseCountsArg(o.counts ?? ''),
        secretHex: o.secret ?? '',
        entropy: o.entropy ?? '',
      });
      if (result.lines.length > 0) console.log(result.lines.join('\n'));
    } catch (err) {
      if (err instanceof DrawInputError) return usage(`error: ${err.message}`);
      throw err;
    }
  }

  @Option({ flags: '--targets <file>', description: 'CSV of STRATUM,CODE (header optional)' })
  targets(value: string) {
    return value;
  }

  @Option({ flags: '--counts <spec>', description: 'how many per stratum, e.g. A=3,B=5' })
  counts(value: string) {
    return value;
  }

  @Option({ flags: '--secret <hex>', description: 'the revealed secret S, 64 hex digits' })
  secret(value: string) {
    return value;
  }

  @Option({ flags: '--entropy <text>', description: 'the public entropy E, exactly as recorded' })
  entropy(value: string) {
    return value;
  }
}

@Command({
  name: 'draw',
  description: 'the provably fair draw, offline: verify a proof, simulate a draw',
  subCommands: [DrawVerifyCommand, DrawSimulateCommand],
})
export class DrawCommand extends CommandRunner {
  async run(): Promise<void> {
    usage('usage: jointcheck draw verify PROOF.json | draw simulate --help');
  }
}

export const DRAW_COMMANDS = [DrawCommand, DrawVerifyCommand, DrawSimulateCommand];
