import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

/** `METHOD /path/:param` of a controller handler, as the route-access table names routes. */
export function routeKey(controller: object, handler: object): string | null {
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  if (method === undefined) return null;
  const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
  const own = pathsOf(Reflect.getMetadata(PATH_METADATA, handler));
  return `${RequestMethod[method]} ${join(base[0], own[0])}`;
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [value === undefined ? '' : String(value)];
}

function join(a: string, b: string): string {
  const parts = [a, b].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean);
  return `/${parts.join('/')}`;
}
