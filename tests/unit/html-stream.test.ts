import { expect, test } from "vitest";
import { dropNulBytes, wholeHtml } from "~/html-stream.server";

test("stray NUL bytes are dropped and every other byte, multi-byte characters included, is kept", () => {
  const text = "3 — regelmatig · Zoë · 👩🏽‍💻";
  const withNuls = Buffer.concat([Buffer.from("3 "), Buffer.from([0, 0]), Buffer.from(text.slice(2))]);
  expect(dropNulBytes(withNuls).toString("utf8")).toBe(text);
  const clean = Buffer.from(text);
  expect(dropNulBytes(clean)).toBe(clean);
  // NULs at the start, the end, in runs and in several places
  const scattered = Buffer.concat([Buffer.from([0]), Buffer.from("Zo"), Buffer.from([0, 0, 0]), Buffer.from("ë —"), Buffer.from([0]), Buffer.from(" ok"), Buffer.from([0, 0])]);
  expect(dropNulBytes(scattered).toString("utf8")).toBe("Zoë — ok");
  expect(dropNulBytes(Buffer.from([0, 0])).length).toBe(0);
});

test("the pieces React writes come back as one body, in order, without the NULs React 18 leaves at a piece's end", async () => {
  const page = "<p>Zoë belt terug — binnen één werkdag</p>";
  const bytes = Buffer.from(page);
  // Cut inside "ë" and pad the first piece as React does when a character does not fit.
  const cut = bytes.indexOf(0xc3) + 1;
  const pieces = [Buffer.concat([bytes.subarray(0, cut), Buffer.from([0, 0, 0])]), bytes.subarray(cut, 20), bytes.subarray(20)];
  const body = await new Promise<Buffer>((resolve) => {
    const sink = wholeHtml(resolve);
    for (const piece of pieces) sink.write(piece);
    sink.end();
  });
  expect(body.toString("utf8")).toBe(page);
});
