// Dutch is the primary audience: every English message has a real Dutch twin.
// (A missing key already fails tsc; this catches what types cannot.)
import { expect, test } from "vitest";
import { messagesFor } from "~/i18n/dictionaries";
import { makeT } from "~/i18n";
import { interpolate } from "~/i18n/core";

const en = messagesFor("en");
const nl = messagesFor("nl");
// Which values a message uses; a language may name one twice where the sentence needs it.
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();

test("both languages have the same keys, none empty", () => {
  expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
  for (const [key, text] of Object.entries(nl)) expect(text.trim(), key).not.toBe("");
});

test("a Dutch message uses the same {placeholders} as its English twin", () => {
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    expect(placeholders(nl[key]), key).toEqual(placeholders(en[key]));
  }
});

test("plural forms come in pairs", () => {
  for (const key of Object.keys(en)) {
    if (key.endsWith(".one")) expect(Object.keys(en), key).toContain(key.replace(/\.one$/, ".other"));
  }
});

test("interpolation and plurals", () => {
  expect(interpolate("Hello {name}, {missing}", { name: "Anna" })).toBe("Hello Anna, {missing}");
  const t = makeT("nl", nl);
  expect(t.plural("home.memberCount", 1)).toBe("1 lid");
  expect(t.plural("home.memberCount", 1234)).toBe("1.234 leden");
  expect(makeT("en", en).plural("home.memberCount", 0)).toBe("0 members");
});
