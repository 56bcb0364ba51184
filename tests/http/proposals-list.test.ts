// The proposals list of a team with years of history: open work (drafts, votes in
// progress) always in full; the decided and withdrawn ones filtered by status, norm and
// year with a plain GET form, a page of 50 at a time, newest first. What a lead notices:
// the filters narrow the list, paging walks it without gaps or repeats and keeps the
// filters, and no query string breaks the page.
import { beforeAll, describe, expect, test } from "vitest";
import { Client, teamWithMembers, visibleText } from "../support/client";
import type { TestDb } from "../support/db";
import { adopt, decodeHtml, expectStatus, newProposal, proposalPath } from "../support/norms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const PAGE_SIZE = 50;
const HISTORY = 130;
const DRAFTS = 55;
const SPRING = 60;
const ENDED = ["adopted", "rejected", "conflict", "withdrawn"] as const;
type Ended = (typeof ENDED)[number];

let lead: Client;
let member: Client;
let teamId: string;
let list: string;
// Ids of the two norms (N-2 retired by a vote) and of the open work made through the forms.
const norm: Record<string, number> = {};
let votingId: number;

type Row = { id: number; status: Ended; normId: number | null; endedAt: number };

/** The closed proposals as stored, in the order the list promises: newest close first. */
function closedRows(where = "1 = 1", ...args: unknown[]): Row[] {
  return db
    .prepare(
      `select id, status, norm_id as normId, coalesce(closed_at, updated_at) as endedAt from proposals
       where team_id = ? and status in ('adopted', 'rejected', 'conflict', 'withdrawn') and (${where})
       order by endedAt desc, id desc`,
    )
    .all(teamId, ...args) as Row[];
}

/** The calendar year in Amsterdam, where the teams work. */
function amsterdamYear(ms: number) {
  return Number(new Intl.DateTimeFormat("en", { year: "numeric", timeZone: "Europe/Amsterdam" }).format(ms));
}

/** The part of the page about the decided and withdrawn proposals. */
function closedPart(html: string) {
  const at = html.indexOf('id="group-closed"');
  expect(at, "the closed section").toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf("<", at));
}

/** Proposal ids listed in a part of the page, in order. */
function listedIds(html: string) {
  return [...html.matchAll(/<li class="proposal-item">[\s\S]*?href="\/teams\/[^/"]+\/proposals\/(\d+)"/g)].map((m) => Number(m[1]));
}

/** The href of the link whose text is `text`, or null. */
function linkTo(html: string, text: string) {
  for (const m of html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)) {
    if (visibleText(m[2]) !== text) continue;
    const href = /\shref="([^"]*)"/.exec(m[1]);
    return href ? decodeHtml(href[1]) : null;
  }
  return null;
}

/** Follows "Older proposals" from `path` to the end; every page's ids and links. */
async function walk(client: Client, path: string) {
  const pages: { path: string; ids: number[]; html: string }[] = [];
  let next: string | null = path;
  while (next) {
    const page = expectStatus(await client.get(next), 200);
    const part = closedPart(page.html);
    pages.push({ path: next, ids: listedIds(part), html: part });
    next = linkTo(part, "Older proposals");
    if (pages.length > 20) throw new Error("paging does not end");
  }
  return pages;
}

const ids = (rows: Row[]) => rows.map((r) => r.id);

