import { expect, test } from "vitest";
import { distinctTexts, keptTextsOfForm, unsavedTexts } from "~/unsaved-text";

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

test("the sign-in form's kept texts come back as texts, and nothing else does", () => {
  const form = new FormData();
  for (const v of [
    JSON.stringify({ field: "body", value: "Mijn reactie" }),
    JSON.stringify({ field: "example", code: "N-2", value: "Belde om twee uur terug." }),
    JSON.stringify({ field: "password", value: "geheim" }),
    JSON.stringify({ field: "body", value: 42 }),
    JSON.stringify({ field: "observation", code: "x".repeat(41), value: "te lange code" }),
    "{not json",
    "null",
  ])
    form.append("kept", v);
  expect(keptTextsOfForm(form)).toEqual([
    { field: "body", value: "Mijn reactie" },
    { field: "example", code: "N-2", value: "Belde om twee uur terug." },
  ]);
  const many = new FormData();
  for (let i = 0; i < 100; i++) many.append("kept", JSON.stringify({ field: "body", value: "x".repeat(10) }));
  expect(keptTextsOfForm(many)).toHaveLength(60);
  expect(keptTextsOfForm(many, { texts: 60, chars: 25 })).toHaveLength(2);
});

test("a text sent twice is given back once", () => {
  const t = { field: "body" as const, value: "Twee keer" };
  expect(distinctTexts([t, { ...t }, { ...t, field: "reason" as const }])).toEqual([t, { ...t, field: "reason" }]);
});
