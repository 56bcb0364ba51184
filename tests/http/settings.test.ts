// Contract row /teams/:team/settings: decisionRule, quorumPercent, voteDays,
// anonymityThreshold, language → 303; each validated, for leads only.
import { describe, expect, test } from "vitest";
import { signUp, teamWithMembers, visibleText } from "../support/client";
import type { TestDb } from "../support/db";
import { fieldError, fieldValue, parseForms, submitForm } from "../support/forms";
import { newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const stored = (teamId: string) =>
  db
    .prepare(
      `select name, description, decision_rule as decisionRule, quorum_percent as quorumPercent, vote_days as voteDays,
              anonymity_threshold as anonymityThreshold, language from teams where id = ?`,
    )
    .get(teamId) as Record<string, string | number>;

const VALID = { decisionRule: "consent", quorumPercent: "60", voteDays: "5", anonymityThreshold: "4", language: "nl" };

async function team(name: string) {
  const { lead, teamId, members } = await teamWithMembers(server.url, 1, name);
  return { lead, teamId, member: members[0], path: `/teams/${teamId}/settings` };
}

test("the settings page shows the current values in a real form", async () => {
  const { lead, teamId, path } = await team("Defaults");
  const page = await lead.get(path);
  expect(page.status).toBe(200);
  const form = parseForms(page.html).find((f) => f.id === "settings")!;
  expect(form.method).toBe("post");
  expect(Object.fromEntries(form.fields)).toEqual({
    name: "Defaults",
    description: "",
    language: "en",
    decisionRule: "majority",
    quorumPercent: "50",
    voteDays: "7",
    anonymityThreshold: "3",
  });
  // Every control has a label.
  for (const [name] of form.fields) {
    const id = new RegExp(`<(?:input|select|textarea)[^>]*name="${name}"[^>]*>`).exec(page.html)![0].match(/id="([^"]+)"/)![1];
    expect(page.html, name).toContain(`for="${id}"`);
  }
  expect(stored(teamId).decisionRule).toBe("majority");
});

test("saving the whole form answers 303 with a flash and stores every field", async () => {
  const { lead, teamId, path } = await team("Save All");
  const page = await lead.get(path);
  const res = await submitForm(lead, path, page, { id: "settings" }, { ...VALID, name: "Nieuwe naam", description: "Over ons" });
  expect(res.status).toBe(303);
  expect(res.location).toBe(path);
  expect(stored(teamId)).toEqual({
    name: "Nieuwe naam",
    description: "Over ons",
    decisionRule: "consent",
    quorumPercent: 60,
    voteDays: 5,
    anonymityThreshold: 4,
    language: "nl",
  });
  // The team now speaks Dutch to members without a language of their own.
  expect(visibleText((await lead.get(path)).html)).toContain("Instellingen opgeslagen.");
});

test("a POST with only the five contract fields succeeds and keeps name and description", async () => {
  const { lead, teamId, path } = await team("Script Team");
  db.prepare("update teams set description = 'Kept' where id = ?").run(teamId);
  const res = await lead.post(path, VALID);
  expect(res.status).toBe(303);
  expect(stored(teamId)).toEqual({
    name: "Script Team",
    description: "Kept",
    decisionRule: "consent",
    quorumPercent: 60,
    voteDays: 5,
    anonymityThreshold: 4,
    language: "nl",
  });
});

test("the limits themselves are accepted", async () => {
  const { lead, teamId, path } = await team("Limits");
  expect((await lead.post(path, { ...VALID, quorumPercent: "0", voteDays: "1", anonymityThreshold: "3" })).status).toBe(303);
  expect(stored(teamId)).toMatchObject({ quorumPercent: 0, voteDays: 1, anonymityThreshold: 3 });
  expect((await lead.post(path, { ...VALID, quorumPercent: "100", voteDays: "30", decisionRule: "majority", language: "en" })).status).toBe(303);
  expect(stored(teamId)).toMatchObject({ quorumPercent: 100, voteDays: 30, decisionRule: "majority", language: "en" });
});

