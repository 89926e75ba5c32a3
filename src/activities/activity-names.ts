import { INSPECTION_ACTIVITY_NAMES } from './inspection.activities';
import type { CalendarActivities, EngineActivities } from '../workflows/interpreter/contract';

/**
 * The engine's own activities: called by the interpreter, never named by a service task.
 * Kept as a typed record so adding an activity to the contract fails to compile here.
 */
const ENGINE: Record<keyof EngineActivities | keyof CalendarActivities, true> = {
  loadDefinition: true,
  resolveInstant: true,
  recordInstance: true,
  createTask: true,
  updateTask: true,
  remindTask: true,
  raiseEscalation: true,
  recordIncident: true,
  recordDeadlineMoved: true,
  reminderInstants: true,
};
export const ENGINE_ACTIVITY_NAMES: readonly string[] = Object.keys(ENGINE).sort();

/**
 * Activities a BPMN service task may name (jc:activity), known without starting the app, so
 * `jointcheck definition validate` works offline. A module that registers a service activity in
 * ActivityRegistry adds its name here too (the deploy API checks against the live registry).
 */
export const SERVICE_ACTIVITY_NAMES: readonly string[] = [...INSPECTION_ACTIVITY_NAMES];

/** Names accepted for service tasks: the static list plus any extra (e.g. `--activities`). */
export function knownServiceActivities(extra: Iterable<string> = []): string[] {
  const engine = new Set(ENGINE_ACTIVITY_NAMES);
  return [...new Set([...SERVICE_ACTIVITY_NAMES, ...extra])].filter((n) => !engine.has(n)).sort();
}
