import { Module } from '@nestjs/common';
import { AppConfigModule } from '../config/config.module';
import { DatabaseModule } from '../modules/database/database.module';
import { TemporalModule } from '../modules/temporal/temporal.module';
import { FEATURE_MODULES } from '../app.module';

/**
 * The application context of a database command without the commands themselves: what
 * DatabaseCliModule imports. Offline commands that open the database on their own (`definition
 * deploy`, `definition list`) use this one, so they need not import cli.modules (which imports
 * them: an import cycle).
 */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    DatabaseModule,
    TemporalModule.forRoot(),
    ...FEATURE_MODULES,
  ],
  // re-exported so that DatabaseCliModule's commands see the feature services by importing this
  exports: [AppConfigModule, DatabaseModule, TemporalModule, ...FEATURE_MODULES],
})
export class DatabaseContextModule {}
