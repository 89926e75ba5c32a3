import {
  DurationError,
  isIsoDate,
  parseIsoDuration,
  parseRepeatingInterval,
} from '../../../src/modules/process-definitions/bpmn/iso-duration';

describe('parseIsoDuration', () => {
  it.each([
    ['PT1S', 1000],
    ['PT1.5S', 1500],
    ['PT2M', 120_000],
    ['PT3H', 10_800_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
    ['P1DT12H', 129_600_000],
    ['pt30s', 30_000],
    ['PT0,5S', 500],
  ])('%s = %d ms', (text, ms) => {
    expect(parseIsoDuration(text)).toBe(ms);
  });

  it.each([
    ['P2WD', /working days/],
    ['P1M', /years and months/],
    ['P1Y', /years and months/],
    ['PT', /accepted/],
    ['P', /accepted/],
    ['30s', /accepted/],
    ['PT0S', /longer than zero/],
    ['P1H', /accepted/],
    ['', /accepted/],
  ])('rejects %j', (text, message) => {
    expect(() => parseIsoDuration(text)).toThrow(DurationError);
    expect(() => parseIsoDuration(text)).toThrow(message);
  });
});

describe('isIsoDate', () => {
  it.each([
    '2025-03-31',
    '2025-03-31T17:00',
    '2025-03-31T17:00:00+08:00',
    '2024-02-29T00:00:00Z',
    '2025-01-01T08:00:00.123+0800',
  ])('accepts %s', (text) => expect(isIsoDate(text)).toBe(true));
  it.each(['2025-02-29', '2025-13-01', '31/03/2025', '2025-3-1', 'tomorrow', ''])(
    'rejects %j',
    (text) => expect(isIsoDate(text)).toBe(false),
  );
});

describe('parseRepeatingInterval', () => {
  it('reads bounded and unbounded cycles', () => {
    expect(parseRepeatingInterval('R3/PT10S')).toEqual({ repetitions: 3, duration: 'PT10S' });
    expect(parseRepeatingInterval('R/P1D')).toEqual({ repetitions: undefined, duration: 'P1D' });
  });
  it.each(['R0/PT1S', 'R3/2025-01-01T00:00/PT1H', 'PT1S', 'R3/P1M'])('rejects %s', (text) => {
    expect(() => parseRepeatingInterval(text)).toThrow(DurationError);
  });
});
