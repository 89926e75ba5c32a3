import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  IsCalendarDate,
  IsCalendarDateTime,
  isCalendarDate,
  isCalendarDateTime,
} from '../../../src/common/calendar-date';
import {
  findLoneSurrogate,
  hasLoneSurrogate,
  jsonNestingDepth,
} from '../../../src/common/request-limits';
import { echoValue } from '../../../src/common/validation';

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['9999-99-99', false],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['1999-12-31', false],
    ['2101-01-01', false],
    ['2026-3-1', false],
    [20260301, false],
  ])('isCalendarDate(%j) is %s', (value, ok) => expect(isCalendarDate(value)).toBe(ok));

  it('takes a year range', () => {
    expect(isCalendarDate('1949-10-01', { minYear: 1900, maxYear: 2100 })).toBe(true);
  });

  it.each([
    ['2026-03-01', true],
    ['2026-03-01T09:00:00+08:00', true],
    ['2026-03-01T09:00:00.123Z', true],
    ['2026-03-01T09:00Z', true],
    ['2026-02-30T09:00:00Z', false],
    ['2026-03-01T24:00:00Z', false],
    ['2026-03-01T09:60:00Z', false],
    ['9999-12-31T00:00:00Z', false],
    ['yesterday', false],
  ])('isCalendarDateTime(%j) is %s', (value, ok) => expect(isCalendarDateTime(value)).toBe(ok));

  it('names the field, the form and the range in its message', () => {
    class Dto {
      @IsCalendarDate() windowStart: string;
      @IsCalendarDateTime() fireAt: string;
    }
    const errors = validateSync(
      plainToInstance(Dto, { windowStart: '2026-02-30', fireAt: '2026-02-30T00:00:00Z' }),
    );
    expect(errors.map((e) => Object.values(e.constraints ?? {})[0])).toEqual([
      expect.stringMatching(
        /^windowStart 应为有效的日历日期 YYYY-MM-DD（2000–2100 年），收到 "2026-02-30"/,
      ),
      expect.stringMatching(/^fireAt 应为有效的日历日期/),
    ]);
  });
});

describe('request limits', () => {
  it('measures JSON nesting on the raw bytes, ignoring brackets in strings', () => {
    expect(jsonNestingDepth(Buffer.from('{"a":[1,{"b":[]}]}'))).toBe(4);
    expect(jsonNestingDepth(Buffer.from('{"a":"[[[[[[\\"[[["}'))).toBe(1);
    expect(jsonNestingDepth(Buffer.from('['.repeat(5000)), 64)).toBe(65);
  });

  it('finds lone surrogates and names their path', () => {
    expect(hasLoneSurrogate('ok 😀')).toBe(false);
    expect(hasLoneSurrogate('\ud800')).toBe(true);
    expect(hasLoneSurrogate('\udc00x')).toBe(true);
    expect(findLoneSurrogate({ a: [{ b: 'x' }, { c: 'y\ud800' }] }, '')).toBe('a[1].c');
    expect(findLoneSurrogate({ ['k\udfff']: 1 }, 'query')).toBe('query.k\udfff');
    expect(findLoneSurrogate({ a: ['fine'] }, '')).toBeNull();
  });

  it('echoes rejected values briefly', () => {
    expect(echoValue('short')).toBe('short');
    expect(echoValue('x'.repeat(1000))).toMatch(/^x{200}…（共 1000 字符/);
    expect(echoValue(new Array(9_000_000))).toMatch(/array of 9000000 items/);
    expect(echoValue({ a: 1, b: 2 })).toMatch(/2 fields/);
    expect(echoValue(42)).toBe(42);
  });
});
