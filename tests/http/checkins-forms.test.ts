// Access rules and form validation of the check-in URLs.
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { signUp, teamWithMembers, visibleText } from "../support/client";
import { insertActiveNorms, queryTestDb, retireNorm } from "../support/norm-fixtures";
import { openCycle, peersToRate, ratePeer, rateSelf, userIdByEmail } from "../support/checkins";
import { autofocused } from "../support/forms";

let server: TestServer;
let team: Awaited<ReturnType<typeof teamWithMembers>>;
let codes: string[];
let cycleId: number;
let base: string;

beforeAll(async () => {
  server = await startServer();
  team = await teamWithMembers(server.url, 4);
  codes = insertActiveNorms(server.dbPath, team.teamId, ["We answer e-mail within a day", "We end each call with a summary"]).map(
    (n) => n.code,
  );
  cycleId = await openCycle(team.lead, team.teamId, { normCodes: codes });
  base = `/teams/${team.teamId}/checkins`;
});
afterAll(() => server?.stop());

test("outsiders get 404 on every check-in URL; members get 403 on lead actions", async () => {
  const outsider = await signUp(server.url, "Outsider");
  const someone = userIdByEmail(server.dbPath, team.members[0].email);
  const pages = [base, `${base}/new`, `${base}/${cycleId}`, `${base}/${cycleId}/self`, `${base}/${cycleId}/peers/${someone}`, `${base}/${cycleId}/results`];
  for (const path of pages) expect((await outsider.get(path)).status, path).toBe(404);
  expect((await outsider.post(`${base}/new`, { title: "x", normCodes: codes })).status).toBe(404);
  expect((await outsider.post(`${base}/${cycleId}`, { intent: "close" })).status).toBe(404);
  expect((await rateSelf(outsider, team.teamId, cycleId, { [codes[0]]: 3, [codes[1]]: 3 })).status).toBe(404);

  const member = team.members[0];
  expect((await member.get(`${base}/new`)).status).toBe(403);
  expect((await member.post(`${base}/new`, { title: "Mine", normCodes: codes, closesAt: "2099-01-01T10:00" })).status).toBe(403);
  expect((await member.post(`${base}/${cycleId}`, { intent: "close" })).status).toBe(403);
  expect(visibleText((await member.get(`${base}/${cycleId}`)).html)).not.toContain("Close the check-in now");

  // Not signed in: sent to the login page.
  const anonymous = await fetch(`${server.url}${base}/${cycleId}`, { redirect: "manual" });
  expect(anonymous.status).toBe(303);
});

test("the rating forms show each norm's explanation with its scale, as it read when the check-in opened", async () => {
  const self = await team.members[0].get(`/teams/${team.teamId}/checkins/${cycleId}/self`);
  expect(self.status).toBe(200);
  expect(self.html).toMatch(new RegExp(`<details class="norm-text"><summary>What ${codes[0]} says</summary><div class="prose"[^>]*><p>Why: We answer e-mail within a day</p>`));
  const peer = (await peersToRate(team.members[0], team.teamId, cycleId))[0];
  const form = visibleText((await team.members[0].get(`/teams/${team.teamId}/checkins/${cycleId}/peers/${peer}`)).html);
  expect(form).toContain(`What ${codes[1]} says Why: We end each call with a summary`);
});

test("a cycle of another team, or no cycle at all, is a 404", async () => {
  const other = await teamWithMembers(server.url, 1, "Other team");
  const [otherCode] = insertActiveNorms(server.dbPath, other.teamId, ["Other team's norm"]).map((n) => n.code);
  const otherCycle = await openCycle(other.lead, other.teamId, { normCodes: [otherCode] });
  const lead = team.lead;
  for (const path of [`${base}/${otherCycle}`, `${base}/${otherCycle}/results`, `${base}/${otherCycle}/self`, `${base}/999999`, `${base}/abc`, `${base}/0012`]) {
    expect((await lead.get(path)).status, path).toBe(404);
  }
  expect((await lead.post(`${base}/${otherCycle}`, { intent: "close" })).status).toBe(404);
});

test("rating someone not assigned (or oneself, or nobody) is a 404 and stores nothing", async () => {
  const member = team.members[1];
  const myId = userIdByEmail(server.dbPath, member.email);
  const assigned = await peersToRate(member, team.teamId, cycleId);
  const everyone = [team.lead, ...team.members].map((c) => userIdByEmail(server.dbPath, c.email));
  const unassigned = everyone.find((id) => id !== myId && !assigned.includes(id))!;
  expect(unassigned).toBeDefined();
  for (const target of [unassigned, myId, "nobody", "no%20body"]) {
    expect((await member.get(`${base}/${cycleId}/peers/${target}`)).status, target).toBe(404);
    expect((await ratePeer(member, team.teamId, cycleId, target, { [codes[0]]: 5, [codes[1]]: 5 })).status, target).toBe(404);
  }
  const stored = queryTestDb(server.dbPath, "select 1 from peer_ratings where cycle_id = ? and rater_id = ?", cycleId, myId);
  expect(stored).toEqual([]);
  // The assigned colleague's form works.
  expect((await member.get(`${base}/${cycleId}/peers/${assigned[0]}`)).status).toBe(200);
});

