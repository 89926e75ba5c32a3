import { until } from './poll';
import type { TestApp } from './test-app';

export interface OpenStep {
  taskId: string;
  elementId: string;
  department: string | null;
  subject: string | null;
}

/** @deprecated Use `until` from ./poll (the one polling helper); kept for files written against it. */
export const waitFor = <T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> => until(check, what, timeoutMs);

/** HTTP as named demo users, with the bits of the inspection API the tests need. */
export class InspectionDriver {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly t: TestApp) {}

  async as(username: string): Promise<string> {
    let token = this.tokens.get(username);
    if (!token) {
      token = await this.t.login(username);
      this.tokens.set(username, token);
    }
    return token;
  }

  async get(user: string, url: string) {
    return this.t.http.get(url).set('Authorization', `Bearer ${await this.as(user)}`);
  }

  async post(user: string, url: string, body: object = {}) {
    return this.t.http
      .post(url)
      .set('Authorization', `Bearer ${await this.as(user)}`)
      .send(body);
  }

  async put(user: string, url: string, body: object = {}) {
    return this.t.http
      .put(url)
      .set('Authorization', `Bearer ${await this.as(user)}`)
      .send(body);
  }

  async view(id: string) {
    const res = await this.get('office', `/inspections/${id}`);
    if (res.status !== 200)
      throw new Error(`GET inspection ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      status: string;
      openSteps: OpenStep[];
      drawId: string | null;
      code: string;
    };
  }

  /** Waits until the steps open are exactly `count` of `elementId` (and nothing unexpected failed). */
  async step(id: string, elementId: string, count = 1, timeoutMs = 60_000): Promise<OpenStep[]> {
    return until(
      async () => {
        const steps = (await this.view(id)).openSteps.filter((s) => s.elementId === elementId);
        return steps.length >= count ? steps : undefined;
      },
      `${count} open ${elementId}`,
      timeoutMs,
    );
  }

  async status(id: string, status: string, timeoutMs = 60_000): Promise<void> {
    try {
      await until(
        async () => (await this.view(id)).status === status,
        `status ${status}`,
        timeoutMs,
      );
    } catch (err) {
      const view = await this.view(id);
      const incidents = await this.get('office', '/incidents');
      throw new Error(
        `${String(err)}; status is ${view.status}, open steps ${JSON.stringify(view.openSteps.map((s) => s.elementId))}; incidents ${JSON.stringify(incidents.body).slice(0, 3000)}`,
      );
    }
  }
}

export function expectStatus(res: { status: number; body: unknown }, status: number): void {
  if (res.status !== status)
    throw new Error(`expected HTTP ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}
