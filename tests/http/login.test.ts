// Contract row /login: one message for any wrong e-mail/password, same-site
// redirectTo only, and 429 after 5 failures for one e-mail in 15 minutes,
// counted in the database so a restart does not reset it.
import { expect, test } from "vitest";
import { Client, setCookieLine, signUp, uniqueEmail } from "../support/client";
import type { TestDb } from "../support/db";
import { fieldError, fieldValue, formError, submitForm } from "../support/forms";
import { startServer, type TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const FAILED = "That e-mail address and password do not match an account.";

test("the right e-mail and password answer 303 to / with a session cookie", async () => {
  const user = await signUp(server.url, "Login Person");
  const client = new Client(server.url);
  const page = await client.get("/login");
  const res = await submitForm(client, "/login", page, { id: "login" }, { email: user.email, password: user.password });
  expect(res.status).toBe(303);
  expect(res.location).toBe("/");
  const cookie = setCookieLine(res, "normwerk_session");
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect((await client.get("/teams/new")).status).toBe(200);
});

test("the e-mail address is matched whatever its case and surrounding spaces", async () => {
  const user = await signUp(server.url, "Case", uniqueEmail("case"));
  const res = await new Client(server.url).post("/login", { email: `  ${user.email.toUpperCase()} `, password: user.password });
  expect(res.status).toBe(303);
});

test("a wrong password and an unknown e-mail answer 400 with the very same message", async () => {
  const user = await signUp(server.url, "Same Message");
  const wrongPassword = await new Client(server.url).post("/login", { email: user.email, password: "not the password" });
  const unknownEmail = await new Client(server.url).post("/login", { email: uniqueEmail("nobody"), password: user.password });
  expect(wrongPassword.status).toBe(400);
  expect(unknownEmail.status).toBe(400);
  expect(formError(wrongPassword.html)).toBe(FAILED);
  expect(formError(unknownEmail.html)).toBe(formError(wrongPassword.html));
  // Nothing beside the message tells the two apart: no field is marked wrong.
  expect(wrongPassword.html).not.toContain('aria-invalid="true"');
  expect(unknownEmail.html).not.toContain('aria-invalid="true"');
  // The e-mail stays in the form; the password is never sent back.
  expect(fieldValue(wrongPassword.html, "email")).toBe(user.email);
  expect(fieldValue(wrongPassword.html, "password")).toBe("");
  expect(wrongPassword.html).not.toContain("not the password");
  expect(setCookieLine(wrongPassword, "normwerk_session")).toBeNull();
});

test("redirectTo is followed for same-site paths and replaced by / for anything else", async () => {
  const user = await signUp(server.url, "Redirect");
  const cases: [string, string][] = [
    ["/teams/x", "/teams/x"],
    ["/teams/x/members?tab=1", "/teams/x/members?tab=1"],
    ["//evil.example", "/"],
    ["//evil.example/teams", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/\tevil", "/"],
    ["teams/x", "/"],
    ["", "/"],
  ];
  for (const [redirectTo, expected] of cases) {
    const res = await new Client(server.url).post("/login", { email: user.email, password: user.password, redirectTo });
    expect(res.status, redirectTo).toBe(303);
    expect(res.location, redirectTo).toBe(expected);
  }
});

test("the sign-in page passes redirectTo on, also after a failed attempt", async () => {
  const user = await signUp(server.url, "Form Redirect");
  const client = new Client(server.url);
  const path = "/login?redirectTo=%2Fteams%2Fabc";
  const page = await client.get(path);
  const failed = await submitForm(client, path, page, { id: "login" }, { email: user.email, password: "wrong password!" });
  expect(failed.status).toBe(400);
  const ok = await submitForm(client, path, failed, { id: "login" }, { password: user.password });
  expect(ok.status).toBe(303);
  expect(ok.location).toBe("/teams/abc");
  // Signed in already: /login?redirectTo=… goes straight on, and never off-site.
  expect((await client.get(path)).location).toBe("/teams/abc");
  expect((await client.get("/login?redirectTo=%2F%2Fevil.example")).location).toBe("/");
});

test("a redirectTo posted in the form itself survives a failed attempt", async () => {
  const user = await signUp(server.url, "Body Redirect");
  const client = new Client(server.url);
  const failed = await client.post("/login", { email: user.email, password: "wrong password!", redirectTo: "/teams/xyz" });
  expect(failed.status).toBe(400);
  expect(fieldValue(failed.html, "redirectTo")).toBe("/teams/xyz");
  const ok = await submitForm(client, "/login", failed, { id: "login" }, { password: user.password });
  expect(ok.location).toBe("/teams/xyz");
});

async function failFiveTimes(email: string) {
  for (let i = 1; i <= 5; i++) {
    const res = await new Client(server.url).post("/login", { email, password: `wrong password ${i}` });
    expect(res.status, `failure ${i}`).toBe(400);
  }
}

test("after 5 failures for one e-mail: 429 with Retry-After and a clear message, even for the right password; other e-mails unaffected", async () => {
  const victim = await signUp(server.url, "Victim");
  const bystander = await signUp(server.url, "Bystander");
  await failFiveTimes(victim.email);

  const wrong = await new Client(server.url).post("/login", { email: victim.email, password: "wrong again 123" });
  expect(wrong.status).toBe(429);
  const right = await new Client(server.url).post("/login", { email: victim.email, password: victim.password });
  expect(right.status).toBe(429);
  expect(setCookieLine(right, "normwerk_session")).toBeNull();
  const retryAfter = Number(right.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(formError(right.html)).toBe(
    "Too many failed sign-ins for this e-mail address. Try again in 15 minutes.",
  );
  // Typed in another case it is the same account, so the same limit.
  expect((await new Client(server.url).post("/login", { email: victim.email.toUpperCase(), password: victim.password })).status).toBe(429);

  expect((await new Client(server.url).post("/login", { email: bystander.email, password: bystander.password })).status).toBe(303);
  // A device that was signed in before keeps working.
  expect((await victim.get("/teams/new")).status).toBe(200);
});

test("the limit survives a restart, and sign-in works again once the failures are older than 15 minutes", async () => {
  const user = await signUp(server.url, "Restart");
  await failFiveTimes(user.email);
  expect((await new Client(server.url).post("/login", { email: user.email, password: user.password })).status).toBe(429);

  // A second server process on the same database knows nothing but what the database holds.
  const restarted = await startServer({ dbPath: server.dbPath });
  try {
    const blocked = await new Client(restarted.url).post("/login", { email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);

    // 14 minutes later: still blocked, and told to wait about a minute.
    db.prepare("update login_attempts set at = at - ? where email = ?").run(14 * 60_000, user.email);
    const almost = await new Client(restarted.url).post("/login", { email: user.email, password: user.password });
    expect(almost.status).toBe(429);
    expect(Number(almost.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(formError(almost.html)).toBe("Too many failed sign-ins for this e-mail address. Try again in a minute.");

    db.prepare("update login_attempts set at = at - ? where email = ?").run(2 * 60_000, user.email);
    const again = await new Client(restarted.url).post("/login", { email: user.email, password: user.password });
    expect(again.status).toBe(303);
    // A success clears the count: one new failure does not block.
    expect((await new Client(restarted.url).post("/login", { email: user.email, password: "wrong once more" })).status).toBe(400);
    expect((await new Client(restarted.url).post("/login", { email: user.email, password: user.password })).status).toBe(303);
  } finally {
    await restarted.stop();
  }
});

test("failures for an e-mail address without an account are limited the same way", async () => {
  const email = uniqueEmail("ghost");
  await failFiveTimes(email);
  expect((await new Client(server.url).post("/login", { email, password: "whatever 1234" })).status).toBe(429);
});

test("a malformed e-mail address answers 400 and counts nothing", async () => {
  const res = await new Client(server.url).post("/login", { email: "no-at-sign", password: "whatever 1234" });
  expect(res.status).toBe(400);
  expect(db.prepare("select count(*) as n from login_attempts where email = 'no-at-sign'").get()).toEqual({ n: 0 });
});

test("guessing the current password on the account page counts against the same limit: 429 after five wrong tries, also at /login", async () => {
  const owner = await signUp(server.url, "Left Signed In");
  const change = (currentPassword: string) =>
    owner.post("/account", { intent: "password", currentPassword, newPassword: "a brand new password" });
  for (let i = 1; i <= 5; i++) {
    const wrong = await change(`guess number ${i}`);
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, "password", "currentPassword")).toBe("This is not your current password.");
  }
  // The right password no longer helps: whoever holds the session cannot go on guessing.
  const blocked = await change(owner.password);
  expect(blocked.status).toBe(429);
  expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(fieldError(blocked.html, "password", "currentPassword")).toBe("Too many wrong passwords. Try again in 15 minutes.");
  expect(blocked.html).not.toContain("a brand new password");
  expect((await new Client(server.url).post("/login", { email: owner.email, password: owner.password })).status).toBe(429);
  // Nothing was changed: the old password is still the one (checked once the limit has passed).
  db.prepare("delete from login_attempts where email = ?").run(owner.email);
  expect((await new Client(server.url).post("/login", { email: owner.email, password: owner.password })).status).toBe(303);
});

test("a right current password clears the wrong tries before it", async () => {
  const owner = await signUp(server.url, "Mistyped Once");
  for (let i = 1; i <= 4; i++) {
    expect((await owner.post("/account", { intent: "password", currentPassword: `typo ${i}`, newPassword: "another new password" })).status).toBe(400);
  }
  expect((await owner.post("/account", { intent: "password", currentPassword: owner.password, newPassword: "another new password" })).status).toBe(303);
  expect(db.prepare("select count(*) as n from login_attempts where email = ?").get(owner.email)).toEqual({ n: 0 });
});

test("guesses sent side by side cannot pass the limit: five are checked, the rest refused, and then the right password too", async () => {
  const victim = await signUp(server.url, "Parallel Target");
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => new Client(server.url).post("/login", { email: victim.email, password: `parallel guess ${i}` })),
  );
  expect(answers.filter((a) => a.status === 400)).toHaveLength(5);
  expect(answers.filter((a) => a.status === 429)).toHaveLength(15);
  const right = await new Client(server.url).post("/login", { email: victim.email, password: victim.password });
  expect(right.status).toBe(429);
  expect(right.headers.getSetCookie().some((c) => c.startsWith("normwerk_session="))).toBe(false);
  // The same on the account page, for whoever holds a session.
  const owner = await signUp(server.url, "Parallel Owner");
  const tries = await Promise.all(
    Array.from({ length: 12 }, (_, i) => owner.post("/account", { intent: "password", currentPassword: `wrong ${i}`, newPassword: "a brand new password" })),
  );
  expect(tries.filter((t) => t.status === 400).length).toBe(5);
  expect(tries.filter((t) => t.status === 429).length).toBe(7);
});