test("missing or out-of-range ratings: 400, a message per field, everything typed kept", async () => {
  const member = team.members[2];
  const example = "  Belde mevrouw Çelik terug 🙂 <script>alert(1)</script>\nTweede regel  ";
  const res = await member.post(`${base}/${cycleId}/self`, {
    [`rating.${codes[0]}`]: "4",
    [`rating.${codes[1]}`]: "7",
    [`example.${codes[0]}`]: example,
    [`example.${codes[1]}`]: "second example",
  });
  expect(res.status).toBe(400);
  const text = visibleText(res.html);
  expect(text).toContain("A rating is a whole number from 1 (rarely) to 5 (consistently).");
  // The valid choice stays checked, both texts are back in their fields exactly.
  expect(res.html.match(/<input[^>]*name="rating\.N-1"[^>]*>/g)!.filter((i) => i.includes("checked"))).toEqual([
    expect.stringContaining('value="4"'),
  ]);
  expect(res.html).toContain(
    ">  Belde mevrouw Çelik terug 🙂 &lt;script&gt;alert(1)&lt;/script&gt;\nTweede regel  </textarea>",
  );
  expect(res.html).toContain(">second example</textarea>");
  expect(res.html).not.toContain("<script>alert(1)</script>");
  // The invalid scale's radios point at its message; the valid one's are left alone.
  const radios = (code: string) => res.html.match(new RegExp(`<input[^>]*name="rating\\.${code}"[^>]*>`, "g"))!;
  expect(radios(codes[1])).toHaveLength(5);
  for (const radio of radios(codes[1])) {
    expect(radio).toContain('aria-invalid="true"');
    expect(radio).toContain(`aria-describedby="self-rating-rating.${codes[1]}-error"`);
  }
  expect(res.html).toContain(`id="self-rating-rating.${codes[1]}-error"`);
  for (const radio of radios(codes[0])) expect(radio).not.toContain("aria-invalid");
  // Without JavaScript the refused form opens on the first unrated norm's scale, so a
  // screen reader reads that norm and its error, and nobody has to look for it.
  expect(autofocused(res.html)).toEqual([`self-rating-rating.${codes[1]}-1`]);

  const missing = await member.post(`${base}/${cycleId}/self`, { [`example.${codes[1]}`]: "only text" });
  expect(missing.status).toBe(400);
  expect(visibleText(missing.html).match(/Choose a rating from 1 \(rarely\) to 5 \(consistently\)\./g)).toHaveLength(2);
  expect(missing.html).toContain(">only text</textarea>");
  expect(autofocused(missing.html)).toEqual([`self-rating-rating.${codes[0]}-1`]);
  // Above the form, the refused norms, each a link to its own part of the form.
  expect(visibleText(missing.html)).toContain(`2 norms need your attention: ${codes[0]} ${codes[1]}`);
  for (const code of codes.slice(0, 2)) {
    expect(missing.html).toContain(`href="#self-rating-norm-${code}"`);
    expect(missing.html).toContain(`id="self-rating-norm-${code}"`);
  }
  // One refused norm needs no list: the form opens on it.
  expect(visibleText(res.html)).not.toContain("need your attention");
  expect(visibleText(res.html)).not.toContain("needs your attention");

  const peer = (await peersToRate(member, team.teamId, cycleId))[0];
  const bad = await ratePeer(member, team.teamId, cycleId, peer, { [codes[0]]: "3", [codes[1]]: "abc" }, { [codes[0]]: "Zag het gebeuren." });
  expect(bad.status).toBe(400);
  expect(bad.html).toContain(">Zag het gebeuren.</textarea>");
  expect(autofocused(bad.html)).toEqual([`peer-rating-rating.${codes[1]}-1`]);
  const decimal = await ratePeer(member, team.teamId, cycleId, peer, { [codes[0]]: "2.5", [codes[1]]: "0" });
  expect(decimal.status).toBe(400);
  const tooLong = await rateSelf(member, team.teamId, cycleId, { [codes[0]]: 3, [codes[1]]: 3 }, { [codes[0]]: "x".repeat(2001) });
  expect(tooLong.status).toBe(400);
  expect(visibleText(tooLong.html)).toContain("This is too long: at most 2,000 characters.");

  const myId = userIdByEmail(server.dbPath, member.email);
  expect(queryTestDb(server.dbPath, "select 1 from self_ratings where cycle_id = ? and user_id = ?", cycleId, myId)).toEqual([]);

  // A good submission stores the text exactly as typed, and the form shows it again.
  expect((await rateSelf(member, team.teamId, cycleId, { [codes[0]]: 4, [codes[1]]: 2 }, { [codes[0]]: example })).status).toBe(303);
  const stored = queryTestDb<{ example: string; rating: number }>(
    server.dbPath,
    "select example, rating from self_ratings where cycle_id = ? and user_id = ? order by norm_id",
    cycleId,
    myId,
  );
  expect(stored).toEqual([
    { example, rating: 4 },
    { example: "", rating: 2 },
  ]);
  const again = await member.get(`${base}/${cycleId}/self`);
  expect(again.html).toContain("Tweede regel  </textarea>");
  expect(again.html.match(/<input[^>]*name="rating\.N-2"[^>]*>/g)!.find((i) => i.includes("checked"))).toContain('value="2"');
});

