// Dates typed into forms, checked by the calendar rather than by Date.parse,
// which rolls impossible dates over ("2026-02-30T10:00Z" is 2 March) and accepts
// "24:00". Pure, so the server and the browser's live validation agree.

/** Years a due date may fall in: a typo like 0226 or 20266 is caught, real plans fit easily. */
export const DUE_YEARS = { min: 2000, max: 2099 } as const;

export function daysInMonth(year: number, month: number) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether year-month-day (month 1–12) is a day on the calendar. */
export function isCalendarDate(year: number, month: number, day: number) {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Whether hours:minutes:seconds is a time of day (no 24:00, no leap second 60). */
export function isTimeOfDay(hours: number, minutes: number, seconds = 0) {
  return hours >= 0 && hours <= 23 && minutes >= 0 && minutes <= 59 && seconds >= 0 && seconds <= 59;
}

export type DueDay = { ok: true; day: string } | { ok: false; error: "invalid" | "range" | "past" };

/**
 * A due date as a date input sends it (YYYY-MM-DD): a real day in DUE_YEARS, and not
 * before `today` (an ISO day): an action due yesterday is a typo, and it would show as
 * overdue from the moment it was agreed.
 */
export function parseDueDay(value: string, today: string): DueDay {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return { ok: false, error: "invalid" };
  const [year, month, day] = m.slice(1).map(Number);
  if (!isCalendarDate(year, month, day)) return { ok: false, error: "invalid" };
  if (year < DUE_YEARS.min || year > DUE_YEARS.max) return { ok: false, error: "range" };
  // ISO days compare as strings.
  if (value < today) return { ok: false, error: "past" };
  return { ok: true, day: value };
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * A full ISO time with a zone, as scripts send closing times
 * ("2026-12-01T17:00Z", "2026-12-01T17:00:00+01:00"), as epoch milliseconds;
 * null unless every part is real (day in its month, 00:00–23:59:59, zone within ±14:00).
 */
export function parseIsoInstant(value: string): number | null {
  const m = ISO_WITH_ZONE.exec(value);
  if (!m) return null;
  const [year, month, day, hours, minutes] = m.slice(1, 6).map(Number);
  const seconds = Number(m[6] ?? 0);
  if (!isCalendarDate(year, month, day) || !isTimeOfDay(hours, minutes, seconds)) return null;
  if (m[8] !== "Z" && (Number(m[10]) > 14 || Number(m[11]) > 59)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