beforeAll(async () => {
  const team = await teamWithMembers(server.url, 2, "Klantenservice Archief");
  ({ lead, teamId } = team);
  member = team.members[0];
  list = `/teams/${teamId}/proposals`;
  const everyone = [lead, ...team.members];

  // Through the forms: two norms, the second retired by a vote; a withdrawn draft; a vote in progress.
  await adopt(lead, everyone, teamId, { kind: "add", title: "We bellen een klant binnen één werkdag terug.", body: "", category: "follow-up" });
  await adopt(lead, everyone, teamId, { kind: "add", title: "We noemen bij doorverbinden de naam van de collega.", body: "", category: "colleagues" });
  await adopt(lead, everyone, teamId, { kind: "retire", normCode: "N-2", body: "Staat al in N-1." });
  const withdrawn = await newProposal(member, teamId, { kind: "add", title: "We sturen elke klant een bedankkaart.", body: "", category: "other" });
  expectStatus(await member.post(proposalPath(teamId, withdrawn), { intent: "withdraw" }), 303);
  votingId = await newProposal(member, teamId, { kind: "change", normCode: "N-1", title: "We bellen een klant binnen vier uur terug.", body: "", category: "follow-up" });
  expectStatus(await member.post(proposalPath(teamId, votingId), { intent: "open-vote", closesAt: "" }), 303);

  for (const row of db.prepare("select id, code from norms where team_id = ?").all(teamId) as { id: number; code: string }[]) norm[row.code] = row.id;
  const authorId = (db.prepare("select user_id as id from memberships where team_id = ? and role = 'lead'").get(teamId) as { id: string }).id;

  // Years of history, written straight into the database: 130 closed proposals over 2023–2025,
  // about N-1, about N-2, or new norms that did not make it; and more drafts than a page holds.
  const insert = db.prepare(
    `insert into proposals (team_id, author_id, kind, norm_id, base_version, title, body, category, status, created_at, updated_at, closed_at)
     values (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)`,
  );
  const start = Date.UTC(2023, 0, 10, 12);
  db.transaction(() => {
    for (let i = 0; i < HISTORY; i++) {
      const status: Ended = i % 10 === 4 ? "conflict" : i % 10 === 9 ? "withdrawn" : i % 2 === 0 ? "adopted" : "rejected";
      const about = i % 3 === 0 ? "N-1" : i % 3 === 1 ? "N-2" : null;
      // Every eight days or so: from January 2023 to late 2025.
      const closedAt = start + i * 8 * 86_400_000;
      const kind = about ? "change" : "add";
      insert.run(teamId, authorId, kind, about ? norm[about] : null, about ? 1 : null, `Archief ${String(i).padStart(3, "0")}`, "other", status, closedAt - 86_400_000, closedAt, closedAt);
    }
    // Last spring's run of rejected changes to N-1: more than a page of them.
    for (let i = 0; i < SPRING; i++) {
      const at = Date.UTC(2024, 2, 1, 9) + i * 86_400_000;
      insert.run(teamId, authorId, "change", norm["N-1"], 1, `Voorjaar ${String(i).padStart(2, "0")}`, "other", "rejected", at - 86_400_000, at, at);
    }
    // Rejected half an hour into 2025 in Amsterdam, still 2024 in UTC.
    const newYear = Date.UTC(2024, 11, 31, 23, 30);
    insert.run(teamId, authorId, "change", norm["N-1"], 1, "Oudejaarsnacht", "other", "rejected", newYear - 86_400_000, newYear, newYear);
    // Two closed on the same moment: the higher id comes first, and paging keeps them apart.
    for (const title of ["Gelijktijdig A", "Gelijktijdig B"]) insert.run(teamId, authorId, "add", null, null, title, "other", "adopted", start, start, start);
    for (let i = 0; i < DRAFTS; i++) insert.run(teamId, authorId, "add", null, null, `Concept ${String(i).padStart(2, "0")}`, "other", "draft", Date.now(), Date.now(), null);
  })();
}, 120_000);

describe("open work", () => {
  test("drafts and the vote in progress are all shown, however many, with their usual groups", async () => {
    const page = expectStatus(await member.get(list), 200);
    const text = visibleText(page.html);
    const drafts = db.prepare("select count(*) as n from proposals where team_id = ? and status = 'draft'").get(teamId) as { n: number };
    expect(drafts.n).toBeGreaterThan(PAGE_SIZE);
    expect(text).toMatch(new RegExp(`Open votes \\( ?1 ?\\)`));
    expect(text).toMatch(new RegExp(`Drafts \\( ?${drafts.n} ?\\)`));
    const open = page.html.slice(page.html.indexOf('id="group-voting"'), page.html.indexOf('id="group-closed"'));
    expect(listedIds(open)).toHaveLength(drafts.n + 1);
    expect(listedIds(open)).toContain(votingId);
    // Still there on an older page of the closed list and with filters.
    const filtered = expectStatus(await member.get(`${list}?status=rejected&norm=N-2&page=2`), 200);
    expect(visibleText(filtered.html)).toMatch(new RegExp(`Drafts \\( ?${drafts.n} ?\\)`));
    expect(listedIds(filtered.html.slice(0, filtered.html.indexOf('id="group-closed"')))).toHaveLength(drafts.n + 1);
  });
});

