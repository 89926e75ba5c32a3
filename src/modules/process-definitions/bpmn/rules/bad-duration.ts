/**
 * bad-duration: literal timer values, and service task timeouts and retry intervals, must parse.
 * Expressions are checked by the expressions rule. Every duration check of the validator is here.
 */
import type { FlowElement, TimerSpec } from '../../../../workflows/definition/types';
import { isExpressionValue } from '../compile';
import { DurationError, isIsoDate, parseIsoDuration } from '../iso-duration';
import { err, type Sink } from './sink';

/** bad-duration: literal timer values must parse; expressions are checked by checkExpressions. */
export function checkTimers(el: FlowElement, sink: Sink): void {
  const specs: TimerSpec[] = [];
  if (
    (el.type === 'startEvent' ||
      el.type === 'intermediateCatchEvent' ||
      el.type === 'boundaryEvent') &&
    el.timer
  ) {
    specs.push(el.timer);
  }
  if (el.type === 'boundaryEvent' && el.cycle) specs.push(el.cycle.every);
  if (el.type === 'userTask') {
    if (el.due) specs.push(el.due);
    if (el.followUp) specs.push(el.followUp);
  }
  for (const spec of specs) {
    const problem = timerProblem(spec);
    if (problem) err(sink, el.id, 'bad-duration', problem);
  }
}

/** Why a literal timer value is invalid, or undefined when it is fine (or an expression). */
export function timerProblem(spec: TimerSpec): string | undefined {
  if (isExpressionValue(spec.value)) return undefined;
  if (spec.kind === 'workingDays') {
    return /^\d{1,3}$/.test(spec.value)
      ? undefined
      : `工作日数无效 working days "${spec.value}" must be a whole number 0-999 or an expression like \${days}`;
  }
  if (spec.kind === 'date') {
    return isIsoDate(spec.value)
      ? undefined
      : `日期无效 date "${spec.value}" must be ISO 8601 like 2025-03-31 or 2025-03-31T17:00:00+08:00`;
  }
  return durationProblem(spec.value);
}

export function durationProblem(value: string): string | undefined {
  try {
    parseIsoDuration(value);
    return undefined;
  } catch (e) {
    if (e instanceof DurationError) return e.message;
    throw e;
  }
}

/** bad-duration of a service task's retry intervals and timeout. */
export function checkServiceTaskDurations(el: FlowElement, sink: Sink): void {
  if (el.type !== 'serviceTask') return;
  for (const value of [el.timeout, el.retry?.initialInterval, el.retry?.maximumInterval]) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) err(sink, el.id, 'bad-duration', problem);
  }
}
