import { QueryFailedError } from 'typeorm';

/**
 * Query parameters never reach a log. TypeORM's QueryFailedError carries the failed query's
 * `parameters` (password hashes, personal data, draw secrets) and, on MySQL, the driver's `sql`
 * with those values written in; Nest's exception handler and Temporal's worker log an unknown
 * error with util.inspect, which prints every enumerable own property. Here those properties
 * become non-enumerable as TypeORM sets them: code reading err.parameters still works, but
 * inspect, JSON.stringify and structured loggers no longer see them. The message keeps the
 * driver's own text (which names the constraint or column, not the values we sent).
 */
const HIDDEN = ['parameters', 'driverError', 'sql', 'sqlMessage'] as const;

let installed = false;

export function hideQueryParameters(): void {
  if (installed) return;
  installed = true;
  for (const name of HIDDEN) {
    Object.defineProperty(QueryFailedError.prototype, name, {
      configurable: true,
      enumerable: false,
      get(): unknown {
        return undefined;
      },
      set(this: object, value: unknown) {
        Object.defineProperty(this, name, {
          value,
          enumerable: false,
          writable: true,
          configurable: true,
        });
      },
    });
  }
}
