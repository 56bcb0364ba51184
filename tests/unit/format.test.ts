import { expect, test } from "vitest";
import { addLocalDays, formatDate, formatDay, formatMean, formatNumber, formatPercent, parseLocalDateTime, toLocalDateTimeInput } from "~/i18n/format";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

test("a datetime-local value is wall-clock time in Amsterdam, summer and winter", () => {
  expect(iso(parseLocalDateTime("2026-12-01T17:00"))).toBe("2026-12-01T16:00:00.000Z");
  expect(iso(parseLocalDateTime("2026-07-01T12:00"))).toBe("2026-07-01T10:00:00.000Z");
  expect(iso(parseLocalDateTime("2026-01-01T10:00:30"))).toBe("2026-01-01T09:00:30.000Z");
  expect(iso(parseLocalDateTime(" 2026-01-01T10:00 "))).toBe("2026-01-01T09:00:00.000Z");
});

test("around the daylight-saving changes", () => {
  // The last hour of summer time and the first of winter time.
  expect(iso(parseLocalDateTime("2026-10-25T01:30"))).toBe("2026-10-24T23:30:00.000Z");
  expect(iso(parseLocalDateTime("2026-10-25T03:30"))).toBe("2026-10-25T02:30:00.000Z");
  // 02:30 on 29 March does not exist in Amsterdam: it lands an hour later, never earlier.
  expect(iso(parseLocalDateTime("2026-03-29T02:30"))).toBe("2026-03-29T01:30:00.000Z");
  expect(iso(parseLocalDateTime("2026-03-29T01:59"))).toBe("2026-03-29T00:59:00.000Z");
  expect(iso(parseLocalDateTime("2026-03-29T03:00"))).toBe("2026-03-29T01:00:00.000Z");
});

test("days later is the same wall-clock time, also across a change to or from summer time", () => {
  // Thursday 25 March 2027, 12:00 in Amsterdam; summer time starts on the 28th.
  const thursday = parseLocalDateTime("2027-03-25T12:00")!;
  expect(toLocalDateTimeInput(addLocalDays(thursday, 7))).toBe("2027-04-01T12:00");
  expect(addLocalDays(thursday, 7) - thursday).toBe(7 * 86_400_000 - 3_600_000);
  // And back to winter time in October: a day of 25 hours.
  const friday = parseLocalDateTime("2026-10-23T09:15")!;
  expect(toLocalDateTimeInput(addLocalDays(friday, 3))).toBe("2026-10-26T09:15");
  expect(addLocalDays(friday, 3) - friday).toBe(3 * 86_400_000 + 3_600_000);
  // Across a month's and a year's end.
  expect(toLocalDateTimeInput(addLocalDays(parseLocalDateTime("2026-12-28T17:00")!, 7))).toBe("2027-01-04T17:00");
});

test("every minute around both daylight-saving changes, asked twice (the offset is remembered per minute), reads as the zone's wall clock: Amsterdam's, and Lord Howe's half-hour change", () => {
  const wallClock = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  for (const change of [Date.UTC(2026, 2, 29, 1), Date.UTC(2026, 9, 25, 1)]) {
    for (let ms = change - 2 * 3_600_000; ms <= change + 2 * 3_600_000; ms += 60_000 + 1_234) {
      const expected = wallClock.format(new Date(ms)).replace(" ", "T");
      expect(toLocalDateTimeInput(ms), new Date(ms).toISOString()).toBe(expected);
      expect(toLocalDateTimeInput(ms), new Date(ms).toISOString()).toBe(expected);
    }
  }
  // Lord Howe Island moves half an hour, in October at 15:30 UTC: not on a whole UTC hour.
  const lordHowe = new Intl.DateTimeFormat("sv-SE", {
    timeZone: "Australia/Lord_Howe",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
  });
  const october = Date.UTC(2026, 9, 3, 15, 30);
  for (let ms = october - 3_600_000; ms <= october + 3_600_000; ms += 60_000 + 987) {
    const expected = lordHowe.format(new Date(ms)).replace(" ", "T");
    expect(toLocalDateTimeInput(ms, "Australia/Lord_Howe"), new Date(ms).toISOString()).toBe(expected);
    expect(toLocalDateTimeInput(ms, "Australia/Lord_Howe"), new Date(ms).toISOString()).toBe(expected);
  }
});

test("values that are not a real date and time are null", () => {
  for (const value of ["", "2026-02-30T10:00", "2026-13-01T10:00", "2026-01-01T24:00", "2026-01-01T10:60", "2026-01-01", "tomorrow", "2026-1-1T10:00"]) {
    expect(parseLocalDateTime(value), value).toBeNull();
  }
});

test("toLocalDateTimeInput is the inverse, for pre-filling a form", () => {
  for (const value of ["2026-12-01T17:00", "2026-07-01T12:00", "2026-10-25T01:30", "2026-10-25T03:30", "2026-03-29T03:00", "2027-02-28T23:59"]) {
    expect(toLocalDateTimeInput(parseLocalDateTime(value)!), value).toBe(value);
  }
  expect(toLocalDateTimeInput(Date.UTC(2026, 0, 1, 23, 30))).toBe("2026-01-02T00:30");
  expect(toLocalDateTimeInput(Date.UTC(2026, 5, 1, 12, 0), "UTC")).toBe("2026-06-01T12:00");
});

test("dates and numbers the Dutch and the English way", () => {
  // 23:30 UTC on 5 March is already 6 March in Amsterdam.
  expect(formatDate("nl", Date.UTC(2026, 2, 5, 23, 30))).toBe("6 maart 2026");
  expect(formatDate("en", Date.UTC(2026, 2, 5, 12))).toBe("March 5, 2026");
  expect(formatDay("nl", "2026-03-05")).toBe("5 maart 2026");
  expect(formatNumber("nl", 1234.56)).toBe("1.234,6");
  expect(formatNumber("en", 1234.56)).toBe("1,234.6");
  expect(formatPercent("nl", 0.5)).toBe("50%");
});

test("a mean always has one decimal, so a column of means reads alike", () => {
  expect(formatMean("en", 4)).toBe("4.0");
  expect(formatMean("nl", 4)).toBe("4,0");
  expect(formatMean("nl", 3.3555555555555556)).toBe("3,4");
  expect(formatMean("en", 4.96)).toBe("5.0");
  // The plain number formatter is not changed by it (both keep what they wrote).
  expect(formatNumber("en", 4)).toBe("4");
  expect(formatMean("en", 4)).toBe("4.0");
});

test("a number written before is written the same again, per language and number of decimals", () => {
  expect(formatNumber("nl", 3.25)).toBe("3,3");
  expect(formatNumber("en", 3.25)).toBe("3.3");
  expect(formatNumber("nl", 3.25, 2)).toBe("3,25");
  expect(formatNumber("nl", 3.25)).toBe("3,3");
  // Past the remembered number of values the formatter starts afresh and stays right.
  for (let i = 0; i < 2500; i++) expect(formatNumber("en", i + 0.5, 0)).toBe((i + 0.5).toLocaleString("en", { maximumFractionDigits: 0 }));
  expect(formatNumber("en", 2.5, 0)).toBe("3");
});
