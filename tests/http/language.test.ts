// Which language a page speaks: the user's choice, else the footer switcher's
// cookie, else the team default, else Accept-Language, else English.
import { expect, test } from "vitest";
import { Client, createTeam, setCookieLine, signUp, uniqueEmail, visibleText } from "../support/client";
import { userId, type TestDb } from "../support/db";
import { submitForm } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const lang = (html: string) => /<html lang="(\w+)"/.exec(html)?.[1];

/** The cookie value the footer switcher sets for a visitor. */
async function switcherCookie(language: "en" | "nl") {
  const visitor = new Client(server.url);
  await visitor.post("/language", { language, redirectTo: "/" });
  return visitor.cookies.get("normwerk_lang")!;
}

test("a visitor without preferences gets English", async () => {
  const page = await new Client(server.url).get("/login");
  expect(lang(page.html)).toBe("en");
  expect(visibleText(page.html)).toContain("Sign in");
});

test("Accept-Language picks Dutch by its q-values, and Dutch texts appear", async () => {
  for (const header of ["nl", "nl-NL,nl;q=0.9,en;q=0.8", "fr-FR, nl;q=0.5, en;q=0.4", "en;q=0.2, nl-BE;q=0.9"]) {
    const page = await new Client(server.url).get("/login", { "Accept-Language": header });
    expect(lang(page.html), header).toBe("nl");
    expect(visibleText(page.html), header).toContain("Inloggen");
    expect(visibleText(page.html), header).toContain("Wachtwoord");
  }
  for (const header of ["fr", "de-DE,fr;q=0.5", "en-GB", "*", "nl;q=0"]) {
    expect(lang((await new Client(server.url).get("/login", { "Accept-Language": header })).html), header).toBe("en");
  }
});

test("the footer switcher sets a cookie that beats Accept-Language, and returns to the page", async () => {
  const visitor = new Client(server.url);
  const page = await visitor.get("/signup", { "Accept-Language": "en" });
  const res = await submitForm(visitor, "/signup", page, { button: "Nederlands" });
  expect(res.status).toBe(303);
  expect(res.location).toBe("/signup");
  expect(setCookieLine(res, "normwerk_lang")).toMatch(/HttpOnly/i);
  const dutch = await visitor.get("/signup", { "Accept-Language": "en" });
  expect(lang(dutch.html)).toBe("nl");
  expect(visibleText(dutch.html)).toContain("Maak je account aan");
  // The switcher shows which language is on.
  expect(dutch.html).toMatch(/<button[^>]*value="nl"[^>]*aria-pressed="true"/);

  // A foreign redirectTo is not followed; an unknown language changes nothing.
  expect((await visitor.post("/language", { language: "en", redirectTo: "https://evil.example/" })).location).toBe("/");
  const unknown = await visitor.post("/language", { language: "fr", redirectTo: "/login" });
  expect(unknown.status).toBe(303);
  expect(setCookieLine(unknown, "normwerk_lang")).toBeNull();
});

test("a visitor's choice becomes the language of the account they create", async () => {
  const visitor = new Client(server.url);
  await visitor.post("/language", { language: "nl", redirectTo: "/" });
  const email = uniqueEmail("nl");
  expect((await visitor.post("/signup", { email, name: "Sanne", password: "correct horse battery" })).status).toBe(303);
  expect(db.prepare("select language from users where email = ?").get(email)).toEqual({ language: "nl" });
  // Signed in elsewhere, without the cookie, the account's language still holds.
  const elsewhere = new Client(server.url);
  await elsewhere.post("/login", { email, password: "correct horse battery" });
  expect(lang((await elsewhere.get("/", { "Accept-Language": "en" })).html)).toBe("nl");
});

test("the switcher, used while signed in, stores the choice on the account", async () => {
  const user = await signUp(server.url, "Switcher");
  const res = await user.post("/language", { language: "nl", redirectTo: "/account" });
  expect(res.location).toBe("/account");
  expect(db.prepare("select language from users where id = ?").get(userId(db, user.email))).toEqual({ language: "nl" });
});

