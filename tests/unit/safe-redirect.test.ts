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