test("a vote duration of one day reads as one day where a vote is opened, in both languages", async () => {
  const { lead, teamId, path } = await team("One Day");
  expect((await lead.post(path, { ...VALID, voteDays: "1", language: "en" })).status).toBe(303);
  const id = await newProposal(lead, teamId, { kind: "add", title: "We call back within one working day.", body: "", category: "other" });
  expect(visibleText((await lead.get(proposalPath(teamId, id))).html)).toContain("Leave empty for the team's usual 1 day (until");
  await lead.post("/language", { language: "nl", redirectTo: "/" });
  expect(visibleText((await lead.get(proposalPath(teamId, id))).html)).toContain("de gebruikelijke termijn van het team: 1 dag (tot");
});

describe("each field is validated: 400, the message next to it, everything typed kept", () => {
  const cases: [string, Record<string, string>, string][] = [
    ["decisionRule", { decisionRule: "unanimous" }, "Choose one of the options."],
    ["decisionRule", { decisionRule: "" }, "Choose one of the options."],
    ["quorumPercent", { quorumPercent: "101" }, "Enter a number from 0 to 100."],
    ["quorumPercent", { quorumPercent: "-1" }, "Enter a number from 0 to 100."],
    ["quorumPercent", { quorumPercent: "fifty" }, "Enter a whole number."],
    ["quorumPercent", { quorumPercent: "50.5" }, "Enter a whole number."],
    ["quorumPercent", { quorumPercent: "" }, "This field is required."],
    ["voteDays", { voteDays: "0" }, "Enter a number from 1 to 30."],
    ["voteDays", { voteDays: "31" }, "Enter a number from 1 to 30."],
    ["anonymityThreshold", { anonymityThreshold: "2" }, "Enter a number of at least 3."],
    ["anonymityThreshold", { anonymityThreshold: "0" }, "Enter a number of at least 3."],
    ["anonymityThreshold", { anonymityThreshold: "-5" }, "Enter a number of at least 3."],
    ["language", { language: "de" }, "Choose one of the options."],
    ["name", { name: "" }, "This field is required."],
    ["name", { name: "   " }, "This field is required."],
    ["name", { name: "n".repeat(81) }, "This is too long: at most 80 characters."],
    ["description", { description: "d".repeat(1001) }, "This is too long: at most 1,000 characters."],
  ];
  for (const [field, change, message] of cases) {
    test(`${field} = ${JSON.stringify(Object.values(change)[0]).slice(0, 20)}`, async () => {
      const { lead, teamId, path } = await team(`Invalid ${field}`);
      const before = stored(teamId);
      const typed = { name: "Typed name", description: "Typed description", ...VALID, ...change };
      const res = await lead.post(path, typed);
      expect(res.status).toBe(400);
      expect(fieldError(res.html, "settings", field)).toBe(message);
      // Every text field shows exactly what was sent, the wrong value included.
      for (const name of ["name", "description", "quorumPercent", "voteDays", "anonymityThreshold"]) {
        expect(fieldValue(res.html, name), name).toBe(typed[name as keyof typeof typed]);
      }
      // Selects keep the choice when it is one of their options.
      const form = Object.fromEntries(parseForms(res.html).find((f) => f.id === "settings")!.fields);
      if (change.decisionRule === undefined) expect(form.decisionRule).toBe(VALID.decisionRule);
      if (change.language === undefined) expect(form.language).toBe(VALID.language);
      expect(stored(teamId)).toEqual(before);
    });
  }
});

test("clearing the description through the form stores it empty", async () => {
  const { lead, teamId, path } = await team("Clear Description");
  db.prepare("update teams set description = 'Old text' where id = ?").run(teamId);
  const page = await lead.get(path);
  expect((await submitForm(lead, path, page, { id: "settings" }, { description: "" })).status).toBe(303);
  expect(stored(teamId).description).toBe("");
});

test("members get 403 and outsiders 404, on GET and on POST", async () => {
  const { teamId, member, path } = await team("Lead Only");
  const outsider = await signUp(server.url, "Settings Outsider");
  const before = stored(teamId);
  const asMember = await member.get(path);
  expect(asMember.status).toBe(403);
  expect(visibleText(asMember.html)).toContain("Only a team lead can open this page or do this.");
  expect((await member.post(path, VALID)).status).toBe(403);
  expect((await outsider.get(path)).status).toBe(404);
  expect((await outsider.post(path, VALID)).status).toBe(404);
  expect(stored(teamId)).toEqual(before);
});
