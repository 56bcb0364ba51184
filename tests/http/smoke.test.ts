import { afterAll, beforeAll, expect, test } from "vitest";
import { startServer, type TestServer } from "../support/server";
import { createTeam, signUp, teamWithMembers, visibleText } from "../support/client";
import { insertActiveNorms } from "../support/norm-fixtures";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

test("a new user signs up, creates a team and lands on its home page", async () => {
  const lead = await signUp(server.url, "Anna de Vries");
  const teamId = await createTeam(lead, "Klantenservice Zuid");
  const home = await lead.get(`/teams/${teamId}`);
  expect(home.status).toBe(200);
  expect(visibleText(home.html)).toContain("Klantenservice Zuid");
  // A new team: the first steps before an empty to-do list, which does not praise yet.
  const text = visibleText(home.html);
  expect(text.indexOf("Get started")).toBeGreaterThan(-1);
  expect(text.indexOf("Get started")).toBeLessThan(text.indexOf("My to-dos"));
  expect(text).toContain("Nothing to do yet.");
  expect(text).not.toContain("Well done");
  // Each page's title names the page and the team, in the page's language.
  // (The first visit after creating the team says so first; see the last test.)
  expect(home.html).toMatch(/<title>[^<]+ — Team home — Klantenservice Zuid — Normwerk<\/title>/);
  expect((await lead.get(`/teams/${teamId}`)).html).toContain("<title>Team home — Klantenservice Zuid — Normwerk</title>");
  await lead.post("/language", { language: "nl", redirectTo: "/" });
  const members = await lead.get(`/teams/${teamId}/members`);
  expect(members.html).toContain("<title>Leden — Klantenservice Zuid — Normwerk</title>");
  expect((await lead.get("/no/such/page")).html).toContain("<title>Pagina niet gevonden — Normwerk</title>");
});

test("an outsider gets 404 on a team page and a member gets 403 on a lead action", async () => {
  const { teamId, members } = await teamWithMembers(server.url, 1);
  const outsider = await signUp(server.url, "Outsider");
  expect((await outsider.get(`/teams/${teamId}`)).status).toBe(404);
  expect((await members[0].post(`/teams/${teamId}/members`, { intent: "invite" })).status).toBe(403);
  // The title says what the page says, not the name of the page that was refused.
  const forbidden = await members[0].get(`/teams/${teamId}/settings`);
  expect(forbidden.status).toBe(403);
  expect(forbidden.html).toContain("<title>Not allowed — Normwerk</title>");
  const missing = await outsider.get(`/teams/${teamId}/settings`);
  expect(missing.html).toContain("<title>Page not found — Normwerk</title>");
  expect((await members[0].post(`/teams/${teamId}/members`, { intent: "invite" })).html).toContain("<title>Not allowed — Normwerk</title>");
});

test("a page asked for as Chromium asks arrives brotli-compressed and whole, its data script included (decision 075)", async () => {
  const lead = await signUp(server.url, "Zoë Ëlbers");
  const teamId = await createTeam(lead, "Één team — Zuid");
  const page = await lead.get(`/teams/${teamId}`, { "Accept-Encoding": "gzip, deflate, br, zstd" });
  expect(page.status).toBe(200);
  expect(page.headers.get("content-encoding")).toBe("br");
  expect(page.html.startsWith("<!DOCTYPE html>")).toBe(true);
  expect(page.html).toContain("Één team — Zuid");
  // The loader data comes last; without it the page would not come alive in the browser.
  expect(page.html).toMatch(/streamController\.close\(\);<\/script>(<!--\/\$-->)*$/);
});

