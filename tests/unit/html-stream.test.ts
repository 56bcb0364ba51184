import { expect, test } from "vitest";
import { dropNulBytes } from "~/html-stream.server";

test("stray NUL bytes are dropped and every other byte, multi-byte characters included, is kept", () => {
  const text = "3 — regelmatig · Zoë · 👩🏽‍💻";
  const withNuls = Buffer.concat([Buffer.from("3 "), Buffer.from([0, 0]), Buffer.from(text.slice(2))]);
  expect(dropNulBytes(withNuls).toString("utf8")).toBe(text);
  const clean = Buffer.from(text);
  expect(dropNulBytes(clean)).toBe(clean);
});
