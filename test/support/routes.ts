import type { INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { routeKey } from '../../src/modules/auth/route-key';

export interface AppRoute {
  key: string;
  method: string;
  path: string;
  controller: object;
  handler: object;
}

/** Every HTTP route the running application serves, read from the controllers' metadata. */
export function appRoutes(app: INestApplication): AppRoute[] {
  const out: AppRoute[] = [];
  for (const mod of app.get(ModulesContainer).values()) {
    for (const wrapper of mod.controllers.values()) {
      const controller = wrapper.metatype as { prototype: Record<string, unknown> } | null;
      if (!controller) continue;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = controller.prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const key = routeKey(controller, handler);
        if (!key) continue;
        const [method, path] = key.split(' ');
        out.push({ key, method, path, controller, handler });
      }
    }
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
