/*
 * Types shared by every stage of the BPMN pipeline (parse, limits, extensions, compile, validate
 * and its rules). A leaf: it imports nothing, so no stage imports another only for a type.
 */

/** A node of the moddle tree; properties are those of the BPMN meta-model. */
export interface ModdleElement {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, string>;
  $parent?: ModdleElement;
  [property: string]: any;
}

/** One problem found in a definition; `rule` names the check that found it. */
export interface BpmnIssue {
  /** Id of the BPMN element concerned, when there is one. */
  elementId?: string;
  rule: string;
  message: string;
  /** 1-based position in the XML, for parse errors. */
  line?: number;
  column?: number;
}
