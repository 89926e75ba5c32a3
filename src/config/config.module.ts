import { DynamicModule, Global, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_CONFIG, resolveAppConfig } from './app-config';
import { ENVIRONMENT_KEYS, validateEnvironment } from './environment';

/**
 * Validated configuration (env + embedded defaults), injectable as APP_CONFIG. Dynamic so each
 * application instance reads the environment as it is when the instance is created.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(): DynamicModule {
    return {
      module: AppConfigModule,
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, cache: false, validate: validateEnvironment }),
      ],
      providers: [
        {
          provide: APP_CONFIG,
          inject: [ConfigService],
          useFactory: (config: ConfigService) => {
            const raw = Object.fromEntries(ENVIRONMENT_KEYS.map((k) => [k, config.get(k)]));
            return resolveAppConfig(validateEnvironment(raw));
          },
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
