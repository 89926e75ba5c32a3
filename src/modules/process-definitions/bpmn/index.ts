/**
 * BPMN definitions: XML → validated CompiledDefinition. Free of NestJS so the CLI can use it
 * without a server. Pipeline: parse.ts → compile.ts → validate.ts (see docs/bpmn.md).
 */
import type { CompiledDefinition } from '../../../workflows/definition/types';
import { compileDefinitions } from './compile';
import { capIssues } from './limits';
import { parseBpmn, type BpmnIssue } from './parse';
import { validateDefinition, type ValidateOptions } from './validate';

export interface CompileBpmnResult {
  /** Present only when there are no errors. */
  definition?: CompiledDefinition;
  errors: BpmnIssue[];
  warnings: BpmnIssue[];
}

export type CompileBpmnOptions = ValidateOptions;

/**
 * Parses, compiles and validates BPMN 2.0 XML. Never throws for bad input: every problem is an
 * error naming the element id and the rule; the definition is returned only when valid.
 */
export async function compileBpmn(
  xml: string,
  options: CompileBpmnOptions = {},
): Promise<CompileBpmnResult> {
  const parsed = await parseBpmn(xml);
  if (!parsed.definitions) {
    return { errors: capIssues(parsed.errors), warnings: capIssues(parsed.warnings) };
  }
  const compiled = compileDefinitions(parsed.definitions);
  // concat, not push(...): thousands of issues would overflow the call stack
  let errors = parsed.errors.concat(compiled.errors);
  let warnings = parsed.warnings.concat(compiled.warnings);
  if (!compiled.definition) return { errors: capIssues(errors), warnings: capIssues(warnings) };
  const validation = await validateDefinition(parsed.definitions, compiled.definition, options);
  errors = capIssues(errors.concat(validation.errors));
  warnings = capIssues(warnings.concat(validation.warnings));
  return errors.length
    ? { errors, warnings }
    : { definition: compiled.definition, errors, warnings };
}

/** One line per issue, for CLI output and exception messages. */
export function formatIssues(issues: BpmnIssue[]): string {
  return issues
    .map((i) => {
      const where = i.line !== undefined ? `line ${i.line}:${i.column ?? 0}` : (i.elementId ?? '-');
      return `[${i.rule}] ${where}: ${i.message}`;
    })
    .join('\n');
}

export type { BpmnIssue, ModdleElement, ParseResult } from './parse';
export { parseBpmn } from './parse';
export {
  BPMN_COMPILE_TIME_LIMIT_MS,
  BPMN_MAX_BYTES,
  BPMN_MAX_ELEMENTS,
  LIMIT_RULE,
  checkBpmnLimits,
} from './limits';
export { compileDefinitions, type CompileResult } from './compile';
export {
  BPMNLINT_RULES,
  ENGINE_VARIABLES,
  KNOWN_ROLES,
  checkDefinition,
  lintWithBpmnlint,
  validateDefinition,
  type ValidateOptions,
  type ValidationResult,
} from './validate';
export {
  parseIsoDuration,
  isIsoDuration,
  isIsoDate,
  parseRepeatingInterval,
  DurationError,
} from './iso-duration';
