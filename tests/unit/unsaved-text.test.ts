import { expect, test } from "vitest";
import { unsavedTexts } from "~/unsaved-text";

test("only the free-text fields that hold something come back, in the order sent", () => {
  const form = new URLSearchParams([
    ["intent", "note"],
    ["body", "  Eerste alinea\n\nTweede  "],
    ["visibility", "private"],
    ["password", "correct horse battery"],
    ["rating.N-1", "4"],
    ["observation.N-1", "Bleef rustig."],
    ["example.N-2", " \n\t "],
    ["title", "We bellen terug"],
    ["observation.", "no code"],
    ["userId", "u-1"],
  ]);
  expect(unsavedTexts(form)).toEqual([
    { field: "body", value: "  Eerste alinea\n\nTweede  " },
    { field: "observation", code: "N-1", value: "Bleef rustig." },
    { field: "title", value: "We bellen terug" },
  ]);
});

test("a file in a multipart form is not text", () => {
  const form = new FormData();
  form.append("body", new Blob(["x"]), "x.txt");
  form.append("reason", "Te vaag");
  expect(unsavedTexts(form)).toEqual([{ field: "reason", value: "Te vaag" }]);
});
