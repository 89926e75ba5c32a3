import { Inject } from '@nestjs/common';
import { Command, CommandRunner, Option } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { revertLastMigration } from '../modules/database/migrate';

/** Migrations already ran before this command (every database command runs them); --revert undoes one. */
@Command({
  name: 'migrate',
  description: 'apply pending database migrations (--revert undoes the last one)',
})
export class MigrateCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(_args: string[], o: { revert?: boolean }): Promise<void> {
    if (o.revert) {
      await revertLastMigration(this.config.database);
      console.log('reverted the last migration');
      return;
    }
    console.log('database schema is up to date');
  }

  @Option({ flags: '--revert', description: 'revert the most recent migration' })
  revert() {
    return true;
  }
}
