import ICAL from 'ical.js';
import {
  addDays,
  compareDates,
  daysBetween,
  formatCivilDate,
  shanghaiDateOf,
  type CivilDate,
} from './dates';
import type { OverrideKind } from './effective-calendar';
import { ImportFormatError } from './errors';
import { decodeText } from './import-csv';
import {
  byPosition,
  collectRows,
  normalizeKind,
  type ImportIssue,
  type ImportOptions,
  type RawEntry,
  type ScheduleImport,
} from './import-rows';

const ICS_KIND_HELP =
  'SUMMARY 含“休/假”为假日、含“班”为补班；或 X-APPLE-SPECIAL-DAY: WORK-HOLIDAY/ALTERNATE-WORKDAY、' +
  'X-DAY-KIND: holiday/workday、CATEGORIES: 假日/补班 / SUMMARY containing 休/假 = holiday, 班 = workday';

/** Longest event we expand; a longer one is almost certainly a mistake (e.g. a year-long event). */
const MAX_EVENT_DAYS = 31;

type Event = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;

function text(event: Event, property: string): string {
  const value = event.getFirstPropertyValue(property);
  return typeof value === 'string' ? value.trim() : '';
}

function kindFromWords(value: string): OverrideKind | null {
  if (value.includes('班')) return 'workday'; // 补班/上班 — checked first: "调休上班" also contains 休
  if (value.includes('休') || value.includes('假')) return 'holiday';
  return null;
}

/** Explicit X- hints first, then the summary, the description, and finally categories. */
function eventKind(event: Event): OverrideKind | null {
  const apple = text(event, 'x-apple-special-day').toUpperCase();
  if (apple === 'WORK-HOLIDAY') return 'holiday';
  if (apple === 'ALTERNATE-WORKDAY') return 'workday';
  const hinted = normalizeKind(text(event, 'x-day-kind'));
  if (hinted) return hinted;
  const fromText =
    kindFromWords(text(event, 'summary')) ?? kindFromWords(text(event, 'description'));
  if (fromText) return fromText;
  const categories = event
    .getAllProperties('categories')
    .flatMap((property) => property.getValues())
    .map(String);
  for (const category of categories) {
    const kind = normalizeKind(category);
    if (kind) return kind;
  }
  return null;
}

/** A holiday name from a summary like '春节(休)' or '国庆节（班）'. */
function eventName(summary: string): string | null {
  const name = summary.replace(/[(（][^)）]*[)）]/g, '').trim();
  return name || summary || null;
}

/** The civil date of a DATE or DATE-TIME; UTC times are converted to Asia/Shanghai. */
function civilDateOf(time: Time): CivilDate {
  if (!time.isDate && time.zone?.tzid === 'UTC') {
    return shanghaiDateOf(new Date(time.toUnixTime() * 1000));
  }
  return formatCivilDate(time.year, time.month, time.day);
}

/** Inclusive last day: DTEND is exclusive; a DURATION is added to DTSTART; neither = one day. */
function lastDateOf(event: Event, start: Time): CivilDate {
  let end = event.getFirstPropertyValue('dtend') as Time | null;
  const duration = event.getFirstPropertyValue('duration') as InstanceType<
    typeof ICAL.Duration
  > | null;
  if (!end && duration) {
    end = start.clone();
    end.addDuration(duration);
  }
  const first = civilDateOf(start);
  if (!end) return first;
  let last: CivilDate;
  if (end.isDate) {
    last = addDays(civilDateOf(end), -1);
  } else {
    const justBefore = end.clone();
    justBefore.adjust(0, 0, 0, -1);
    last = civilDateOf(justBefore);
  }
  return compareDates(last, first) < 0 ? first : last;
}

function beginLines(source: string): number[] {
  const lines: number[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    if (line.trim().toUpperCase() === 'BEGIN:VEVENT') lines.push(index + 1);
  });
  return lines;
}

function calendars(source: string): Event[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source);
  } catch (error) {
    throw new ImportFormatError(
      `ICS 文件无法读取：${(error as Error).message} / the iCalendar file cannot be read`,
      'ics',
    );
  }
  const roots = (
    Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]
  ) as unknown[];
  const components = roots.map((root) => new ICAL.Component(root as any));
  if (!components.some((component) => component.name === 'vcalendar')) {
    throw new ImportFormatError('ICS 文件中没有 VCALENDAR / no VCALENDAR in the file', 'ics');
  }
  return components.filter((component) => component.name === 'vcalendar');
}

/**
 * Parses an iCalendar (.ics) schedule: each VEVENT covers its date range (DTEND exclusive) with the
 * kind read from its hints (see ICS_KIND_HELP). Recurring events are rejected.
 */
export function parseScheduleIcs(
  input: string | Uint8Array,
  options: ImportOptions = {},
): ScheduleImport {
  const source = decodeText(input);
  const events = calendars(source).flatMap((calendar) => calendar.getAllSubcomponents('vevent'));
  const lines = beginLines(source);
  const entries: RawEntry[] = [];
  const problems: ImportIssue[] = [];
  events.forEach((event, index) => {
    const line = lines[index] ?? null;
    const summary = text(event, 'summary');
    const fail = (value: string, problem: string, accepted: string) =>
      problems.push({ line, item: null, value, problem, accepted });
    const start = event.getFirstPropertyValue('dtstart') as Time | null;
    if (!start)
      return fail(
        summary,
        '事件缺少 DTSTART / event has no DTSTART',
        'DTSTART;VALUE=DATE:20250128',
      );
    if (event.hasProperty('rrule')) {
      return fail(
        summary,
        '不支持重复事件 / recurring events are not supported',
        '每个日期或日期段一个 VEVENT',
      );
    }
    const kind = eventKind(event);
    if (!kind)
      return fail(
        summary || '(无 SUMMARY)',
        '无法判断假日或补班 / cannot tell holiday or workday',
        ICS_KIND_HELP,
      );
    const first = civilDateOf(start);
    const last = lastDateOf(event, start);
    if (daysBetween(first, last) >= MAX_EVENT_DAYS) {
      return fail(
        `${first}..${last}`,
        `事件跨度超过 ${MAX_EVENT_DAYS} 天 / event spans more than ${MAX_EVENT_DAYS} days`,
        '单个假期或补班日',
      );
    }
    for (let date = first; compareDates(date, last) <= 0; date = addDays(date, 1)) {
      entries.push({ line, item: null, date, kind, name: eventName(summary) });
    }
  });
  const result = collectRows('ics', entries, options.year ?? null);
  result.errors = byPosition([...problems, ...result.errors]);
  return result;
}
