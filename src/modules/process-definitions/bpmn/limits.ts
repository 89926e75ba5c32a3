/**
 * Size limits of a BPMN definition, checked before the XML is parsed (a cheap scan), so that no
 * file can make parsing, compiling and validating take long: the deploy route and
 * `jointcheck definition validate` apply the same limits. The shipped processes are far below
 * them (joint-inspection.bpmn: 35 KB, about 460 XML elements including its diagram).
 */
import type { BpmnIssue } from './types';

/** Largest BPMN file, in bytes of UTF-8 (2 MB). */
export const BPMN_MAX_BYTES = 2 * 1024 * 1024;

/** Most XML elements (start tags, diagram elements included) in one BPMN file. */
export const BPMN_MAX_ELEMENTS = 20_000;

/** Longest a deploy may spend parsing, compiling and validating (in a worker thread), in ms. */
export const BPMN_COMPILE_TIME_LIMIT_MS = 15_000;

/** Rule of the issue reported when a limit is exceeded (the HTTP API answers 413). */
export const LIMIT_RULE = 'limit-exceeded';

/** Most issues reported for one file; the rest are counted in a last issue. */
export const BPMN_MAX_REPORTED_ISSUES = 200;

/** Number of start tags in `xml`, counting stops just above `max`. */
export function countXmlElements(xml: string, max = BPMN_MAX_ELEMENTS): number {
  let count = 0;
  for (let i = xml.indexOf('<'); i >= 0; i = xml.indexOf('<', i + 1)) {
    const next = xml.charCodeAt(i + 1);
    // not </…, <!…, <?…
    if (next !== 0x2f && next !== 0x21 && next !== 0x3f && ++count > max) return count;
  }
  return count;
}

/** The limit `xml` exceeds, as an issue naming it, or null. */
export function checkBpmnLimits(xml: string): BpmnIssue | null {
  // UTF-8 takes at most 3 bytes per UTF-16 unit: skip the byte count for short strings.
  const bytes = xml.length * 3 <= BPMN_MAX_BYTES ? 0 : Buffer.byteLength(xml, 'utf8');
  if (bytes > BPMN_MAX_BYTES) {
    return {
      rule: LIMIT_RULE,
      message: `BPMN 文件过大：${bytes} 字节，上限 2 MB（${BPMN_MAX_BYTES} 字节）/ the BPMN file is ${bytes} bytes and exceeds the limit of 2 MB (${BPMN_MAX_BYTES} bytes)`,
    };
  }
  if (countXmlElements(xml) > BPMN_MAX_ELEMENTS) {
    return {
      rule: LIMIT_RULE,
      message: `BPMN 元素过多：超过 ${BPMN_MAX_ELEMENTS} 个 XML 元素的上限 / the BPMN file exceeds the limit of ${BPMN_MAX_ELEMENTS} XML elements`,
    };
  }
  return null;
}

/** At most BPMN_MAX_REPORTED_ISSUES issues, the rest summarised in one more. */
export function capIssues(issues: BpmnIssue[]): BpmnIssue[] {
  if (issues.length <= BPMN_MAX_REPORTED_ISSUES) return issues;
  const more = issues.length - BPMN_MAX_REPORTED_ISSUES;
  return [
    ...issues.slice(0, BPMN_MAX_REPORTED_ISSUES),
    {
      rule: 'more-issues',
      message: `另有 ${more} 处问题未列出 / ${more} more issues not listed`,
    },
  ];
}
