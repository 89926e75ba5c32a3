import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../../config/app-config';
import type { RenderedMail } from '../mail-templates';

export interface EmailPayload extends RenderedMail {
  to: string;
}

/** E-mail over SMTP (SMTP_URL, MAIL_FROM); off when SMTP_URL is unset. */
@Injectable()
export class EmailChannel implements OnModuleDestroy {
  private readonly transport?: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const url = config.mail.smtpUrl;
    if (url) {
      // bounded waits: a hung server must not hold a workflow activity for minutes
      this.transport = createTransport({
        url,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      });
    }
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  /** What error texts must never show. */
  secrets(): (string | undefined)[] {
    return [this.config.mail.smtpUrl];
  }

  async send(mail: EmailPayload): Promise<void> {
    if (!this.transport) throw new Error('e-mail channel is off (SMTP_URL unset)');
    await this.transport.sendMail({
      from: this.config.mail.from,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
    });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
