import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';

/** The JSON body POSTed to WEBHOOK_URL (a government messaging bot's relay). */
export interface WebhookPayload {
  dedupeKey: string;
  kind: string;
  department: { code: string; name: string };
  title: string;
  body: string;
  link: string | null;
  data: Record<string, unknown> | null;
  notifiedAt: string;
}

const TIMEOUT_MS = 10_000;

/** Outbound webhook: JSON POST to WEBHOOK_URL; off when unset. Non-2xx answers are failures. */
@Injectable()
export class WebhookChannel {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.webhookUrl);
  }

  secrets(): (string | undefined)[] {
    return [this.config.webhookUrl];
  }

  async send(payload: WebhookPayload): Promise<void> {
    const url = this.config.webhookUrl;
    if (!url) throw new Error('webhook channel is off (WEBHOOK_URL unset)');
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        // receivers can drop a repeat the same way we do
        'idempotency-key': encodeURIComponent(payload.dedupeKey),
      },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    // drain the body so the connection is released
    const text = await res.text().catch(() => '');
    if (!res.ok) throw new Error(`webhook answered HTTP ${res.status} ${text.slice(0, 200)}`);
  }
}