test("every page runs only its own nonce-marked inline scripts, a new nonce each time (decision 080), and is never cached", async () => {
  const lead = await signUp(server.url, "Nonce Tester");
  const teamId = await createTeam(lead, "Team CSP");
  const nonces = new Set<string>();
  const signedOut = async (path: string) => {
    const res = await fetch(server.url + path);
    return { headers: res.headers, html: await res.text() };
  };
  for (const [client, path] of [[null, "/login"], [lead, `/teams/${teamId}`], [lead, `/teams/${teamId}/proposals/new`], [lead, "/no/such/page"]] as const) {
    const { headers, html } = client ? await client.get(path) : await signedOut(path);
    const csp = headers.get("content-security-policy") ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{22,})'/.exec(csp)?.[1];
    expect(nonce, path).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe");
    // Nothing of a page stays in the browser's cache (the Back button after signing out).
    expect(headers.get("cache-control"), path).toBe("private, no-store");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length, path).toBeGreaterThan(2);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    nonces.add(nonce!);
  }
  expect(nonces.size).toBe(4);
  // The data a page fetches when JavaScript navigates to it: not cached either.
  const data = await lead.get(`/teams/${teamId}.data`);
  expect(data.status).toBe(200);
  expect(data.headers.get("cache-control")).toBe("private, no-store");
});

test("the stylesheet and the icon are served from the public folder; nothing else there is", async () => {
  const css = await fetch(`${server.url}/styles.css`);
  expect(css.status).toBe(200);
  expect(css.headers.get("content-type")).toMatch(/^text\/css/);
  expect(css.headers.get("cache-control")).toBe("public, max-age=3600");
  expect(await css.text()).toContain("body");
  const icon = await fetch(`${server.url}/favicon.svg`);
  expect(icon.status).toBe(200);
  expect(icon.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
  // Paths out of the folder or beside its files are pages Remix does not know: its 404, not a listing or a redirect.
  for (const path of ["/..%2Fpackage.json", "/..%2Fpublic%2Fstyles.css", "/styles.css/", "/STYLES.CSS"]) {
    const res = await fetch(`${server.url}${path}`, { redirect: "manual" });
    expect(res.status, path).toBe(404);
  }
});

test("a page that comes back from a post says first in its title how it went: refused, or what was saved", async () => {
  const lead = await signUp(server.url, "Titel Lezer");
  const teamId = await createTeam(lead, "Team Titels");
  const path = `/teams/${teamId}/settings`;
  const valid = { name: "Team Titels", description: "", decisionRule: "consent", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "en" };
  const refused = await lead.post(path, { ...valid, quorumPercent: "500" });
  expect(refused.status).toBe(400);
  expect(refused.html).toContain("<title>Please check the form — Settings — Team Titels — Normwerk</title>");
  const saved = await lead.post(path, valid);
  expect(saved.status).toBe(303);
  const after = await lead.get(saved.location!);
  expect(after.html).toContain("<title>Settings saved. — Settings — Team Titels — Normwerk</title>");
  // Read once: the next visit is the page's own title again.
  expect((await lead.get(saved.location!)).html).toContain("<title>Settings — Team Titels — Normwerk</title>");
  // A post refused with a message of its own, not a field's, says so too.
  const acknowledge = await lead.post(`/teams/${teamId}/agreement`, { intent: "acknowledge", version: "7" });
  expect(acknowledge.status).toBe(400);
  expect(acknowledge.html).toContain("<title>Not done, see the message — Agreement — Team Titels — Normwerk</title>");
});

test("what a team wrote is marked with the team's language when the page around it is in another, for screen readers", async () => {
  const lead = await signUp(server.url, "Taal Lezer");
  const teamId = await createTeam(lead, "Team Taal");
  const settings = { name: "Team Taal", description: "", decisionRule: "consent", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "nl" };
  expect((await lead.post(`/teams/${teamId}/settings`, settings)).status).toBe(303);
  const [norm] = insertActiveNorms(server.dbPath, teamId, ["We bellen elke klant binnen één werkdag terug."]);
  const path = `/teams/${teamId}/norms/${norm.code}`;
  await lead.post("/language", { language: "en", redirectTo: "/" });
  const english = await lead.get(path);
  expect(english.html).toContain('<html lang="en"');
  expect(english.html).toContain('<span lang="nl">We bellen elke klant binnen één werkdag terug.</span>');
  expect(english.html).toMatch(/<div class="prose" lang="nl">/);
  await lead.post("/language", { language: "nl", redirectTo: "/" });
  const dutch = await lead.get(path);
  expect(dutch.html).toContain('<html lang="nl"');
  expect(dutch.html).not.toContain('lang="nl">We bellen');
  expect(dutch.html).not.toMatch(/<div class="prose" lang=/);
});
