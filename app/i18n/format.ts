import type { Locale } from "./core";

// Display time zone for dates; teams are Dutch, and server-rendered pages cannot
// know the browser's zone without JavaScript.
export const TIME_ZONE = "Europe/Amsterdam";

// Building an Intl formatter costs far more than using one, and pages format
// dates in lists, so each formatter is made once per locale and options.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

// Locales and options come from code, never from a request: a few dozen keys at most.
const FORMATTERS = 1000;

export function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  return remembered(formatters, key, FORMATTERS, () => new Intl.DateTimeFormat(locale, options)) as Intl.DateTimeFormat;
}

export function numberFormatter(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  return remembered(formatters, key, FORMATTERS, () => new Intl.NumberFormat(locale, options)) as Intl.NumberFormat;
}

// Pages format a date per note, action and event, the same ones on every visit (~3 µs
// each through Intl): each formatter keeps what it wrote, as the number formatters do.
const byStyle = new Map<string, { format: Intl.DateTimeFormat; written: Map<number | string, string> }>();

function dateFormatterFor(locale: Locale, style: "date" | "datetime" | "day") {
  return remembered(byStyle, `${locale}|${style}`, FORMATTERS, () => ({
    format: dateFormatter(
      locale,
      style === "day"
        ? { dateStyle: "long", timeZone: "UTC" }
        : { dateStyle: style === "date" ? "long" : "medium", timeStyle: style === "datetime" ? "short" : undefined, timeZone: TIME_ZONE },
    ),
    written: new Map<number | string, string>(),
  }));
}

export function formatDate(locale: Locale, ms: number, style: "date" | "datetime" = "date") {
  const { format, written } = dateFormatterFor(locale, style);
  return remembered(written, ms, WRITTEN_PER_FORMATTER, () => format.format(new Date(ms)));
}

// Results pages format a hundred figures per request, nearly all means of ratings
// 1–5 with one decimal: a few dozen distinct values. Formatting each through Intl
// costs about ten times the look-up, so each formatter keeps what it wrote.
const byDigits = new Map<string, { format: Intl.NumberFormat; written: Map<number, string> }>();
const WRITTEN_PER_FORMATTER = 2000;

export function formatNumber(locale: Locale, n: number, maximumFractionDigits = 1) {
  return formatRemembered(locale, n, maximumFractionDigits, 0);
}

/**
 * A mean of ratings, always with one decimal ("4.0", "4,6"): in a column of means a bare
 * "4" beside "4.6" reads as another kind of figure. Ratings themselves stay whole numbers.
 */
export function formatMean(locale: Locale, n: number) {
  return formatRemembered(locale, n, 1, 1);
}

function formatRemembered(locale: Locale, n: number, maximumFractionDigits: number, minimumFractionDigits: number) {
  const key = `${locale}|${minimumFractionDigits}-${maximumFractionDigits}`;
  const { format, written } = remembered(byDigits, key, FORMATTERS, () => ({
    format: numberFormatter(locale, { minimumFractionDigits, maximumFractionDigits }),
    written: new Map<number, string>(),
  }));
  return remembered(written, n, WRITTEN_PER_FORMATTER, () => format.format(n));
}

/** What `compute` gave for `key`, kept in `map`; a full map starts afresh. */
function remembered<K, V>(map: Map<K, V>, key: K, limit: number, compute: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = compute();
    if (map.size >= limit) map.clear();
    map.set(key, value);
  }
  return value;
}

export function formatPercent(locale: Locale, fraction: number) {
  return numberFormatter(locale, { style: "percent", maximumFractionDigits: 0 }).format(fraction);
}

/** ISO date (YYYY-MM-DD) → localised long date, without shifting across zones. */
export function formatDay(locale: Locale, isoDay: string) {
  const { format, written } = dateFormatterFor(locale, "day");
  return remembered(written, isoDay, WRITTEN_PER_FORMATTER, () => format.format(new Date(`${isoDay}T00:00:00Z`)));
}

// Pages ask for today's date, and forms for a few times, on every request, and
// formatToParts is slow (~30 µs). Offsets are remembered per minute: since the 1970s
// every zone changes its offset on a whole minute (older local mean times did not, and
// the app formats no such dates).
const offsets = new Map<string, number>();

function zoneOffsetMs(utcMs: number, timeZone: string) {
  return remembered(offsets, `${timeZone}|${Math.floor(utcMs / 60_000)}`, 1000, () => computeZoneOffsetMs(utcMs, timeZone));
}

function computeZoneOffsetMs(utcMs: number, timeZone: string) {
  const parts = dateFormatter("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * A `datetime-local` value ("2026-12-01T17:00") read as wall-clock time in TIME_ZONE,
 * as epoch milliseconds; null when it is not a real date.
 */
export function parseLocalDateTime(value: string, timeZone = TIME_ZONE): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const naive = Date.UTC(y, mo - 1, d, h, mi, s || 0);
  const check = new Date(naive);
  // Date.UTC rolls impossible values over (30 February, second 60): compare what came back.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    return null;
  }
  // Two passes settle the offset around daylight-saving changes.
  let utc = naive - zoneOffsetMs(naive, timeZone);
  utc = naive - zoneOffsetMs(utc, timeZone);
  return utc;
}

/** Epoch milliseconds → a `datetime-local` value in TIME_ZONE, for pre-filling inputs. */
export function toLocalDateTimeInput(ms: number, timeZone = TIME_ZONE): string {
  const local = new Date(ms + zoneOffsetMs(ms, timeZone));
  return local.toISOString().slice(0, 16);
}

/**
 * The same wall-clock time `days` calendar days later in TIME_ZONE: a week after Monday
 * 12:00 is Monday 12:00, also across a change to or from summer time (7 × 24 hours is not).
 */
export function addLocalDays(ms: number, days: number, timeZone = TIME_ZONE): number {
  const local = new Date(ms + zoneOffsetMs(ms, timeZone));
  local.setUTCDate(local.getUTCDate() + days);
  return parseLocalDateTime(local.toISOString().slice(0, 19), timeZone) ?? ms + days * 86_400_000;
}

/** Today's date (YYYY-MM-DD) in TIME_ZONE, for comparing with due dates. */
export function todayIso(now = Date.now(), timeZone = TIME_ZONE) {
  return toLocalDateTimeInput(now, timeZone).slice(0, 10);
}
