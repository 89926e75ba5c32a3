import { type CycleSpec, type TimerSpec } from '../../../../workflows/definition/types';
import { attr, body } from '../extensions';
import { parseRepeatingInterval } from '../iso-duration';
import type { ModdleElement } from '../types';
import { CompilerBase } from './base';

/** Timer definitions: durations, working days, dates, ISO cycles and jc:repeat. */
export abstract class TimerCompiler extends CompilerBase {
  /**
   * A timer definition: jc:workingDays, timeDuration or timeDate (exactly one), or a cycle
   * (timeCycle R<n>/<duration>, or jc:repeat with one of the former) when `allowCycle`.
   */
  protected timer(
    el: ModdleElement,
    def: ModdleElement,
    allowCycle: boolean,
  ): TimerSpec | CycleSpec | undefined {
    const workingDays = attr(def, 'jc:workingDays');
    const duration = body(def.timeDuration);
    const date = body(def.timeDate);
    const cycle = body(def.timeCycle);
    const repeat = attr(def, 'jc:repeat');
    const given = [workingDays, duration, date, cycle].filter((v) => v !== undefined).length;
    if (given === 0) {
      this.error(
        el,
        'missing-attribute',
        '定时器未设置时间 timer needs timeDuration, timeDate, timeCycle or jc:workingDays',
      );
      return undefined;
    }
    if (given > 1) {
      this.error(
        el,
        'conflicting-attributes',
        '定时器只能设置一种时间 timer has more than one of timeDuration, timeDate, timeCycle, jc:workingDays',
      );
      return undefined;
    }
    if ((cycle !== undefined || repeat !== undefined) && !allowCycle) {
      this.error(
        el,
        'timer-cycle-placement',
        '循环定时器只能用于非中断边界事件 a repeating timer is only allowed on a non-interrupting boundary event',
      );
      return undefined;
    }
    const nextWorkingDay = attr(def, 'jc:nextWorkingDay') === 'true';
    const spec: TimerSpec =
      workingDays !== undefined
        ? { kind: 'workingDays', value: workingDays }
        : duration !== undefined
          ? { kind: 'duration', value: duration }
          : { kind: 'date', value: date ?? '', ...(nextWorkingDay ? { nextWorkingDay } : {}) };
    if (cycle !== undefined) return this.isoCycle(el, cycle);
    if (repeat !== undefined) return this.repeat(el, repeat, spec);
    return spec;
  }

  protected isoCycle(el: ModdleElement, cycle: string): CycleSpec | undefined {
    try {
      const { repetitions, duration } = parseRepeatingInterval(cycle);
      return {
        ...(repetitions !== undefined ? { repetitions } : {}),
        every: { kind: 'duration', value: duration },
      };
    } catch (e) {
      this.error(el, 'bad-duration', (e as Error).message);
      return undefined;
    }
  }

  protected repeat(el: ModdleElement, repeat: string, every: TimerSpec): CycleSpec | undefined {
    const m = /^R(\d*)$/i.exec(repeat);
    if (!m || every.kind === 'date' || m[1] === '0') {
      this.error(
        el,
        'bad-duration',
        `jc:repeat="${repeat}" 无效 invalid; expected R<n> (e.g. R3) or R, with jc:workingDays or timeDuration`,
      );
      return undefined;
    }
    return { ...(m[1] ? { repetitions: Number(m[1]) } : {}), every };
  }
}