test("on a team's pages the team default applies to members without a choice of their own; elsewhere Accept-Language", async () => {
  const lead = await signUp(server.url, "Team Default");
  // The team starts in the language its creator was using: English here.
  const teamId = await createTeam(lead, "Taalteam");
  expect(db.prepare("select language from teams where id = ?").get(teamId)).toEqual({ language: "en" });
  const settings = await lead.get(`/teams/${teamId}/settings`);
  expect((await submitForm(lead, `/teams/${teamId}/settings`, settings, { id: "settings" }, { language: "nl" })).status).toBe(303);

  const home = await lead.get(`/teams/${teamId}`, { "Accept-Language": "en" });
  expect(lang(home.html)).toBe("nl");
  expect(visibleText(home.html)).toContain("Schrijf je eerste norm");
  expect(visibleText(home.html)).toContain("Nodig je team uit");
  expect(lang((await lead.get(`/teams/${teamId}/members`, { "Accept-Language": "en" })).html)).toBe("nl");
  // Not a team page: the browser decides.
  expect(lang((await lead.get("/account", { "Accept-Language": "en" })).html)).toBe("en");

  // A cookie from the footer switcher (set before signing in, so not on the account) beats the team default.
  lead.cookies.set("normwerk_lang", await switcherCookie("en"));
  expect(lang((await lead.get(`/teams/${teamId}`)).html)).toBe("en");

  // The user's own choice beats everything.
  db.prepare("update users set language = 'en' where id = ?").run(userId(db, lead.email));
  lead.cookies.set("normwerk_lang", await switcherCookie("nl"));
  const own = await lead.get(`/teams/${teamId}`, { "Accept-Language": "nl" });
  expect(lang(own.html)).toBe("en");
  expect(visibleText(own.html)).toContain("Draft your first norm");
});

test("choosing 'Automatic' on the account page forgets the switcher's cookie too", async () => {
  const user = await signUp(server.url, "Automatic");
  await user.post("/language", { language: "nl", redirectTo: "/" });
  expect(user.cookies.has("normwerk_lang")).toBe(true);
  const page = await user.get("/account");
  const res = await submitForm(user, "/account", page, { id: "profile" }, { language: "" });
  expect(res.status).toBe(303);
  expect(user.cookies.has("normwerk_lang")).toBe(false);
  expect(db.prepare("select language from users where id = ?").get(userId(db, user.email))).toEqual({ language: null });
  expect(lang((await user.get("/account", { "Accept-Language": "en" })).html)).toBe("en");
  expect(lang((await user.get("/account", { "Accept-Language": "nl" })).html)).toBe("nl");
});

test("dates are written the Dutch or English way", async () => {
  const lead = await signUp(server.url, "Dates");
  const teamId = await createTeam(lead, "Datumteam");
  db.prepare("update memberships set joined_at = ? where team_id = ?").run(Date.UTC(2026, 2, 5, 12), teamId);
  expect(visibleText((await lead.get(`/teams/${teamId}/members`, { "Accept-Language": "en" })).html)).toContain("March 5, 2026");
  await lead.post("/language", { language: "nl", redirectTo: "/" });
  expect(visibleText((await lead.get(`/teams/${teamId}/members`)).html)).toContain("5 maart 2026");
});

test("a page names its language's dictionary instead of carrying it; the file is that language's and cached for good (decision 073)", async () => {
  const dictionaryOf = (html: string) => /<link rel="preload" href="(\/i18n\/[^"]+\.json)" as="fetch"/.exec(html)?.[1];
  for (const [language, text] of [
    ["en", "Skip to content"],
    ["nl", "Naar de inhoud"],
  ] as const) {
    const page = await new Client(server.url, { language }).get("/login");
    const url = dictionaryOf(page.html);
    expect(url, language).toMatch(new RegExp(`^/i18n/${language}\\.[0-9a-f]{12}\\.json$`));
    // A string the sign-in page does not show is not in its HTML any more.
    const unused = language === "en" ? "Members with a possible blind spot" : "Teamleden met een mogelijke blinde vlek";
    expect(page.html).not.toContain(unused);
    const file = await new Client(server.url).get(url!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toMatch(/^application\/json/);
    expect(file.headers.get("cache-control")).toContain("immutable");
    const messages = JSON.parse(file.html) as Record<string, string>;
    expect(messages["shell.skipToContent"]).toBe(text);
    expect(messages["checkins.results.blindSpotCount"]).toBe(unused);
  }
  // An old name still gets today's dictionary, but not cached; an unknown language or junk is a 404.
  const stale = await new Client(server.url).get("/i18n/nl.000000000000.json");
  expect(stale.status).toBe(200);
  expect(stale.headers.get("cache-control")).toBe("no-cache");
  expect(JSON.parse(stale.html)["shell.skipToContent"]).toBe("Naar de inhoud");
  for (const junk of ["/i18n/de.000000000000.json", "/i18n/en.json", "/i18n/en.0677140236eb.js", "/i18n/..%2Fpackage.json"]) {
    expect((await new Client(server.url).get(junk)).status, junk).toBe(404);
  }
});
