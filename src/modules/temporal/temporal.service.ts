import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { EncryptionCodec } from './payload-codec';

/**
 * The Temporal client, connected lazily so commands that need no server never wait for one.
 */
@Injectable()
export class TemporalService implements OnModuleDestroy {
  private readonly logger = new Logger(TemporalService.name);
  private connecting?: Promise<Connection>;
  private cachedClient?: Client;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get taskQueue(): string {
    return this.config.temporal.taskQueue;
  }

  get namespace(): string {
    return this.config.temporal.namespace;
  }

  get address(): string {
    const address = this.config.temporal.address ?? process.env.TEMPORAL_ADDRESS;
    if (!address)
      throw new Error(
        'Temporal address unknown: set TEMPORAL_ADDRESS or start the embedded server',
      );
    return address;
  }

  codec(): EncryptionCodec {
    return new EncryptionCodec(this.config.payloadCodecKey);
  }

  async client(): Promise<Client> {
    if (this.cachedClient) return this.cachedClient;
    const connection = await this.connection();
    this.cachedClient = new Client({
      connection,
      namespace: this.namespace,
      dataConverter: { payloadCodecs: [this.codec()] },
    });
    return this.cachedClient;
  }

  /** True when the server answers within two seconds. */
  async ping(): Promise<boolean> {
    try {
      const connection = await this.connection();
      await connection.withDeadline(Date.now() + 2000, () =>
        connection.workflowService.getSystemInfo({}),
      );
      return true;
    } catch (err) {
      this.logger.debug(`Temporal ping failed: ${(err as Error).message}`);
      return false;
    }
  }

  private connection(): Promise<Connection> {
    if (!this.connecting) {
      this.connecting = Connection.connect({ address: this.address, connectTimeout: 5000 }).catch(
        (err) => {
          this.connecting = undefined;
          throw err;
        },
      );
    }
    return this.connecting;
  }

  async onModuleDestroy(): Promise<void> {
    const pending = this.connecting;
    this.connecting = undefined;
    this.cachedClient = undefined;
    if (pending) await (await pending.catch(() => undefined))?.close();
  }
}
