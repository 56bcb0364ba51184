// Contract row /signup: email, name, password → 303 to / with a session cookie.
import { describe, expect, test } from "vitest";
import { Client, setCookieLine, uniqueEmail, visibleText } from "../support/client";
import type { TestDb } from "../support/db";
import { autofocused, fieldError, fieldValue, parseForms, submitForm } from "../support/forms";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const PASSWORD = "correct horse battery";
const countUsers = () => (db.prepare("select count(*) as n from users").get() as { n: number }).n;

test("signing up answers 303 to / with an HttpOnly, SameSite=Lax session cookie, and the user is signed in", async () => {
  const client = new Client(server.url);
  const form = await client.get("/signup");
  expect(form.status).toBe(200);
  const res = await submitForm(client, "/signup", form, { id: "signup" }, { email: uniqueEmail(), name: "Anna de Vries", password: PASSWORD });
  expect(res.status).toBe(303);
  expect(res.location).toBe("/");
  const cookie = setCookieLine(res, "normwerk_session");
  expect(cookie).not.toBeNull();
  expect(cookie).toMatch(/;\s*HttpOnly/i);
  expect(cookie).toMatch(/;\s*SameSite=Lax/i);
  expect(cookie).toMatch(/;\s*Path=\//i);
  // The test server runs over http: a Secure cookie would never come back.
  expect(cookie).not.toMatch(/;\s*Secure/i);
  const home = await client.get("/");
  expect(visibleText(home.html)).toContain("Your teams");
  expect(visibleText(home.html)).toContain("Anna de Vries");
});

test("the e-mail address is trimmed and lower-cased, and a second sign-up in other case is refused with a message", async () => {
  const local = `Mixed.Case-${Date.now()}`;
  const typed = `  ${local}@Example.ORG `;
  const first = await new Client(server.url).post("/signup", { email: typed, name: "First", password: PASSWORD });
  expect(first.status).toBe(303);
  const stored = db.prepare("select email from users where email = ?").get(`${local.toLowerCase()}@example.org`);
  expect(stored).toEqual({ email: `${local.toLowerCase()}@example.org` });

  const before = countUsers();
  const again = await new Client(server.url).post("/signup", {
    email: `${local.toUpperCase()}@EXAMPLE.org`,
    name: "Second Person",
    password: "another password 123",
  });
  expect(again.status).toBe(400);
  expect(fieldError(again.html, "signup", "email")).toBe(
    "An account with this e-mail address already exists. Sign in instead.",
  );
  expect(fieldValue(again.html, "email")).toBe(`${local.toUpperCase()}@EXAMPLE.org`);
  expect(fieldValue(again.html, "name")).toBe("Second Person");
  expect(again.html).not.toContain("another password 123");
  expect(countUsers()).toBe(before);
  expect(setCookieLine(again, "normwerk_session")).toBeNull();
});

describe("invalid input answers 400 with the message next to the field, keeps e-mail and name, never echoes the password", () => {
  const cases: { what: string; fields: Record<string, string>; field: string; message: string }[] = [
    { what: "no e-mail", fields: { email: "", name: "Bo", password: PASSWORD }, field: "email", message: "This field is required." },
    {
      what: "a malformed e-mail",
      fields: { email: "not-an-address", name: "Bo", password: PASSWORD },
      field: "email",
      message: "Enter an e-mail address such as name@example.org.",
    },
    { what: "no name", fields: { email: "bo@example.org", name: "", password: PASSWORD }, field: "name", message: "This field is required." },
    { what: "a blank name", fields: { email: "bo@example.org", name: "   ", password: PASSWORD }, field: "name", message: "This field is required." },
    {
      what: "a name of 81 characters",
      fields: { email: "bo@example.org", name: "n".repeat(81), password: PASSWORD },
      field: "name",
      message: "This is too long: at most 80 characters.",
    },
    {
      what: "a password of 9 characters",
      fields: { email: "bo@example.org", name: "Bo", password: "123456789" },
      field: "password",
      message: "This is too short: at least 10 characters.",
    },
    {
      what: "a password of 257 characters",
      fields: { email: "bo@example.org", name: "Bo", password: "p".repeat(257) },
      field: "password",
      message: "This is too long: at most 256 characters.",
    },
    { what: "no password", fields: { email: "bo@example.org", name: "Bo", password: "" }, field: "password", message: "This field is required." },
    {
      what: "a password of ten spaces",
      fields: { email: "bo@example.org", name: "Bo", password: " ".repeat(10) },
      field: "password",
      message: "A password of only spaces is too easy to guess. Use letters, digits or other characters too.",
    },
  ];
  for (const c of cases) {
    test(c.what, async () => {
      const before = countUsers();
      const res = await new Client(server.url).post("/signup", c.fields);
      expect(res.status).toBe(400);
      expect(fieldError(res.html, "signup", c.field)).toBe(c.message);
      // Without JavaScript the page opens on the wrong field, so its error is read out.
      expect(autofocused(res.html)).toEqual([`signup-${c.field}`]);
      if (c.fields.email) expect(fieldValue(res.html, "email")).toBe(c.fields.email);
      if (c.fields.name) expect(fieldValue(res.html, "name")).toBe(c.fields.name);
      expect(fieldValue(res.html, "password")).toBe("");
      if (c.fields.password.trim()) expect(res.html).not.toContain(c.fields.password);
      expect(countUsers()).toBe(before);
      expect(setCookieLine(res, "normwerk_session")).toBeNull();
    });
  }
});

test("the limits themselves are accepted: a name of 80 and passwords of 10 and 256 characters", async () => {
  for (const [name, password] of [
    ["n".repeat(80), "0123456789"],
    ["Bo", "p".repeat(256)],
  ]) {
    const email = uniqueEmail("limits");
    const res = await new Client(server.url).post("/signup", { email, name, password });
    expect(res.status).toBe(303);
    const signIn = await new Client(server.url).post("/login", { email, password });
    expect(signIn.status).toBe(303);
  }
});

test("the name is stored exactly as typed (spaces, emoji, right-to-left)", async () => {
  const email = uniqueEmail("exact");
  const name = "  Zoë 👩🏽‍💼 مرحبا  ";
  expect((await new Client(server.url).post("/signup", { email, name, password: PASSWORD })).status).toBe(303);
  expect(db.prepare("select name from users where email = ?").get(email)).toEqual({ name });
});

test("the password is stored as an argon2id hash, never as typed", async () => {
  const email = uniqueEmail("hash");
  await new Client(server.url).post("/signup", { email, name: "Hash", password: PASSWORD });
  const row = db.prepare("select password_hash as h from users where email = ?").get(email) as { h: string };
  expect(row.h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  expect(row.h).not.toContain(PASSWORD);
});

test("redirectTo is honoured for a same-site path only", async () => {
  const ok = await new Client(server.url).post("/signup?redirectTo=%2Fteams%2Fnew", {
    email: uniqueEmail(),
    name: "Back",
    password: PASSWORD,
    redirectTo: "/teams/new",
  });
  expect(ok.location).toBe("/teams/new");
  const evil = await new Client(server.url).post("/signup", {
    email: uniqueEmail(),
    name: "Evil",
    password: PASSWORD,
    redirectTo: "//evil.example/",
  });
  expect(evil.status).toBe(303);
  expect(evil.location).toBe("/");
});

test("the sign-up page carries redirectTo through a failed attempt", async () => {
  const client = new Client(server.url);
  const page = await client.get("/signup?redirectTo=%2Fteams%2Fnew");
  const failed = await submitForm(client, "/signup?redirectTo=%2Fteams%2Fnew", page, { id: "signup" }, {
    email: uniqueEmail(),
    name: "Retry",
    password: "short",
  });
  expect(failed.status).toBe(400);
  const form = parseForms(failed.html).find((f) => f.id === "signup")!;
  expect(form.fields).toContainEqual(["redirectTo", "/teams/new"]);
  const done = await submitForm(client, "/signup?redirectTo=%2Fteams%2Fnew", failed, { id: "signup" }, {
    password: PASSWORD,
  });
  expect(done.status).toBe(303);
  expect(done.location).toBe("/teams/new");
});

test("a redirectTo posted in the form itself survives a failed attempt", async () => {
  const client = new Client(server.url);
  const failed = await client.post("/signup", { email: uniqueEmail(), name: "Body Redirect", password: "short", redirectTo: "/teams/new" });
  expect(failed.status).toBe(400);
  expect(fieldValue(failed.html, "redirectTo")).toBe("/teams/new");
  const done = await submitForm(client, "/signup", failed, { id: "signup" }, { password: PASSWORD });
  expect(done.location).toBe("/teams/new");
});

test("a signed-in user who opens /signup goes to the start page", async () => {
  const client = new Client(server.url);
  await client.post("/signup", { email: uniqueEmail(), name: "Already", password: PASSWORD });
  const res = await client.get("/signup");
  expect([302, 303]).toContain(res.status);
  expect(res.location).toBe("/");
});
