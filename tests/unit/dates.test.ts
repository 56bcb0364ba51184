import { describe, expect, test } from "vitest";
import { daysInMonth, isCalendarDate, isTimeOfDay, parseDueDay, parseIsoInstant } from "~/domain/dates";
import { parseLocalDateTime } from "~/i18n/format";

describe("calendar", () => {
  test("days in a month, leap years included", () => {
    expect([1, 2, 3, 4, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 28, 31, 30, 31]);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
  test("dates and times that exist", () => {
    expect(isCalendarDate(2026, 2, 28)).toBe(true);
    expect(isCalendarDate(2026, 2, 29)).toBe(false);
    expect(isCalendarDate(2026, 13, 1)).toBe(false);
    expect(isCalendarDate(2026, 0, 1)).toBe(false);
    expect(isCalendarDate(2026, 1, 0)).toBe(false);
    expect(isTimeOfDay(23, 59, 59)).toBe(true);
    expect(isTimeOfDay(24, 0)).toBe(false);
    expect(isTimeOfDay(10, 60)).toBe(false);
    expect(isTimeOfDay(10, 0, 60)).toBe(false);
  });
});

describe("due days", () => {
  test("real days from today to 2099", () => {
    for (const day of ["2000-01-01", "2026-12-31", "2028-02-29", "2099-12-31"]) expect(parseDueDay(day, "2000-01-01")).toEqual({ ok: true, day });
    expect(parseDueDay("2026-12-01", "2026-12-01")).toEqual({ ok: true, day: "2026-12-01" });
  });
  test("before today: past", () => {
    for (const day of ["2026-11-30", "2026-01-01", "2000-01-01"]) expect(parseDueDay(day, "2026-12-01"), day).toEqual({ ok: false, error: "past" });
  });
  test("outside the years: range; not a day: invalid", () => {
    for (const day of ["1999-12-31", "2100-01-01", "0001-01-01", "9999-12-31"]) expect(parseDueDay(day, "2000-01-01"), day).toEqual({ ok: false, error: "range" });
    for (const day of ["2026-02-30", "2100-02-29", "2026-13-01", "2026-1-1", "+2026-01-01", "2026-01-01 ", "", "2026-01-01T00:00"]) {
      expect(parseDueDay(day, "2000-01-01"), day).toEqual({ ok: false, error: "invalid" });
    }
  });
});

describe("ISO instants with a zone", () => {
  test("real ones", () => {
    expect(parseIsoInstant("2026-12-01T17:00Z")).toBe(Date.UTC(2026, 11, 1, 17));
    expect(parseIsoInstant("2026-12-01T17:00:30.5+01:00")).toBe(Date.UTC(2026, 11, 1, 16, 0, 30, 500));
    expect(parseIsoInstant("2026-12-01T23:59:59-14:00")).toBe(Date.UTC(2026, 11, 2, 13, 59, 59));
  });
  test("impossible or zone-less ones are null (Date.parse would roll the first two over)", () => {
    for (const v of ["2026-02-30T10:00Z", "2026-12-01T24:00Z", "2026-12-01T10:00:60Z", "2026-12-01T10:60Z", "2026-12-01T10:00+15:00", "2026-12-01T10:00+01:60", "2026-12-01T10:00", "2026-12-01", "+275760-09-13T00:00Z"]) {
      expect(parseIsoInstant(v), v).toBeNull();
    }
  });
});

test("a datetime-local value with second 60 is not a time (it used to become the next minute)", () => {
  expect(parseLocalDateTime("2026-12-01T10:00:60")).toBeNull();
  expect(parseLocalDateTime("2026-12-01T10:00:59")).not.toBeNull();
  expect(parseLocalDateTime("2026-02-30T10:00")).toBeNull();
});
