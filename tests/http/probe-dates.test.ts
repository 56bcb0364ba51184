// Probe: dates the calendar does not have (30 February, second 60, 24:00), and due
// dates outside 2000–2099 or before today. Each is a 400 with the message next to the field and the
// typed value kept; Date.parse used to roll some of them over into a real, wrong date.
import { beforeAll, describe, expect, test } from "vitest";
import { teamWithMembers, type Client } from "../support/client";
import { conversationPath, openCycle } from "../support/checkins";
import type { TestDb } from "../support/db";
import { fieldError, fieldValue } from "../support/forms";
import { insertActiveNorms } from "../support/norm-fixtures";
import { todayIso } from "~/i18n/format";
import { newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

let lead: Client;
let member: Client & { email: string };
let teamId: string;
let conversation: string;

// Next year, so that a real date would be in the future and within every limit.
const next = new Date().getUTCFullYear() + 1;
const impossibleTimes = [
  `${next}-02-30T10:00`,
  `${next}-02-30T10:00Z`,
  `${next}-04-31T10:00`,
  `${next}-05-01T10:00:60`,
  `${next}-05-01T10:00:60Z`,
  `${next}-05-01T24:00`,
  `${next}-05-01T24:00Z`,
  `${next}-05-01T10:60`,
  `${next}-05-01T10:00+25:00`,
  `${next}-05-01T10:00+01:60`,
  `${next}-13-01T10:00Z`,
  `${next}-00-10T10:00`,
  "tomorrow",
];

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 2);
  ({ lead, teamId } = team);
  member = team.members[0] as Client & { email: string };
  insertActiveNorms(server.dbPath, teamId, ["We call back within one working day."]);
  const cycle = await openCycle(lead, teamId, { normCodes: ["N-1"] });
  conversation = conversationPath(server.dbPath, teamId, cycle, member.email);
});

describe("due dates of actions", () => {
  const actions = () => (db.prepare("select count(*) as n from conversation_actions").get() as { n: number }).n;

  test("outside 2000–2099: 400, the range named next to the field, the text kept", async () => {
    const before = actions();
    for (const dueOn of ["1999-12-31", "2100-01-01", "0001-01-01", "9999-12-31", "0000-01-01"]) {
      const res = await lead.post(conversation, { intent: "action", text: "Practise the callback script", normCode: "N-1", dueOn });
      expect(res.status, dueOn).toBe(400);
      expect(fieldError(res.html, "new-action", "dueOn"), dueOn).toBe("Enter a date from the year 2000 to 2099.");
      expect(fieldValue(res.html, "text")).toBe("Practise the callback script");
      expect(fieldValue(res.html, "dueOn")).toBe(dueOn);
    }
    expect(actions()).toBe(before);
  });

  test("days the calendar does not have, or written otherwise: 400", async () => {
    const before = actions();
    for (const dueOn of ["2026-02-30", "2027-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-1", "+2026-01-01", "2026-01-01T00:00", "31-12-2026", " 2026-12-31"]) {
      const res = await lead.post(conversation, { intent: "action", text: "Call back", normCode: "", dueOn });
      expect(res.status, dueOn).toBe(400);
      expect(fieldError(res.html, "new-action", "dueOn"), dueOn).toBe("Enter a date such as 2026-12-31.");
    }
    expect(actions()).toBe(before);
    // Real days pass, leap day included, today and the end of the range.
    for (const dueOn of ["2028-02-29", todayIso(), "2099-12-31"]) {
      expect((await lead.post(conversation, { intent: "action", text: `Due ${dueOn}`, normCode: "", dueOn })).status, dueOn).toBe(303);
    }
    expect(db.prepare("select due_on as d from conversation_actions where text = 'Due 2028-02-29'").get()).toEqual({ d: "2028-02-29" });
  });

  test("a day already past (a typo, or overdue from the start): 400, said next to the field, everything typed kept", async () => {
    const before = actions();
    // A day before today where the team is (36 hours back: yesterday or the day before, even
    // on a day of 25 hours), and the first day the years allow.
    for (const dueOn of [todayIso(Date.now() - 36 * 3_600_000), "2000-01-01"]) {
      const res = await lead.post(conversation, { intent: "action", text: "Practise the callback script", normCode: "N-1", dueOn });
      expect(res.status, dueOn).toBe(400);
      expect(fieldError(res.html, "new-action", "dueOn"), dueOn).toBe("Choose today or a later day: this date has passed.");
      expect(fieldValue(res.html, "text")).toBe("Practise the callback script");
      expect(fieldValue(res.html, "dueOn")).toBe(dueOn);
    }
    expect(actions()).toBe(before);
  });
});

describe("closing times", () => {
  test("a check-in's closing time must be a real moment", async () => {
    const cycles = () => (db.prepare("select count(*) as n from checkin_cycles where team_id = ?").get(teamId) as { n: number }).n;
    const before = cycles();
    for (const closesAt of impossibleTimes) {
      const res = await lead.post(`/teams/${teamId}/checkins/new`, { title: "Spring", normCodes: ["N-1"], closesAt, peersPerMember: "1" });
      expect(res.status, closesAt).toBe(400);
      expect(fieldError(res.html, "new-checkin", "closesAt"), closesAt).toBe("Enter a valid date and time.");
      expect(fieldValue(res.html, "closesAt"), closesAt).toBe(closesAt);
      expect(fieldValue(res.html, "title")).toBe("Spring");
    }
    expect(cycles()).toBe(before);
  });

  test("a vote's closing time too", async () => {
    const id = await newProposal(member, teamId, { kind: "add", title: "We confirm appointments by e-mail.", body: "", category: "follow-up" });
    for (const closesAt of impossibleTimes) {
      const res = await member.post(proposalPath(teamId, id), { intent: "open-vote", closesAt });
      expect(res.status, closesAt).toBe(400);
      expect(fieldError(res.html, "open-vote", "closesAt"), closesAt).toBe("Enter a valid date and time.");
    }
    expect(db.prepare("select status from proposals where id = ?").get(id)).toEqual({ status: "draft" });
  });
});
