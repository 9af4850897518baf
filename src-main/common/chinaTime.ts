/**
 * The office works in China time (UTC+8, no daylight saving). Instants are stored in UTC; what a
 * person reads — a received time in a sheet, a date on a document — is China wall-clock time.
 */
export const CHINA_OFFSET_MS = 8 * 3600_000;

/**
 * A Date whose UTC fields read the China wall clock. Spreadsheet cells have no time zone: exceljs
 * writes a Date's UTC fields, so a cell meant to show 10:00 in Liuzhou needs this shift.
 */
export function chinaWallClock(instant: Date): Date {
  return new Date(instant.getTime() + CHINA_OFFSET_MS);
}

/** "2022-10-31" in China for the instant (default: now). */
export function chinaDay(instant: Date = new Date()): string {
  return chinaWallClock(instant).toISOString().slice(0, 10);
}

/** "2022-10-31 23:30" in China for the instant. */
export function chinaMinute(instant: Date): string {
  return chinaWallClock(instant).toISOString().slice(0, 16).replace('T', ' ');
}

/** An ISO instant as "2022-10-31 23:30" China time for a person to read; "—" when there is none. */
export function chinaTimeLabel(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? '—' : chinaMinute(new Date(ms));
}

/** The instant a China day (2022-10-31) begins, as ISO: "from that day on" means from 00:00 in Liuzhou. */
export function chinaDayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - CHINA_OFFSET_MS).toISOString();
}

/** SQLite's date() modifier that turns a stored UTC instant into its China day. */
export const CHINA_SQL_OFFSET = `+${CHINA_OFFSET_MS / 3_600_000} hours`;
