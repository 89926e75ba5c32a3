import { condition } from '@temporalio/workflow';
import type { TimerSpec } from '../definition/types';
import { engine } from './activities';
import type { Actor, MoveDeadlineArgs, TimerView } from './contract';
import type { Execution, TimerEntry } from './execution';
import { evaluateTemplate } from './expression';
import type { VariableScope } from './variables';
import { addDuration } from '../shared/duration';

/**
 * Resolves a timer to an absolute instant. ISO durations are computed here; working-day and
 * date timers ask the calendar activity, which says whether the result is provisional.
 */
export async function resolveTimer(
  key: string,
  elementId: string,
  purpose: TimerView['purpose'],
  spec: TimerSpec,
  vars: VariableScope,
  fromMs = Date.now(),
): Promise<TimerEntry> {
  const resolvedValue = String(evaluateTemplate(spec.value, vars.all()));
  const from = new Date(fromMs).toISOString();
  const base = { key, elementId, purpose, spec, from, resolvedValue, version: 0 };
  if (spec.kind === 'duration') {
    return {
      ...base,
      fireAt: new Date(addDuration(fromMs, resolvedValue)).toISOString(),
      provisional: false,
    };
  }
  const resolved = await engine.resolveInstant(
    { kind: spec.kind, value: resolvedValue, nextWorkingDay: spec.nextWorkingDay },
    from,
  );
  return { ...base, ...resolved };
}

/**
 * Waits until the timer's instant. The wait re-arms when the instant moves (moveDeadlines
 * signal), so a durable timer is never lost, doubled or left at a stale date.
 */
export async function waitForTimer(ex: Execution, entry: TimerEntry): Promise<void> {
  ex.timers.set(entry.key, entry);
  try {
    for (;;) {
      const seen = entry.version;
      const remaining = Date.parse(entry.fireAt) - Date.now();
      if (remaining <= 0) return;
      const moved = await condition(() => entry.version !== seen, remaining);
      if (!moved) return;
    }
  } finally {
    ex.timers.delete(entry.key);
  }
}

/**
 * Handler of the moveDeadlines signal: moves one timer to a given instant, or re-resolves every
 * calendar timer (after the office imports a new schedule). Each move is recorded.
 */
export async function moveDeadlines(ex: Execution, args: MoveDeadlineArgs): Promise<void> {
  const entries = args.timerKey
    ? [ex.timers.get(args.timerKey)].filter((e): e is TimerEntry => !!e)
    : [...ex.timers.values()].filter((e) => e.spec.kind !== 'duration');
  for (const entry of entries) {
    const previous = entry.fireAt;
    if (args.fireAt) {
      entry.fireAt = new Date(Date.parse(args.fireAt)).toISOString();
    } else {
      if (entry.spec.kind === 'duration') continue;
      const resolved = await engine.resolveInstant(
        {
          kind: entry.spec.kind,
          value: entry.resolvedValue,
          nextWorkingDay: entry.spec.nextWorkingDay,
        },
        entry.from,
      );
      entry.fireAt = resolved.fireAt;
      entry.provisional = resolved.provisional;
      entry.calendarVersion = resolved.calendarVersion;
    }
    if (entry.fireAt === previous) continue;
    entry.version += 1;
    await recordMove(ex, entry, previous, args.reason, args.actor);
  }
}

async function recordMove(
  ex: Execution,
  entry: TimerEntry,
  from: string,
  reason: string,
  actor: Actor,
) {
  await engine.recordDeadlineMoved({
    workflowId: ex.workflowId,
    timerKey: entry.key,
    elementId: entry.elementId,
    from,
    to: entry.fireAt,
    reason,
    actor: actor.username,
  });
  for (const task of ex.tasks.values()) {
    if (entry.purpose === 'due' && entry.key === `${task.taskId}:due`) {
      task.dueAt = entry.fireAt;
      task.provisional = entry.provisional;
      await engine.updateTask({
        taskId: task.taskId,
        action: 'deadline-moved',
        actor: actor.username,
        dueAt: entry.fireAt,
        reason,
      });
    }
  }
}
