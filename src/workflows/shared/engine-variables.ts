/**
 * Variables the engine sets itself, which a definition may read without declaring them in
 * `jc:variables`: declared here once, seeded here, checked by the validator (ENGINE_VARIABLES,
 * rule undeclared-variable). Pure, so the workflow may use it. See docs/bpmn.md, "Engine
 * variables".
 */

/**
 * Seeded into the root scope of every process instance when it starts (a call activity's child
 * too): `businessKey` (the instance's business key, or null), `initiator` (the username of whoever
 * started it; a called child inherits its parent's) and `today` (the calendar date in
 * Asia/Shanghai, `YYYY-MM-DD`, on which the instance started — the workflow's start time, so the
 * same on replay; it does not change while the instance runs).
 */
export const INSTANCE_VARIABLES = ['businessKey', 'initiator', 'today'] as const;
export type InstanceVariable = (typeof INSTANCE_VARIABLES)[number];

/** Set in each iteration of a multi-instance element (its isolated scope), not in the root scope. */
export const ITERATION_VARIABLES = [
  'loopCounter',
  'nrOfInstances',
  'nrOfCompletedInstances',
  'nrOfActiveInstances',
] as const;

/** Every variable the engine provides: a definition may read these without declaring them. */
export const ENGINE_VARIABLES: readonly string[] = [...ITERATION_VARIABLES, ...INSTANCE_VARIABLES];

/**
 * Patch id guarding the seeding: instances recorded before it never had these variables and keep
 * running without them (their histories replay unchanged).
 */
export const ENGINE_VARIABLES_PATCH = 'engine-variables';

/** China Standard Time has been UTC+8 all year since 1991 (no daylight saving). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai of an instant. */
export function shanghaiDate(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The values of INSTANCE_VARIABLES for an instance started at `startMs`. */
export function instanceVariables(
  input: { businessKey?: string | null; startedBy: { username: string } },
  startMs: number,
): Record<InstanceVariable, unknown> {
  return {
    businessKey: input.businessKey ?? null,
    initiator: input.startedBy.username,
    today: shanghaiDate(startMs),
  };
}

/** The variables without the instance variables (a called child's must not overwrite its parent's). */
export function withoutInstanceVariables(values: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...values };
  for (const name of INSTANCE_VARIABLES) delete rest[name];
  return rest;
}