test("opening a cycle: 400 with messages and the typed title kept for bad input", async () => {
  const lead = team.lead;
  const inAMonth = `${new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)}T10:00`;
  const empty = await lead.post(`${base}/new`, { title: "Najaar 🍂", closesAt: "2020-01-01T10:00", peersPerMember: "0" });
  expect(empty.status).toBe(400);
  const text = visibleText(empty.html);
  expect(text).toContain("Choose at least one norm.");
  expect(text).toContain("Choose a closing time in the future.");
  expect(text).toContain("Enter a number from 1 to 20.");
  expect(empty.html).toContain('value="Najaar 🍂"');

  const noTitle = await lead.post(`${base}/new`, { title: "   ", normCodes: codes, closesAt: "not a date" });
  expect(noTitle.status).toBe(400);
  expect(visibleText(noTitle.html)).toContain("This field is required.");
  expect(visibleText(noTitle.html)).toContain("Enter a valid date and time.");
  const farAway = await lead.post(`${base}/new`, { title: "Far", normCodes: codes, closesAt: "2099-06-01T10:00" });
  expect(farAway.status).toBe(400);
  expect(visibleText(farAway.html)).toContain("Choose a closing time within a year.");

  const unknown = await lead.post(`${base}/new`, { title: "X", normCodes: [codes[0], "N-99"], closesAt: inAMonth });
  expect(visibleText(unknown.html)).toContain("N-99 is not an active norm of this team.");
  expect(unknown.status).toBe(400);

  const [retired] = insertActiveNorms(server.dbPath, team.teamId, ["An old norm"]);
  retireNorm(server.dbPath, retired.id);
  const withRetired = await lead.post(`${base}/new`, { title: "X", normCodes: [retired.code], closesAt: inAMonth });
  expect(withRetired.status).toBe(400);
  expect((await lead.get(`${base}/new`)).html).not.toContain(`value="${retired.code}"`);

  // The browser's datetime-local format is Dutch wall-clock time.
  const next = new Date(Date.now() + 3 * 86_400_000);
  const day = next.toISOString().slice(0, 10);
  const ok = await lead.post(`${base}/new`, { title: "Lokale tijd", normCodes: [codes[1]], closesAt: `${day}T17:00` });
  expect(ok.status).toBe(303);
  const id = Number(ok.location!.split("/").pop());
  const [row] = queryTestDb<{ closesAt: number; k: number }>(
    server.dbPath,
    "select closes_at as closesAt, peers_per_member as k from checkin_cycles where id = ?",
    id,
  );
  const amsterdam = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Amsterdam", hour: "2-digit", minute: "2-digit" });
  expect(amsterdam.format(new Date(row.closesAt))).toBe("17:00");
  // peersPerMember left out: the default of 3.
  expect(row.k).toBe(3);
  const norms = queryTestDb<{ n: number }>(server.dbPath, "select count(*) as n from cycle_norms where cycle_id = ?", id);
  expect(norms[0].n).toBe(1);
});

test("the lead's cycle page says how many colleagues each participant rates, and why fewer than asked", async () => {
  const lead = team.lead;
  // Five participants: each has four colleagues to rate.
  const usual = visibleText((await lead.get(`${base}/${cycleId}`)).html);
  expect(usual).toContain("Each participant rates 3 colleagues.");
  expect(usual).not.toContain("were asked for");
  const many = await openCycle(lead, team.teamId, { title: "Everyone", normCodes: codes, peersPerMember: "9" });
  const text = visibleText((await lead.get(`${base}/${many}`)).html);
  expect(text).toContain("Each participant rates 4 colleagues. 9 were asked for, but with 5 participants there are no more to rate.");
  expect((await peersToRate(team.members[0], team.teamId, many)).length).toBe(4);
});

test("a team without norms is shown the way to its first norm instead of a check-in form that can only be refused", async () => {
  const bare = await teamWithMembers(server.url, 1, "Team Zonder Normen");
  const page = await bare.lead.get(`/teams/${bare.teamId}/checkins/new`);
  expect(page.status).toBe(200);
  expect(visibleText(page.html)).toContain("The team has no active norms yet.");
  expect(page.html).toContain(`href="/teams/${bare.teamId}/proposals/new"`);
  expect(visibleText(page.html)).toContain("Propose the first norm");
  expect(page.html).not.toContain('name="title"');
  // Posted anyway: the form comes back with the error at the norms.
  const posted = await bare.lead.post(`/teams/${bare.teamId}/checkins/new`, { title: "Toch", closesAt: "2099-01-01T10:00" });
  expect(posted.status).toBe(400);
  expect(posted.html).toContain('value="Toch"');
  expect(visibleText(posted.html)).toContain("Choose at least one norm.");
});
