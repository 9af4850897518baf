import { chinaDay } from './chinaTime';

/**
 * A date as people type it in a Chinese office: 2022-12-20, 2022/12/20, 2022.12.20, 20221220,
 * 2022年12月20日, 12月20日 (this year), full-width digits from an IME included, optionally followed
 * by a time (18:00, 18时30分). Anything else — or a day the calendar does not have — is null, so a
 * caller says it was not understood instead of keeping or inventing another date.
 */
export interface TypedDate {
  year: number;
  month: number;
  day: number;
  hour: number | null;
  minute: number | null;
}

const TIME = String.raw`(?:[\sT]*(\d{1,2})(?:[:：](\d{2})|时(?:(\d{1,2})分)?|点(?:(\d{1,2})分?)?))?`;
const FORMS: Array<{
  re: RegExp;
  year: (m: RegExpExecArray) => string | null;
  month: number;
  day: number;
  time: number;
}> = [
  {
    re: new RegExp(String.raw`^(\d{4})\s*([-/.])\s*(\d{1,2})\s*\2\s*(\d{1,2})日?${TIME}$`),
    year: (m) => m[1]!,
    month: 3,
    day: 4,
    time: 5,
  },
  { re: new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`), year: (m) => m[1]!, month: 2, day: 3, time: 4 },
  {
    re: new RegExp(String.raw`^(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?${TIME}$`),
    year: (m) => m[1] ?? null,
    month: 2,
    day: 3,
    time: 4,
  },
];

export function parseTypedDate(text: string, defaultYear = Number(chinaDay().slice(0, 4))): TypedDate | null {
  const typed = text.normalize('NFKC').trim();
  for (const form of FORMS) {
    const m = form.re.exec(typed);
    if (!m) continue;
    const year = Number(form.year(m) ?? defaultYear);
    const month = Number(m[form.month]);
    const day = Number(m[form.day]);
    const hour = m[form.time] === undefined ? null : Number(m[form.time]);
    const minuteText = m[form.time + 1] ?? m[form.time + 2] ?? m[form.time + 3];
    const minute = hour === null ? null : Number(minuteText ?? 0);
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
    if (hour !== null && (hour > 23 || minute! > 59)) return null;
    return { year, month, day, hour, minute };
  }
  return null;
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2022-12-20". */
export function isoDayOf(date: TypedDate): string {
  return `${date.year}-${two(date.month)}-${two(date.day)}`;
}

/** The instant of a typed China wall-clock time (no time given: midnight). */
export function chinaInstantOf(date: TypedDate): string {
  return new Date(`${isoDayOf(date)}T${two(date.hour ?? 0)}:${two(date.minute ?? 0)}:00+08:00`).toISOString();
}

/** "2022年12月20日": how a date reads back, so the person sees what was understood. */
export function chineseDayOf(date: TypedDate): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

/** The forms named in messages. */
export const DATE_FORMS_HINT = '2022-12-20、2022/12/20、2022.12.20、20221220、2022年12月20日 或 12月20日';
