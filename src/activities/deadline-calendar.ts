import type { ResolvedInstant } from '../workflows/interpreter/contract';

/** A calendar timer as the interpreter hands it over (value already evaluated). */
export interface CalendarTimerSpec {
  kind: 'workingDays' | 'date';
  value: string;
  nextWorkingDay?: boolean;
}

/**
 * Turns a calendar timer into an absolute instant: the statutory calendar (holidays, 调休) of the
 * calendar module (CalendarService).
 */
export interface DeadlineCalendar {
  resolve(spec: CalendarTimerSpec, fromIso: string): Promise<ResolvedInstant>;
}
