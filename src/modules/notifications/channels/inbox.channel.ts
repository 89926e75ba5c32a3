import { Inject, Injectable } from '@nestjs/common';
import { INBOX_WRITER, type InboxNotification, type InboxWriter } from '../notification.types';

/** The in-app inbox (站内消息): always on, written through the bound InboxWriter. */
@Injectable()
export class InboxChannel {
  constructor(@Inject(INBOX_WRITER) private readonly writer: InboxWriter) {}

  async send(message: InboxNotification): Promise<void> {
    await this.writer.write(message);
  }
}
