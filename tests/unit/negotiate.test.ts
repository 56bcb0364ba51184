import { expect, test } from "vitest";
import { fromAcceptLanguage, pickLocale } from "~/i18n/negotiate";

test("Accept-Language: the best of English and Dutch by q-value, then by order", () => {
  expect(fromAcceptLanguage("nl")).toBe("nl");
  expect(fromAcceptLanguage("nl-NL,nl;q=0.9,en;q=0.8")).toBe("nl");
  expect(fromAcceptLanguage("en-GB,en;q=0.9,nl;q=0.8")).toBe("en");
  expect(fromAcceptLanguage("fr-FR, nl;q=0.5, en;q=0.4")).toBe("nl");
  expect(fromAcceptLanguage("en;q=0.2, nl-BE;q=0.9")).toBe("nl");
  expect(fromAcceptLanguage("NL-be")).toBe("nl");
  expect(fromAcceptLanguage("nl, en")).toBe("nl");
  expect(fromAcceptLanguage("en, nl")).toBe("en");
  expect(fromAcceptLanguage("nl;q=0, en;q=0.1")).toBe("en");
  expect(fromAcceptLanguage("nld")).toBeNull();
  expect(fromAcceptLanguage("fr, de")).toBeNull();
  expect(fromAcceptLanguage("*")).toBeNull();
  expect(fromAcceptLanguage("nl;q=abc")).toBeNull();
  expect(fromAcceptLanguage("")).toBeNull();
  expect(fromAcceptLanguage(null)).toBeNull();
  expect(fromAcceptLanguage(";;;,,,q=1")).toBeNull();
});

test("the user's choice, else the switcher cookie, else the team default, else the browser, else English", () => {
  const all = { user: "en", cookie: "nl", team: "nl", acceptLanguage: "nl" };
  expect(pickLocale(all)).toBe("en");
  expect(pickLocale({ ...all, user: null })).toBe("nl");
  expect(pickLocale({ user: null, cookie: "en", team: "nl", acceptLanguage: "nl" })).toBe("en");
  expect(pickLocale({ user: null, cookie: null, team: "nl", acceptLanguage: "en" })).toBe("nl");
  expect(pickLocale({ user: null, cookie: null, team: null, acceptLanguage: "nl-NL" })).toBe("nl");
  expect(pickLocale({})).toBe("en");
  // Values that are not one of our languages are skipped, not trusted.
  expect(pickLocale({ user: "de", cookie: "xx", team: "fr", acceptLanguage: "nl" })).toBe("nl");
  expect(pickLocale({ cookie: { lang: "nl" }, acceptLanguage: "en" })).toBe("en");
});
