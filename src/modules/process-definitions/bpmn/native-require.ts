/**
 * bpmn-moddle, moddle and min-dash are ES modules behind `exports`. Node ≥ 20.19 loads them with
 * `require` (require(esm)), but Jest's module registry cannot, so they are loaded through Node's
 * own loader. `process.getBuiltinModule` reaches the real `module` built-in even under Jest.
 */
import type { createRequire as CreateRequire } from 'node:module';

type ModuleBuiltin = { createRequire: typeof CreateRequire };

function moduleBuiltin(): ModuleBuiltin {
  const getBuiltin = (process as unknown as { getBuiltinModule?: (id: string) => unknown })
    .getBuiltinModule;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (getBuiltin ? getBuiltin('node:module') : require('node:module')) as ModuleBuiltin;
}

/** `require` through Node's native loader, resolved from this file. */
export const nativeRequire: NodeJS.Require = moduleBuiltin().createRequire(__filename);
