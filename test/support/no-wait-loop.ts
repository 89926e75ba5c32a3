/** start → join → split → back to join while n > 0 (never changes): no wait state anywhere. */
export const NO_WAIT_LOOP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:jc="http://jointcheck.gov.cn/schema/bpmn/1.0" id="d_loop" targetNamespace="http://jointcheck.gov.cn/bpmn/test">
  <bpmn:process id="no-wait-loop" isExecutable="true" jc:variables="n">
    <bpmn:startEvent id="start" />
    <bpmn:exclusiveGateway id="join" />
    <bpmn:exclusiveGateway id="split" default="out" />
    <bpmn:endEvent id="end" />
    <bpmn:sequenceFlow id="in" sourceRef="start" targetRef="join" />
    <bpmn:sequenceFlow id="on" sourceRef="join" targetRef="split" />
    <bpmn:sequenceFlow id="back" sourceRef="split" targetRef="join"><bpmn:conditionExpression>\${n &gt; 0}</bpmn:conditionExpression></bpmn:sequenceFlow>
    <bpmn:sequenceFlow id="out" sourceRef="split" targetRef="end" />
  </bpmn:process>
</bpmn:definitions>`;
