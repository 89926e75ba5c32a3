import { Command, CommandRunner } from 'nest-commander';
import { DEMO_PASSWORD } from '../modules/demo/pengyang';
import { SeedDemoService } from '../modules/demo/seed-demo.service';

@Command({
  name: 'seed-demo',
  description: 'create the demo county (departments and accounts); idempotent',
})
export class SeedDemoCommand extends CommandRunner {
  constructor(private readonly seed: SeedDemoService) {
    super();
  }

  async run(): Promise<void> {
    const accounts = await this.seed.seed();
    for (const a of accounts) console.log(`${a.username}\t${a.role}\t${a.department}`);
    console.log(`demo accounts ready (${accounts.length}); password for all: ${DEMO_PASSWORD}`);
  }
}