describe("the closed list", () => {
  test("shows the newest 50, counts adopted and rejected apart, and says how many it found", async () => {
    const all = closedRows();
    const page = expectStatus(await member.get(list), 200);
    const part = closedPart(page.html);
    const text = visibleText(part);
    expect(text).toMatch(new RegExp(`^Decided and withdrawn \\( ?${all.length} ?\\)`));
    const count = (s: Ended) => all.filter((r) => r.status === s).length;
    expect(text).toContain(`${count("adopted")} adopted, ${count("rejected")} rejected, ${count("conflict")} not applied, ${count("withdrawn")} withdrawn.`);
    expect(text).toContain(`${all.length} proposals found. Showing 1–50 (page 1 of ${Math.ceil(all.length / PAGE_SIZE)}).`);
    expect(listedIds(part)).toEqual(ids(all).slice(0, PAGE_SIZE));
    // The first page has nothing newer.
    expect(linkTo(part, "Newer proposals")).toBeNull();
    expect(linkTo(part, "Older proposals")).toBe(`${list}?page=2#group-closed`);
  });

  test("paging walks every closed proposal once, in order, and back", async () => {
    const pages = await walk(member, list);
    const all = ids(closedRows());
    expect(pages).toHaveLength(Math.ceil(all.length / PAGE_SIZE));
    expect(pages.flatMap((p) => p.ids)).toEqual(all);
    for (const p of pages.slice(0, -1)) expect(p.ids).toHaveLength(PAGE_SIZE);
    // "Newer" goes back the way it came.
    for (let i = 1; i < pages.length; i++) expect(linkTo(pages[i].html, "Newer proposals")?.replace(/#.*/, "")).toBe(pages[i - 1].path.replace(/#.*/, ""));
    const last = visibleText(pages.at(-1)!.html);
    expect(last).toContain(`Showing ${(pages.length - 1) * PAGE_SIZE + 1}–${all.length} (page ${pages.length} of ${pages.length}).`);
  });

  test("the status filter narrows the list, and paging keeps it", async () => {
    for (const status of ENDED) {
      const want = closedRows("status = ?", status);
      const pages = await walk(member, `${list}?status=${status}`);
      expect(pages.flatMap((p) => p.ids), status).toEqual(ids(want));
      for (const p of pages) {
        expect(visibleText(p.html)).toContain(want.length === 1 ? "1 proposal found." : `${want.length} proposals found.`);
        // The form shows what is applied.
        expect(p.html).toMatch(new RegExp(`<option value="${status}" selected="">`));
      }
    }
    const adopted = await walk(member, `${list}?status=adopted`);
    expect(adopted.length, "adopted fills more than one page").toBeGreaterThan(1);
    for (const p of adopted.slice(1)) expect(p.path).toMatch(/^[^?]+\?status=adopted&page=\d+#group-closed$/);
  });

  test("all proposals about a norm, retired ones too; with status and year, over pages", async () => {
    const page = expectStatus(await member.get(list), 200);
    const options = closedPart(page.html);
    expect(visibleText(options)).toContain("N-1 · We bellen een klant binnen één werkdag terug.");
    expect(visibleText(options)).toContain("N-2 (retired) · We noemen bij doorverbinden de naam van de collega.");

    for (const code of ["N-1", "N-2"]) {
      const pages = await walk(member, `${list}?norm=${code}`);
      expect(pages.flatMap((p) => p.ids), code).toEqual(ids(closedRows("norm_id = ?", norm[code])));
    }
    // Typed by hand in lower case, it still finds the norm.
    const lower = closedPart(expectStatus(await member.get(`${list}?norm=n-2`), 200).html);
    expect(listedIds(lower)).toEqual(ids(closedRows("norm_id = ?", norm["N-2"])).slice(0, PAGE_SIZE));

    // "What did we reject about N-1 in 2024?"
    const in2024 = closedRows("status = 'rejected' and norm_id = ?", norm["N-1"]).filter((r) => amsterdamYear(r.endedAt) === 2024);
    const combined = closedPart(expectStatus(await member.get(`${list}?status=rejected&norm=N-1&year=2024`), 200).html);
    expect(listedIds(combined)).toEqual(ids(in2024).slice(0, PAGE_SIZE));
    const tally = closedRows("norm_id = ?", norm["N-1"]).filter((r) => amsterdamYear(r.endedAt) === 2024);
    const n = (s: Ended) => tally.filter((r) => r.status === s).length;
    expect(visibleText(combined)).toContain(`${n("adopted")} adopted, ${n("rejected")} rejected, ${n("conflict")} not applied, ${n("withdrawn")} withdrawn.`);
    expect(linkTo(combined, "Clear filters")).toBe(`${list}#group-closed`);
  });

  test("filters survive paging, all three at once too", async () => {
    const pages = await walk(member, `${list}?status=rejected&norm=N-1&year=2024`);
    const want = ids(closedRows("status = 'rejected' and norm_id = ?", norm["N-1"]).filter((r) => amsterdamYear(r.endedAt) === 2024));
    expect(pages.length).toBe(2);
    expect(pages.flatMap((p) => p.ids)).toEqual(want);
    expect(pages[1].path).toBe(`${list}?status=rejected&norm=N-1&year=2024&page=2#group-closed`);
    expect(linkTo(pages[1].html, "Newer proposals")).toBe(`${list}?status=rejected&norm=N-1&year=2024#group-closed`);
    expect(visibleText(pages[1].html)).toContain(`${want.length} proposals found. Showing 51–${want.length} (page 2 of 2).`);
    const year = await walk(member, `${list}?year=2024`);
    expect(year.length).toBeGreaterThan(1);
    expect(year.flatMap((p) => p.ids)).toEqual(ids(closedRows().filter((r) => amsterdamYear(r.endedAt) === 2024)));
    for (const p of year.slice(1)) expect(p.path).toMatch(/\?year=2024&page=\d+#group-closed$/);
  });

  test("the year is the year in Amsterdam: a vote closed half an hour into 2025 is a 2025 vote", async () => {
    const id = (db.prepare("select id from proposals where team_id = ? and title = 'Oudejaarsnacht'").get(teamId) as { id: number }).id;
    const y2025 = (await walk(member, `${list}?year=2025`)).flatMap((p) => p.ids);
    const y2024 = (await walk(member, `${list}?year=2024`)).flatMap((p) => p.ids);
    expect(y2025).toContain(id);
    expect(y2024).not.toContain(id);
    // Only years with closed proposals are offered, newest first.
    const select = /<select id="filter-year"[\s\S]*?<\/select>/.exec(closedPart((await member.get(list)).html))![0];
    expect([...select.matchAll(/<option value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(
      [...new Set(closedRows().map((r) => amsterdamYear(r.endedAt)))].sort((a, b) => b - a),
    );
  });
});

describe("query values the list cannot use", () => {
  test("are ignored, never a server error; a page past the end is the last page", async () => {
    const first = listedIds(closedPart((await member.get(list)).html));
    const ignored = [
      "?status=bogus",
      "?status=draft",
      "?status=voting",
      "?status=",
      "?page=-1",
      "?page=0",
      "?page=abc",
      "?page=1.5",
      "?page=1e3",
      "?page=%00",
      "?year=abc",
      "?year=1999",
      "?year=99999",
      "?year=-2024",
      "?norm=N-999",
      "?norm=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
      `?norm=${"N".repeat(5000)}`,
      "?status[]=adopted",
      "?%E0%A4%A=1",
      // The first of a repeated field counts, as for every form.
      "?page=-2&page=3&status=nonsense&status=adopted",
    ];
    for (const query of ignored) {
      const page = await member.get(`${list}${query}`);
      expect(page.status, query).toBe(200);
      const part = closedPart(page.html);
      expect(listedIds(part), query).toEqual(first);
      expect(part, query).not.toContain("<script>alert(1)");
      expect(linkTo(part, "Clear filters"), `${query}: no filter was applied`).toBeNull();
    }
    const pages = Math.ceil(closedRows().length / PAGE_SIZE);
    const lastIds = ids(closedRows()).slice((pages - 1) * PAGE_SIZE);
    for (const query of ["?page=5", "?page=999999", `?page=${"9".repeat(400)}`]) {
      const page = await member.get(`${list}${query}`);
      expect(page.status, query).toBe(200);
      expect(listedIds(closedPart(page.html)), query).toEqual(lastIds);
      expect(visibleText(closedPart(page.html)), query).toContain(`Page ${pages} of ${pages}`);
    }
    // A filter that matches nothing says so (on any page asked for), and offers a way back.
    const years = [...new Set(closedRows().map((r) => amsterdamYear(r.endedAt)))];
    const empty = ENDED.flatMap((status) => ["N-1", "N-2"].flatMap((code) => years.map((year) => ({ status, code, year })))).find(
      ({ status, code, year }) => closedRows("status = ? and norm_id = ?", status, norm[code]).every((r) => amsterdamYear(r.endedAt) !== year),
    );
    expect(empty, "a combination without proposals").toBeDefined();
    const none = closedPart(expectStatus(await member.get(`${list}?status=${empty!.status}&norm=${empty!.code}&year=${empty!.year}&page=7`), 200).html);
    expect(visibleText(none)).toContain("No proposals match these filters.");
    expect(listedIds(none)).toEqual([]);
    expect(linkTo(none, "Clear filters")).toBe(`${list}#group-closed`);
    expect(linkTo(none, "Older proposals")).toBeNull();
  });

  test("an outsider still gets 404, whatever the query", async () => {
    const outsider = (await teamWithMembers(server.url, 0, "Ander team")).lead;
    for (const query of ["", "?status=adopted", "?page=2", "?page=-1"]) expect((await outsider.get(`${list}${query}`)).status, query).toBe(404);
  });
});

test("a fixed number of SQL statements, whatever the filter or page", async () => {
  const count = async (query: string) => Number(expectStatus(await member.get(`${list}${query}`), 200).headers.get("X-Statement-Count"));
  const base = await count("");
  expect(base).toBeGreaterThan(0);
  for (const query of ["?page=2", "?page=3", "?status=adopted&page=2", "?norm=N-1&year=2024", "?status=bogus&page=-1", "?year=2019"]) {
    expect(await count(query), query).toBe(base);
  }
  // A new team with no history at all needs no more and no fewer.
  const fresh = await teamWithMembers(server.url, 0, "Nieuw team");
  const fresher = Number(expectStatus(await fresh.lead.get(`/teams/${fresh.teamId}/proposals`), 200).headers.get("X-Statement-Count"));
  expect(fresher).toBe(base);
});

test("the filter form works without JavaScript: a GET form, each field labelled, the paging links named", async () => {
  const html = closedPart((await member.get(`${list}?page=2`)).html);
  const form = /<form\b[^>]*>[\s\S]*?<\/form>/.exec(html)![0];
  expect(form).toMatch(/method="get"/);
  for (const [id, name, label] of [
    ["filter-status", "status", "Status"],
    ["filter-norm", "norm", "Norm"],
    ["filter-year", "year", "Year"],
  ]) {
    expect(form).toMatch(new RegExp(`<label for="${id}">${label}</label>`));
    expect(form).toMatch(new RegExp(`<select id="${id}" name="${name}"`));
  }
  expect(form).toMatch(/<button type="submit"[^>]*>Filter<\/button>/);
  // The count is text in a status region; the paging links sit in a named navigation.
  expect(html).toMatch(/<p class="closed-found" role="status"><strong>\d+ proposals found\.<\/strong>/);
  expect(html).toMatch(/<nav class="pager" aria-label="Pages of decided and withdrawn proposals">/);
  expect(linkTo(html, "Newer proposals")).toBe(`${list}#group-closed`);
  expect(linkTo(html, "Older proposals")).toBe(`${list}?page=3#group-closed`);
  // Sending the form as a browser does (every field, empty ones too) gives the same as the links.
  const sent = closedPart((await member.get(`${list}?status=&norm=&year=`)).html);
  expect(listedIds(sent)).toEqual(ids(closedRows()).slice(0, PAGE_SIZE));
});

test("in Dutch", async () => {
  const dutch = new Client(server.url);
  dutch.cookies = new Map(member.cookies);
  expectStatus(await dutch.post("/language", { language: "nl", redirectTo: "/" }), 303);
  const page = expectStatus(await dutch.get(`${list}?status=adopted&page=2`), 200);
  expect(page.html).toMatch(/<html lang="nl"/);
  const text = visibleText(closedPart(page.html));
  const adopted = closedRows("status = 'adopted'").length;
  const pages = Math.ceil(adopted / PAGE_SIZE);
  expect(text).toMatch(new RegExp(`^Besloten en ingetrokken \\( ?${closedRows().length} ?\\)`));
  expect(text).toContain(`${adopted} voorstellen gevonden. Je ziet 51–${Math.min(adopted, 100)} (pagina 2 van ${pages}).`);
  expect(text).toMatch(/\d+ aangenomen, \d+ verworpen, \d+ niet doorgevoerd, \d+ ingetrokken\./);
  expect(text).toContain("Nieuwere voorstellen");
  expect(text).toContain(`Pagina 2 van ${pages}`);
  expect(text).toContain("Filters wissen");
  for (const label of ["Status", "Norm", "Jaar", "Alle normen", "Alle jaren", "Aangenomen", "Verworpen", "Niet doorgevoerd", "Ingetrokken", "N-2 (vervallen)", "Filteren"]) {
    expect(text, label).toContain(label);
  }
  expect(page.html).toMatch(/aria-label="Pagina&#x27;s met besloten en ingetrokken voorstellen"|aria-label="Pagina's met besloten en ingetrokken voorstellen"/);
  // Back to English for the other tests' client (shared cookies, same account).
  expectStatus(await dutch.post("/language", { language: "en", redirectTo: "/" }), 303);
});
