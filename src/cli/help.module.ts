import { Module, type Provider } from '@nestjs/common';
import { DatabaseCliModule } from './cli.modules';
import { OFFLINE_COMMAND_PROVIDERS } from './offline.modules';

/**
 * `jointcheck --help` (and `help`, and `--help` on a database command): every command of both
 * modules, each as a bare instance of its class — help needs the commands' metadata, not their
 * services, so no configuration is read, no database opened, nothing created.
 */
function commandStubs(): Provider[] {
  const database = (Reflect.getMetadata('providers', DatabaseCliModule) ?? []) as unknown[];
  const classes = [...database, ...OFFLINE_COMMAND_PROVIDERS].filter(
    (p): p is abstract new (...args: never[]) => object => typeof p === 'function',
  );
  return [...new Set(classes)].map((c) => ({
    provide: c,
    useValue: Object.create(c.prototype as object) as object,
  }));
}

@Module({ providers: commandStubs() })
export class HelpCliModule {}
