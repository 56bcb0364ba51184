import { expect, test } from "vitest";
import { rebaseText } from "~/domain/rebase";

const text = (title: string, body: string, category = "follow-up") => ({ title, body, category });
const body = (why: string, looks: string, not = "We zeggen: ik bel je nog.") => `**Waarom:** ${why}\n\n**Zo ziet het eruit:** ${looks}\n\n**Zo niet:** ${not}`;

const base = text("We bellen binnen één werkdag terug.", body("Klanten wachten.", "We bellen terug."));

test("a change to the title keeps the explanation adopted meanwhile (a tester's case: updating undid it)", () => {
  const mine = { ...base, title: "We bellen binnen twee werkdagen terug." };
  const current = { ...base, body: body("Klanten wachten.", "We bellen terug en noemen een tijd.") };
  expect(rebaseText(base, mine, current)).toEqual({ ...current, title: mine.title, overlaps: [] });
});

test("changes to different paragraphs of the explanation both stay", () => {
  const mine = { ...base, body: body("Klanten wachten, en bellen anders zelf opnieuw.", "We bellen terug.") };
  const current = { ...base, body: body("Klanten wachten.", "We bellen terug.", "We zeggen: ik kijk ernaar.") };
  expect(rebaseText(base, mine, current)).toEqual({
    ...base,
    body: body("Klanten wachten, en bellen anders zelf opnieuw.", "We bellen terug.", "We zeggen: ik kijk ernaar."),
    overlaps: [],
  });
});

test("what only the author changed, or both changed alike, is the author's", () => {
  const mine = text("Nieuwe titel.", body("Anders.", "We bellen terug."), "complaints");
  expect(rebaseText(base, mine, base)).toEqual({ ...mine, overlaps: [] });
  expect(rebaseText(base, mine, mine)).toEqual({ ...mine, overlaps: [] });
  // Nothing changed by the author: the draft becomes the current version.
  const current = text("Ander.", body("Ook anders.", "Zo."), "complaints");
  expect(rebaseText(base, base, current)).toEqual({ ...current, overlaps: [] });
});

test("both changed the same words: the author's are kept, and the field is named", () => {
  const mine = text("We bellen binnen twee werkdagen terug.", body("Klanten wachten lang.", "We bellen terug."), "complaints");
  const current = text("We bellen dezelfde dag terug.", body("Klanten wachten te lang.", "We bellen terug."), "callbacks");
  expect(rebaseText(base, mine, current)).toEqual({ ...mine, overlaps: ["title", "body", "category"] });
});

test("changes on neighbouring lines both stay: a list item each, a line added after a changed one", () => {
  const list = text("T", "Zo ziet het eruit:\n- we noemen de naam\n- we noemen een tijd\n- we bellen terug");
  const mine = { ...list, body: "Zo ziet het eruit:\n- we noemen de naam van de collega\n- we noemen een tijd\n- we bellen terug" };
  const current = { ...list, body: "Zo ziet het eruit:\n- we noemen de naam\n- we noemen een tijdstip\n- we bellen terug" };
  expect(rebaseText(list, mine, current)).toEqual({
    ...list,
    body: "Zo ziet het eruit:\n- we noemen de naam van de collega\n- we noemen een tijdstip\n- we bellen terug",
    overlaps: [],
  });
  const short = text("T", "a\nb\nc");
  expect(rebaseText(short, { ...short, body: "a\nb\nb2\nc" }, { ...short, body: "a\nB\nc" }).body).toBe("a\nB\nb2\nc");
});

test("only the lines both changed keep the author's words; what was adopted elsewhere in the text stays", () => {
  const mine = { ...base, body: body("Klanten wachten lang.", "We bellen terug.") };
  const current = { ...base, body: body("Klanten wachten te lang.", "We bellen terug.", "We zeggen: ik kijk ernaar.") };
  expect(rebaseText(base, mine, current)).toEqual({
    ...base,
    body: body("Klanten wachten lang.", "We bellen terug.", "We zeggen: ik kijk ernaar."),
    overlaps: ["body"],
  });
});

test("an Enter at the very end is no change: the adopted last line stays, and nothing is said to overlap", () => {
  const mine = { ...base, title: "Nieuw.", body: base.body + "\n" };
  const current = { ...base, body: body("Klanten wachten.", "We bellen terug.", "We zeggen nooit: ik bel je nog.") };
  expect(rebaseText(base, mine, current)).toEqual({ ...current, title: "Nieuw.", overlaps: [] });
  const appended = { ...base, body: base.body + "\n- Extra: wat is aangenomen" };
  expect(rebaseText(base, { ...base, body: base.body + "\n\n" }, appended)).toEqual({ ...appended, overlaps: [] });
});

test("both added a line at the same place: both stay, the adopted one first, and the author is asked to look", () => {
  const list = text("T", "Zo:\n- a\n- b");
  const mine = { ...list, body: "Zo:\n- a\n- b\n- van mij" };
  const current = { ...list, body: "Zo:\n- a\n- b\n- aangenomen" };
  expect(rebaseText(list, mine, current)).toEqual({ ...list, body: "Zo:\n- a\n- b\n- aangenomen\n- van mij", overlaps: ["body"] });
});

test("line endings do not count as a change: a browser's CRLF over a seeded LF text still merges", () => {
  const mine = { ...base, title: "We bellen binnen twee werkdagen terug.", body: base.body.replace(/\n/g, "\r\n") };
  const current = { ...base, body: body("Klanten wachten.", "We bellen terug en noemen een tijd.") };
  expect(rebaseText(base, mine, current)).toEqual({ ...current, title: mine.title, overlaps: [] });
  // And a CRLF change laid over an LF version comes out in LF, one line ending throughout.
  const edited = { ...base, body: body("Klanten wachten, en bellen anders zelf.", "We bellen terug.").replace(/\n/g, "\r\n") };
  expect(rebaseText(base, edited, current).body).toBe(body("Klanten wachten, en bellen anders zelf.", "We bellen terug en noemen een tijd."));
});
