/**
 * Reading extension data off moddle elements: our `jc:` attributes first, then the Camunda 7
 * (`camunda:`) and Camunda 8 (`zeebe:`) attributes that mean the same thing. Each reader
 * returns plain strings; interpretation happens in compile.ts.
 */
import type { ModdleElement } from './types';

/** A moddle attribute, trimmed; empty strings count as absent. */
export function attr(el: ModdleElement | undefined, name: string): string | undefined {
  if (!el) return undefined;
  const raw: unknown = el.get ? el.get(name) : el[name];
  if (raw === undefined || raw === null) return undefined;
  const text = String(raw).trim();
  return text === '' ? undefined : text;
}

/** First present attribute among several names. */
export function firstAttr(el: ModdleElement | undefined, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = attr(el, n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** Extension elements of one moddle type (e.g. `zeebe:TaskDefinition`). */
export function extensions(el: ModdleElement | undefined, type: string): ModdleElement[] {
  const values: ModdleElement[] = el?.extensionElements?.values ?? [];
  return values.filter((v) => v.$type === type);
}

export function extension(el: ModdleElement | undefined, type: string): ModdleElement | undefined {
  return extensions(el, type)[0];
}

/** Body text of a bpmn:Expression / FormalExpression child (conditions, timer values). */
export function body(expr: ModdleElement | undefined): string | undefined {
  const text = expr?.body;
  if (typeof text !== 'string') return undefined;
  const trimmed = text.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Splits "a, b,c" into ["a","b","c"]. */
export function list(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export interface Mapping {
  name: string;
  value: string;
}

/**
 * Input mappings: `<jc:input name value>`, `<camunda:inputParameter name>value</…>` in
 * camunda:inputOutput, and `<zeebe:input source target>` in zeebe:ioMapping.
 */
export function inputMappings(el: ModdleElement): Mapping[] {
  return [
    ...extensions(el, 'jc:Input').map((m) => ({
      name: attr(m, 'name') ?? '',
      value: attr(m, 'value') ?? '',
    })),
    ...extensions(el, 'camunda:InputOutput').flatMap((io) =>
      (io.inputParameters ?? []).map((p: ModdleElement) => ({
        name: attr(p, 'name') ?? '',
        value: attr(p, 'value') ?? '',
      })),
    ),
    ...extensions(el, 'zeebe:IoMapping').flatMap((io) =>
      (io.inputParameters ?? []).map((p: ModdleElement) => ({
        name: attr(p, 'target') ?? '',
        value: attr(p, 'source') ?? '',
      })),
    ),
  ];
}

/** Output mappings, read like inputMappings. */
export function outputMappings(el: ModdleElement): Mapping[] {
  return [
    ...extensions(el, 'jc:Output').map((m) => ({
      name: attr(m, 'name') ?? '',
      value: attr(m, 'value') ?? '',
    })),
    ...extensions(el, 'camunda:InputOutput').flatMap((io) =>
      (io.outputParameters ?? []).map((p: ModdleElement) => ({
        name: attr(p, 'name') ?? '',
        value: attr(p, 'value') ?? '',
      })),
    ),
    ...extensions(el, 'zeebe:IoMapping').flatMap((io) =>
      (io.outputParameters ?? []).map((p: ModdleElement) => ({
        name: attr(p, 'target') ?? '',
        value: attr(p, 'source') ?? '',
      })),
    ),
  ];
}

export const CAMUNDA_URI = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Camunda attributes whose local name clashes with one of ours on the same BPMN type (moddle
 * forbids two extension properties with the same local name). They stay undeclared in
 * camunda.json and are read from `$attrs` by namespace instead.
 */
export const FOREIGN_ATTRIBUTES: ReadonlyArray<{ uri: string; name: string }> = [
  { uri: CAMUNDA_URI, name: 'dueDate' },
];

/** The prefixes a document binds to a namespace URI (usually just `camunda`). */
export function prefixesFor(el: ModdleElement | undefined, uri: string): string[] {
  let root = el;
  while (root?.$parent) root = root.$parent;
  return Object.entries(root?.$attrs ?? {})
    .filter(([key, value]) => key.startsWith('xmlns:') && value === uri)
    .map(([key]) => key.slice('xmlns:'.length));
}

/** An undeclared attribute of a foreign namespace, e.g. camunda:dueDate. */
export function foreignAttr(el: ModdleElement, uri: string, name: string): string | undefined {
  for (const prefix of prefixesFor(el, uri)) {
    const value = el.$attrs?.[`${prefix}:${name}`]?.trim();
    if (value) return value;
  }
  return undefined;
}
