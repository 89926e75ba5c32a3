import { type FlowElement, type MultiInstanceSpec } from '../../../../workflows/definition/types';
import { attr, body, extension, inputMappings, outputMappings } from '../extensions';
import type { ModdleElement } from '../types';
import { TaskCompiler } from './tasks';

const MULTI_INSTANCE_HOSTS = new Set(['userTask', 'subProcess', 'callActivity']);

/** Input/output mappings and multi-instance loop characteristics, on any element that has them. */
export abstract class MappingCompiler extends TaskCompiler {
  protected mappings(el: ModdleElement, compiled: FlowElement): void {
    const inputs = inputMappings(el);
    const outputs = outputMappings(el);
    for (const m of [...inputs, ...outputs]) {
      if (!m.name || !/^[A-Za-z_$][\w$]*$/.test(m.name)) {
        this.error(
          el,
          'bad-attribute',
          `映射变量名无效 mapping variable name "${m.name}" must be an identifier`,
        );
      }
    }
    if (inputs.length) compiled.inputs = Object.fromEntries(inputs.map((m) => [m.name, m.value]));
    if (outputs.length)
      compiled.outputs = Object.fromEntries(outputs.map((m) => [m.name, m.value]));
  }

  protected loop(el: ModdleElement, compiled: FlowElement): void {
    const lc: ModdleElement | undefined = el.loopCharacteristics;
    if (!lc) return;
    if (lc.$type !== 'bpmn:MultiInstanceLoopCharacteristics') {
      this.unsupported(el, `${lc.$type} (standard loop 标准循环)`);
      return;
    }
    if (!MULTI_INSTANCE_HOSTS.has(compiled.type)) {
      this.unsupported(
        el,
        `multi-instance on ${compiled.type} (only userTask, subProcess, callActivity)`,
      );
      return;
    }
    const zeebe = extension(lc, 'zeebe:LoopCharacteristics');
    const cardinality = body(lc.loopCardinality);
    const collection =
      attr(lc, 'jc:inputCollection') ??
      attr(lc, 'camunda:collection') ??
      attr(zeebe, 'inputCollection') ??
      cardinality;
    let elementVariable =
      attr(lc, 'jc:inputElement') ??
      attr(lc, 'camunda:elementVariable') ??
      attr(zeebe, 'inputElement');
    if (!collection) {
      this.error(
        el,
        'missing-attribute',
        '多实例缺少集合 multi-instance needs jc:inputCollection (or loopCardinality)',
      );
      return;
    }
    if (!elementVariable) {
      if (collection !== cardinality) {
        this.error(
          el,
          'missing-attribute',
          '多实例缺少元素变量 multi-instance over a collection needs jc:inputElement',
        );
        return;
      }
      elementVariable = 'item';
    }
    const spec: MultiInstanceSpec = {
      collection,
      elementVariable,
      isSequential: lc.isSequential === true,
    };
    const outputCollection = attr(lc, 'jc:outputCollection') ?? attr(zeebe, 'outputCollection');
    const outputElement = attr(lc, 'jc:outputElement') ?? attr(zeebe, 'outputElement');
    if (outputCollection) spec.outputCollection = outputCollection;
    if (outputElement) spec.outputElement = outputElement;
    const completion = body(lc.completionCondition);
    if (completion) spec.completionCondition = completion;
    const batch = this.positiveInteger(el, 'jc:batchSize', attr(lc, 'jc:batchSize'));
    if (batch !== undefined) spec.batchSize = batch;
    compiled.multiInstance = spec;
  }
}
