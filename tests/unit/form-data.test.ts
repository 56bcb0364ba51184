import { describe, expect, test } from "vitest";
import { parseRowId, parseWholeNumber, REPEATED, singleFields, singleValue } from "~/form-data";
import { intInRange, isBlank, requiredText, rowId } from "~/forms";

const form = (pairs: [string, string | Blob][]) => {
  const f = new FormData();
  for (const [k, v] of pairs) f.append(k, v);
  return f;
};

describe("numbers", () => {
  test("whole numbers are digits with an optional minus, nothing Number() would also forgive", () => {
    expect(["0", "7", "07", "-3", "100", "999999999999999"].map(parseWholeNumber)).toEqual([0, 7, 7, -3, 100, 999999999999999]);
    expect(Object.is(parseWholeNumber("-0"), 0)).toBe(true);
    for (const text of ["", " 3", "3 ", "3.0", "1e3", "0x10", "+3", "Infinity", "NaN", "３", "1_000", "9999999999999999"]) {
      expect(parseWholeNumber(text), JSON.stringify(text)).toBeNull();
    }
  });
  test("row ids are positive, without leading zeros", () => {
    expect(parseRowId("1")).toBe(1);
    expect(parseRowId("123456789012345")).toBe(123456789012345);
    for (const text of ["0", "01", "-1", "1.0", "1e0", "0x1", " 1", "", "1234567890123456", undefined, null, 1]) {
      expect(parseRowId(text), JSON.stringify(text)).toBeNull();
    }
  });
  test("the zod helpers give the field its message", () => {
    const n = intInRange(1, 30);
    expect(n.safeParse("7")).toEqual({ success: true, data: 7 });
    expect(n.safeParse("1e1").error?.issues[0].message).toBe("form.invalidNumber");
    expect(n.safeParse("31").error?.issues[0].message).toBe("form.numberRange?min=1&max=30");
    expect(n.safeParse(["1", "2"]).error?.issues[0].message).toBe("form.repeated");
    expect(n.safeParse(undefined).error?.issues[0].message).toBe("form.required");
    expect(rowId().safeParse("12")).toEqual({ success: true, data: 12 });
    expect(rowId().safeParse("0x1").error?.issues[0].message).toBe("form.invalidNumber");
  });
});

describe("fields sent once", () => {
  test("singleValue tells missing, repeated and file apart", () => {
    const f = form([["a", "1"], ["b", "1"], ["b", "2"], ["c", new Blob(["x"])]]);
    expect(singleValue(f, "a")).toBe("1");
    expect(singleValue(f, "b")).toBe(REPEATED);
    expect(singleValue(f, "c")).toBe(REPEATED);
    expect(singleValue(f, "d")).toBeNull();
  });
  test("singleFields refuses the whole form when one field repeats", () => {
    expect(singleFields(form([["intent", "remove"], ["userId", "u1"]]))).toEqual({ intent: "remove", userId: "u1" });
    expect(singleFields(form([["intent", "remove"], ["userId", "u1"], ["userId", "u2"]]))).toBeNull();
    const odd = singleFields(form([["__proto__", "x"], ["constructor", "y"]]));
    expect(Object.keys(odd!)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("blank text", () => {
  test("nothing a reader would see is blank", () => {
    for (const text of ["", " ", "\u0000", "\u0000\u0000", " \u200B ", "\u200E", "\u202E", "\uFEFF", "\u00A0", "\u3000", "\u2028", "\t\r\n", "\u3164", "\u115F"]) {
      expect(isBlank(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ["a", "a\u0000b", "🙂", "\u0301", "مرحبا", "‮x"]) expect(isBlank(text), JSON.stringify(text)).toBe(false);
  });
  test("required text treats it as missing and keeps everything else as typed", () => {
    const title = requiredText(10);
    expect(title.safeParse("\u0000").error?.issues[0].message).toBe("form.required");
    expect(title.safeParse(" \u200B ").error?.issues[0].message).toBe("form.required");
    expect(title.safeParse(" a\u0000 ")).toEqual({ success: true, data: " a\u0000 " });
  });
});
