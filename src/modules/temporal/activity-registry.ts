import { Injectable } from '@nestjs/common';

export type ActivityFunction = (...args: any[]) => Promise<unknown>;

/**
 * Name → function table of every activity the worker serves. Feature modules register their
 * activities in onModuleInit; service tasks name them in BPMN (jc:activity).
 */
@Injectable()
export class ActivityRegistry {
  private readonly activities = new Map<string, ActivityFunction>();

  register(activities: Record<string, ActivityFunction>): void {
    for (const [name, fn] of Object.entries(activities)) {
      if (this.activities.has(name) && this.activities.get(name) !== fn) {
        throw new Error(`activity ${name} is registered twice`);
      }
      this.activities.set(name, fn);
    }
  }

  names(): string[] {
    return [...this.activities.keys()].sort();
  }

  all(): Record<string, ActivityFunction> {
    return Object.fromEntries(this.activities);
  }
}
