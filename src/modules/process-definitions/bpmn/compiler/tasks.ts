import {
  type Assignment,
  type FlowElement,
  type FormSpec,
  type ReminderPolicy,
  type RetryPolicySpec,
  type TimerSpec,
  type UserTask,
  type ServiceTask,
  type CallActivity,
} from '../../../../workflows/definition/types';
import { CAMUNDA_URI, attr, body, extension, foreignAttr, list } from '../extensions';
import type { ModdleElement } from '../types';
import { EventCompiler } from './events';
import type { ElementBaseFields } from './base';

/** User tasks (assignment, due dates, forms, reminders), service tasks (activity, timeout, retry) and call activities. */
export abstract class TaskCompiler extends EventCompiler {
  protected userTask(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const zeebeAssign = extension(el, 'zeebe:AssignmentDefinition');
    const zeebeSchedule = extension(el, 'zeebe:TaskSchedule');
    const assignment: Assignment = {};
    const department = attr(el, 'jc:department');
    const role = attr(el, 'jc:role');
    const user =
      attr(el, 'jc:user') ?? attr(el, 'camunda:assignee') ?? attr(zeebeAssign, 'assignee');
    const groups = list(
      attr(el, 'camunda:candidateGroups') ?? attr(zeebeAssign, 'candidateGroups'),
    );
    if (department) assignment.department = department;
    if (role) assignment.role = role;
    if (user) assignment.user = user;
    if (groups.length) assignment.candidateGroups = groups;
    if (!department && !role && !user && !groups.length) {
      this.error(
        el,
        'missing-attribute',
        '用户任务未指定办理人 user task needs jc:department / jc:role, jc:user, or camunda:candidateGroups / camunda:assignee',
      );
    }
    const task: UserTask = { ...base, type: 'userTask', assignment };
    const subject = attr(el, 'jc:subject');
    if (subject) task.subject = subject;
    const due = this.due(el, zeebeSchedule);
    if (due) task.due = due;
    const followUp = attr(el, 'camunda:followUpDate') ?? attr(zeebeSchedule, 'followUpDate');
    if (followUp) task.followUp = { kind: 'date', value: followUp };
    const form = this.form(el);
    if (form) task.form = form;
    const reminderDays = attr(el, 'jc:reminderDays');
    if (reminderDays !== undefined) task.reminders = this.reminders(el, reminderDays);
    return task;
  }

  protected due(
    el: ModdleElement,
    zeebeSchedule: ModdleElement | undefined,
  ): TimerSpec | undefined {
    const dueDate =
      attr(el, 'jc:dueDate') ??
      foreignAttr(el, CAMUNDA_URI, 'dueDate') ??
      attr(zeebeSchedule, 'dueDate');
    const options: TimerSpec[] = [];
    const workingDays = attr(el, 'jc:dueWorkingDays');
    const duration = attr(el, 'jc:dueDuration');
    if (workingDays) options.push({ kind: 'workingDays', value: workingDays });
    if (duration) options.push({ kind: 'duration', value: duration });
    if (dueDate) {
      const next = attr(el, 'jc:dueNextWorkingDay') === 'true';
      options.push({ kind: 'date', value: dueDate, ...(next ? { nextWorkingDay: true } : {}) });
    }
    if (options.length > 1) {
      this.error(
        el,
        'conflicting-attributes',
        '期限只能设置一种 use only one of jc:dueWorkingDays, jc:dueDuration, jc:dueDate',
      );
    }
    return options[0];
  }

  protected form(el: ModdleElement): FormSpec | undefined {
    const zeebeForm = extension(el, 'zeebe:FormDefinition');
    const name =
      attr(el, 'jc:form') ??
      attr(el, 'camunda:formKey') ??
      attr(zeebeForm, 'formKey') ??
      attr(zeebeForm, 'formId');
    const schemaText = body(extension(el, 'jc:FormSchema'));
    const form: FormSpec = {};
    if (name) form.name = name;
    if (schemaText !== undefined) {
      try {
        const schema: unknown = JSON.parse(schemaText);
        if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
          throw new Error('not an object');
        form.schema = schema as Record<string, unknown>;
      } catch (e) {
        this.error(
          el,
          'bad-form-schema',
          `jc:formSchema 不是 JSON 对象 is not a JSON object: ${(e as Error).message}`,
        );
      }
    }
    return form.name || form.schema ? form : undefined;
  }

  protected reminders(el: ModdleElement, text: string): ReminderPolicy | undefined {
    const days = list(text);
    if (!days.length || days.some((d) => !/^\d+$/.test(d))) {
      this.error(
        el,
        'bad-duration',
        `jc:reminderDays="${text}" 无效 invalid; expected whole working days such as "1,0"`,
      );
      return undefined;
    }
    return { workingDaysBefore: days.map(Number) };
  }

  protected serviceTask(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const zeebeTask = extension(el, 'zeebe:TaskDefinition');
    const activity =
      attr(el, 'jc:activity') ?? attr(zeebeTask, 'type') ?? attr(el, 'camunda:topic');
    if (!activity) {
      this.error(
        el,
        'missing-attribute',
        '服务任务缺少 jc:activity service task needs jc:activity (or zeebe:taskDefinition type)',
      );
    }
    const task: ServiceTask = { ...base, type: 'serviceTask', activity: activity ?? '' };
    const resultVariable = attr(el, 'jc:result') ?? attr(el, 'camunda:resultVariable');
    if (resultVariable) task.resultVariable = resultVariable;
    const retry = this.retry(el, attr(zeebeTask, 'retries'));
    if (retry) task.retry = retry;
    const timeout = attr(el, 'jc:timeout');
    if (timeout) task.timeout = timeout;
    return task;
  }

  protected retry(
    el: ModdleElement,
    zeebeRetries: string | undefined,
  ): RetryPolicySpec | undefined {
    const retry: RetryPolicySpec = {};
    const attempts = attr(el, 'jc:retryMaxAttempts') ?? zeebeRetries;
    if (attempts !== undefined) {
      if (!/^\d+$/.test(attempts) || Number(attempts) < 1) {
        this.error(
          el,
          'bad-attribute',
          `重试次数无效 retry attempts "${attempts}" must be a whole number ≥ 1`,
        );
      } else retry.maximumAttempts = Number(attempts);
    }
    const initial = attr(el, 'jc:retryInitialInterval');
    if (initial) retry.initialInterval = initial;
    const backoff = attr(el, 'jc:retryBackoff');
    if (backoff !== undefined) {
      if (!(Number(backoff) >= 1))
        this.error(el, 'bad-attribute', `jc:retryBackoff="${backoff}" must be a number ≥ 1`);
      else retry.backoffCoefficient = Number(backoff);
    }
    const max = attr(el, 'jc:retryMaxInterval');
    if (max) retry.maximumInterval = max;
    return Object.keys(retry).length ? retry : undefined;
  }

  protected callActivity(el: ModdleElement, base: ElementBaseFields): FlowElement {
    const calledKey =
      attr(el, 'calledElement') ?? attr(extension(el, 'zeebe:CalledElement'), 'processId');
    if (!calledKey) {
      this.error(
        el,
        'missing-attribute',
        '调用活动缺少 calledElement call activity needs calledElement (the callee process id)',
      );
    }
    const activity: CallActivity = { ...base, type: 'callActivity', calledKey: calledKey ?? '' };
    const version = this.positiveInteger(el, 'jc:calledVersion', attr(el, 'jc:calledVersion'));
    if (version !== undefined) activity.calledVersion = version;
    return activity;
  }
}
