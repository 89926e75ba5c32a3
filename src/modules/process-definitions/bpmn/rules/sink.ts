/** How our rules report: each rule appends issues naming the element and the rule id. */
import type { BpmnIssue } from '../types';

export interface Sink {
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

export function err(sink: Sink, elementId: string, rule: string, message: string): void {
  sink.errors.push({ elementId, rule, message });
}

export function warn(sink: Sink, elementId: string, rule: string, message: string): void {
  sink.warnings.push({ elementId, rule, message });
}
