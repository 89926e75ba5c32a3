import type { FlowElement, Scope, TimerSpec } from '../../../../workflows/definition/types';
import { isExpressionValue } from '../compile';
import { parseIsoDuration } from '../iso-duration';
import { err, type Sink } from './sink';

/**
 * cycle-without-wait-state: every cycle of the flow graph must pass through an element that
 * yields to the Temporal server, or the interpreter would loop inside one workflow activation
 * (the interpreter also caps the steps of an activation, but then the instance stops with an
 * incident). Edges are sequence flows and host → attached boundary event. Wait states:
 * - user task, service task and call activity (each calls an activity first, so it yields), when
 *   not multi-instance (an empty collection passes straight through);
 * - message catch events and message boundary events (the buffer holds at most 100 messages);
 * - timer catch and timer boundary events with a working-day or date timer (resolved by an
 *   activity) or a literal duration longer than zero (an expression may give PT0S);
 * - an embedded sub-process, not multi-instance, whose every path from start to end passes
 *   through a wait state.
 * Gateways, throw events, escalation boundary events and start/end events never wait.
 */
export function checkCyclesWait(scope: Scope, sink: Sink): void {
  const waits = (id: string): boolean => {
    const el = scope.elements[id];
    return el !== undefined && isWaitState(el);
  };
  const next = (id: string): string[] => {
    const el = scope.elements[id];
    if (!el) return [];
    const targets = el.outgoing
      .map((f) => scope.flows[f]?.targetId)
      .filter((t): t is string => t !== undefined && scope.elements[t] !== undefined);
    return [...targets, ...el.boundary.filter((b) => scope.elements[b] !== undefined)];
  };
  const nodes = Object.keys(scope.elements).filter((id) => !waits(id));
  for (const component of stronglyConnected(nodes, (id) => next(id).filter((t) => !waits(t)))) {
    const cycle = cycleWithin(component, (id) => next(id).filter((t) => !waits(t)));
    if (!cycle) continue;
    err(
      sink,
      cycle[0],
      'cycle-without-wait-state',
      `循环中没有等待状态（用户任务、服务任务、调用活动、消息或定时器事件），流程会在一次执行中无限循环 cycle without a wait state: ${[...cycle, cycle[0]].join(' → ')}`,
    );
  }
}

/** True when running the element always yields to the server (see checkCyclesWait). */
export function isWaitState(el: FlowElement): boolean {
  if (el.multiInstance) return false;
  switch (el.type) {
    case 'userTask':
    case 'serviceTask':
    case 'callActivity':
      return true;
    case 'intermediateCatchEvent':
      return el.message !== undefined || (el.timer !== undefined && timerWaits(el.timer));
    case 'boundaryEvent':
      return (
        el.message !== undefined ||
        (el.timer !== undefined && timerWaits(el.timer)) ||
        (el.cycle !== undefined && timerWaits(el.cycle.every))
      );
    case 'subProcess':
      return alwaysWaits(el.scope);
    default:
      return false;
  }
}

function timerWaits(spec: TimerSpec): boolean {
  if (spec.kind !== 'duration') return true;
  if (isExpressionValue(spec.value)) return false;
  try {
    return parseIsoDuration(spec.value) > 0;
  } catch {
    return false;
  }
}

/** True when no end of the scope can be reached from its start without passing a wait state. */
function alwaysWaits(scope: Scope): boolean {
  const seen = new Set<string>();
  const queue = [...scope.startIds];
  while (queue.length) {
    const id = queue.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const el = scope.elements[id];
    if (!el || isWaitState(el)) continue;
    if (el.type === 'endEvent' || el.outgoing.length === 0) return false;
    for (const f of el.outgoing) {
      const target = scope.flows[f]?.targetId;
      if (target !== undefined) queue.push(target);
    }
  }
  return true;
}

/** Tarjan's strongly connected components (iterative: definitions may be large). */
function stronglyConnected(nodes: string[], next: (id: string) => string[]): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; edges: string[]; at: number }> = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter += 1;
      stack.push(id);
      onStack.add(id);
      work.push({ id, edges: next(id), at: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.at < frame.edges.length) {
        const to = frame.edges[frame.at++];
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length)
        low.set(
          work[work.length - 1].id,
          Math.min(low.get(work[work.length - 1].id)!, low.get(frame.id)!),
        );
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let id: string;
        do {
          id = stack.pop() as string;
          onStack.delete(id);
          component.push(id);
        } while (id !== frame.id);
        out.push(component);
      }
    }
  }
  return out;
}

/** One concrete cycle inside a strongly connected component (none for a lone node without a self-loop). */
function cycleWithin(component: string[], next: (id: string) => string[]): string[] | undefined {
  const members = new Set(component);
  const start = [...component].sort()[0];
  const parent = new Map<string, string>();
  const queue = [start];
  const seen = new Set([start]);
  while (queue.length) {
    const id = queue.shift() as string;
    for (const to of next(id).filter((t) => members.has(t))) {
      if (to === start) {
        const path = [id];
        while (path[0] !== start) path.unshift(parent.get(path[0])!);
        return path;
      }
      if (seen.has(to)) continue;
      seen.add(to);
      parent.set(to, id);
      queue.push(to);
    }
  }
  return undefined;
}
