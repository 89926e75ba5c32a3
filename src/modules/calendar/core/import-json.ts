import { ImportFormatError } from './errors';
import { collectRows, type ImportOptions, type RawEntry, type ScheduleImport } from './import-rows';

const SHAPE =
  'JSON 应为 [{"date":"2025-01-28","kind":"holiday","name":"春节"}, …] 或 {"year":2025,"days":[…]} / ' +
  'expected an array of {date, kind, name?} or an object {year, days: [...]}';

/**
 * Line on which each element of the days array starts: the top-level array, or the array under the
 * top-level "days" key. A small scanner over the text, because JSON.parse keeps no positions.
 */
function elementLines(text: string, topLevelArray: boolean): number[] {
  interface Frame {
    array: boolean;
    target: boolean;
    expectKey: boolean;
    key: string | null;
    awaitingValue: boolean;
  }
  const stack: Frame[] = [];
  const lines: number[] = [];
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      continue;
    }
    if (/\s/.test(ch)) continue;
    const top = stack[stack.length - 1];
    if (top?.target && top.awaitingValue && ch !== ']' && ch !== ',') {
      lines.push(line);
      top.awaitingValue = false;
    }
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      if (top && !top.array && top.expectKey) {
        top.key = text.slice(i + 1, end);
        top.expectKey = false;
      }
      i = end;
    } else if (ch === '[' || ch === '{') {
      const target =
        ch === '[' &&
        ((topLevelArray && stack.length === 0) ||
          (!topLevelArray && stack.length === 1 && !stack[0].array && stack[0].key === 'days'));
      stack.push({
        array: ch === '[',
        target,
        expectKey: ch === '{',
        key: null,
        awaitingValue: target,
      });
    } else if (ch === ']' || ch === '}') {
      stack.pop();
    } else if (ch === ',' && top) {
      if (top.array) top.awaitingValue = top.target;
      else top.expectKey = true;
    }
  }
  return lines;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses `[{date, kind, name?}]` or `{year, days: [...]}`. Throws ImportFormatError only when the
 * text is not JSON or not one of these shapes; bad entries become errors.
 */
export function parseScheduleJson(text: string, options: ImportOptions = {}): ScheduleImport {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new ImportFormatError(
      `文件不是有效的 JSON：${(error as Error).message} / the file is not valid JSON. ${SHAPE}`,
      'json',
    );
  }
  const topLevelArray = Array.isArray(parsed);
  const days = topLevelArray ? parsed : isRecord(parsed) ? parsed.days : undefined;
  if (!Array.isArray(days)) throw new ImportFormatError(SHAPE, 'json');
  const fileYear = isRecord(parsed) ? parsed.year : undefined;
  if (fileYear !== undefined && !Number.isInteger(fileYear)) {
    throw new ImportFormatError(
      `"year" 应为整数年份，收到 ${JSON.stringify(fileYear)} / "year" must be an integer`,
      'json',
    );
  }
  if (options.year !== undefined && fileYear !== undefined && options.year !== fileYear) {
    throw new ImportFormatError(
      `文件中的年份 ${String(fileYear)} 与所选年份 ${options.year} 不一致 / the file is for ${String(fileYear)}, not ${options.year}`,
      'json',
    );
  }
  const lines = elementLines(text, topLevelArray);
  const entries: RawEntry[] = days.map((day, index) => {
    const record = isRecord(day) ? day : {};
    return {
      line: lines[index] ?? null,
      item: index + 1,
      date: isRecord(day) ? record.date : day,
      kind: record.kind,
      name: record.name,
    };
  });
  return collectRows('json', entries, options.year ?? (fileYear as number | undefined) ?? null);
}
