import fc from 'fast-check';
import type { ServiceTask } from '../../../src/workflows/definition/types';
import { serviceActivityOptions } from '../../../src/workflows/interpreter/activities';
import { resolveTimer } from '../../../src/workflows/interpreter/timers';
import { VariableScope } from '../../../src/workflows/interpreter/variables';
import { parseIsoDuration } from '../../../src/modules/process-definitions/bpmn/iso-duration';
import { timerProblem } from '../../../src/modules/process-definitions/bpmn/validate';
import { chain, compile } from './bpmn-xml';

/**
 * The definition↔engine contract for durations: whatever validation accepts, the runtime (timers
 * and service-task activity options) accepts with the same length in milliseconds.
 */
const FROM = Date.parse('2025-03-03T00:00:00Z');

async function timerMs(value: string): Promise<number> {
  const entry = await resolveTimer(
    'k',
    'e',
    'timer',
    { kind: 'duration', value },
    new VariableScope(),
    FROM,
  );
  return Date.parse(entry.fireAt) - FROM;
}

function activityMs(value: string): number[] {
  const options = serviceActivityOptions({ initialInterval: value, maximumInterval: value }, value);
  return [
    options.startToCloseTimeout as number,
    options.retry?.initialInterval as number,
    options.retry?.maximumInterval as number,
  ];
}

async function serviceTaskOf(timeout: string): Promise<ServiceTask> {
  const result = await compile(
    chain([
      `<bpmn:serviceTask id="t" jc:activity="echo" jc:timeout="${timeout}" jc:retryInitialInterval="${timeout}" />`,
    ]),
  );
  expect(result.errors).toEqual([]);
  return result.definition!.root.elements.t as ServiceTask;
}

describe('durations: validation and runtime agree', () => {
  it.each([
    ['P1W', 604_800_000],
    ['PT1.5M', 90_000],
    ['pt30s', 30_000],
    ['P1DT12H', 129_600_000],
    ['PT0,5S', 500],
    [' P2D ', 172_800_000],
  ])('%j validates and runs as %d ms in timers and activities', async (text, ms) => {
    expect(timerProblem({ kind: 'duration', value: text })).toBeUndefined();
    expect(parseIsoDuration(text)).toBe(ms);
    expect(await timerMs(text)).toBe(ms);
    expect(activityMs(text)).toEqual([ms, ms, ms]);
    const task = await serviceTaskOf(text);
    const options = serviceActivityOptions(task.retry, task.timeout);
    expect(options.startToCloseTimeout).toBe(ms);
    expect(options.retry?.initialInterval).toBe(ms);
  });

  it.each([
    'P1M',
    'P1Y',
    'P2WD',
    'PT0S',
    'P1.5DT2H',
    'PT1.5H30M',
    'P0.5M',
    'P99999999999D',
    'PT',
    'P',
    '30s',
    '',
  ])('%j is refused by validation', (text) => {
    expect(timerProblem({ kind: 'duration', value: text })).toMatch(/invalid duration/);
  });

  it('a timer expression giving years or months still adds calendar units (UTC)', async () => {
    expect(new Date(FROM + (await timerMs('P1M'))).toISOString()).toBe('2025-04-03T00:00:00.000Z');
    expect(await timerMs('PT0S')).toBe(0);
  });

  // Strings built from the grammar's alphabet: mostly near-misses and valid durations.
  const number = fc.oneof(
    fc.nat({ max: 400 }).map(String),
    fc
      .tuple(fc.nat({ max: 99 }), fc.constantFrom('.', ','), fc.nat({ max: 999 }))
      .map(([a, sep, b]) => `${a}${sep}${b}`),
  );
  const component = fc.tuple(number, fc.constantFrom('Y', 'M', 'W', 'D', 'H', 'S', 'T', 'WD'));
  const ordered = fc
    .tuple(
      fc.constantFrom('P', 'p'),
      fc.subarray(['Y', 'M', 'W', 'D']),
      fc.subarray(['H', 'M', 'S']),
      fc.array(number, { minLength: 7, maxLength: 7 }),
    )
    .map(([head, date, time, numbers]) => {
      const units = [...date, ...(time.length ? ['T', ...time] : [])];
      return head + units.map((u, i) => (u === 'T' ? 'T' : numbers[i] + u)).join('');
    });
  const candidate = fc.oneof(
    ordered,
    ordered,
    fc
      .tuple(
        fc.constantFrom('P', 'p', ' P', 'PT', 'pt'),
        fc.array(component, { maxLength: 5 }),
        fc.constantFrom('', ' ', 'T'),
      )
      .map(([head, parts, tail]) => head + parts.map(([n, u]) => n + u).join('') + tail),
    fc.stringMatching(/^[PpTt0-9.,YMWDHSymwdhs ]{0,14}$/),
  );

  it('property: whatever validation accepts, timers and activities accept with the same value', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(candidate, async (text) => {
        if (timerProblem({ kind: 'duration', value: text }) !== undefined) return;
        accepted += 1;
        const ms = parseIsoDuration(text);
        expect(ms).toBeGreaterThan(0);
        expect(await timerMs(text)).toBe(ms);
        expect(activityMs(text)).toEqual([ms, ms, ms]);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
