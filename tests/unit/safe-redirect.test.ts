import { expect, test } from "vitest";
import { safeRedirect } from "~/safe-redirect";

test("same-site paths pass, with their query and hash", () => {
  for (const path of ["/", "/teams/x", "/teams/x/members?tab=1#invites", "/join/abc_-DEF", "/a//b", "/%2F%2Fevil"]) {
    expect(safeRedirect(path)).toBe(path);
  }
});

test("anything a browser could read as another site falls back", () => {
  for (const to of [
    "//evil.example",
    "//evil.example/teams",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "data:text/html,hi",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n//evil.example",
    "/\u0000",
    "/\u007f",
    "teams/x",
    " /teams/x",
    "",
  ]) {
    expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
  }
});

test("non-strings and the fallback", () => {
  expect(safeRedirect(null)).toBe("/");
  expect(safeRedirect(undefined)).toBe("/");
  expect(safeRedirect(["/teams/x"])).toBe("/");
  expect(safeRedirect("//evil.example", "/login")).toBe("/login");
});

test("paths a browser normalises into another site fall back", () => {
  for (const to of ["/.//evil.example", "/./\\evil.example", "/x/..//evil.example", "/%2e//evil.example", "/..//evil.example", "/\\\\evil.example"]) {
    expect(safeRedirect(to), JSON.stringify(to)).toBe("/");
  }
});

test("encoded slashes and backslashes stay a path on this site", () => {
  expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  expect(safeRedirect("/%5C%5Cevil.example")).toBe("/%5C%5Cevil.example");
  expect(safeRedirect("/a\\b")).toBe("/a/b");
});

test("characters a header cannot carry come back percent-encoded", () => {
  expect(safeRedirect("/€")).toBe("/%E2%82%AC");
  expect(safeRedirect("/teams/é?q=ü#ß")).toBe("/teams/%C3%A9?q=%C3%BC#%C3%9F");
  expect(safeRedirect("/🙂")).toBe("/%F0%9F%99%82");
  expect(() => new Headers({ Location: safeRedirect("/€\u202E") })).not.toThrow();
});

test("very long values fall back", () => {
  expect(safeRedirect("/" + "a".repeat(1999))).toBe("/" + "a".repeat(1999));
  expect(safeRedirect("/" + "a".repeat(2000))).toBe("/");
  // Short enough typed, too long once encoded.
  expect(safeRedirect("/" + "€".repeat(500))).toBe("/");
});
