/** Side effects the workflows ask for, built by factories from their dependencies. */
export {
  ENGINE_ACTIVITY_NAMES,
  SERVICE_ACTIVITY_NAMES,
  knownServiceActivities,
} from './activity-names';
export { type CalendarTimerSpec, type DeadlineCalendar } from './deadline-calendar';
export {
  createEngineActivities,
  type DefinitionLoader,
  type EngineActivityDeps,
  type EngineActivityImpl,
  type EscalationRequest,
} from './engine.activities';
