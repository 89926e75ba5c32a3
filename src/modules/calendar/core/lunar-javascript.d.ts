/** The small part of lunar-javascript (which ships no types) that the statutory fallback uses. */
declare module 'lunar-javascript' {
  export interface SolarDay {
    getYear(): number;
    getMonth(): number;
    getDay(): number;
    toYmd(): string;
    getLunar(): LunarDay;
  }
  export interface LunarDay {
    getSolar(): SolarDay;
    getJieQiTable(): Record<string, SolarDay>;
  }
  export const Solar: { fromYmd(year: number, month: number, day: number): SolarDay };
  /** Positive months are ordinary months; a leap month is passed as a negative month. */
  export const Lunar: {
    fromYmd(lunarYear: number, lunarMonth: number, lunarDay: number): LunarDay;
  };
}
