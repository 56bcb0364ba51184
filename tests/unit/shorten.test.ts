import { expect, test } from "vitest";
import { shortened } from "../../app/shorten";

test("a short text stays as it is", () => {
  expect(shortened("Bel drie klanten terug", 80)).toBe("Bel drie klanten terug");
  expect(shortened("x".repeat(80), 80)).toBe("x".repeat(80));
});

test("a long text is cut after a word, its trailing comma dropped, and marked as cut", () => {
  expect(shortened("Practise naming a colleague and a time on every transfer, three times a week, and tell the lead", 80)).toBe(
    "Practise naming a colleague and a time on every transfer, three times a week…",
  );
});

test("a text without a space to cut at is cut at the limit, never inside a character", () => {
  expect(shortened("a".repeat(100), 10)).toBe(`${"a".repeat(9)}…`);
  // Emoji are two UTF-16 units each: cutting by units would leave half of one.
  const cut = shortened("🙂".repeat(20), 10);
  expect(cut).toBe(`${"🙂".repeat(9)}…`);
});
