// Sessions (contract row /logout) and the account page: server-side logout,
// sliding renewal, Secure only behind https in production, name/language/password changes.
import { describe, expect, test } from "vitest";
import { Client, logIn, setCookieLine, signUp, uniqueEmail, visibleText } from "../support/client";
import { userId, type TestDb } from "../support/db";
import { fieldError, fieldValue, submitForm } from "../support/forms";
import { startServer, type TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

const sessionCount = (email: string) =>
  (db.prepare("select count(*) as n from sessions where user_id = ?").get(userId(db, email)) as { n: number }).n;

describe("logout", () => {
  test("answers 303 to /login, ends the session on the server, and the old cookie no longer works", async () => {
    const user = await signUp(server.url, "Leaving");
    const oldCookie = user.cookies.get("normwerk_session")!;
    expect(sessionCount(user.email)).toBe(1);

    const res = await user.post("/logout", {});
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login");
    expect(setCookieLine(res, "normwerk_session")).toMatch(/normwerk_session=;.*Max-Age=0/i);
    expect(sessionCount(user.email)).toBe(0);
    expect(visibleText((await user.get("/login")).html)).toContain("You are signed out.");

    // Someone who kept a copy of the cookie gets nothing from it.
    const replay = new Client(server.url);
    replay.cookies.set("normwerk_session", oldCookie);
    const page = await replay.get("/teams/new");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/login?redirectTo=%2Fteams%2Fnew");
  });

  test("the shell's sign-out form does it without JavaScript", async () => {
    const user = await signUp(server.url, "Shell Logout");
    const page = await user.get("/");
    const res = await submitForm(user, "/", page, { button: "Sign out" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login");
    expect((await user.get("/account")).status).toBe(303);
  });

  test("a bare POST without a body (as a script sends it) signs out too", async () => {
    const user = await signUp(server.url, "Bare Logout");
    const res = await user.request("/logout", { method: "POST" });
    expect(res.status).toBe(303);
    expect(sessionCount(user.email)).toBe(0);
  });
});

describe("session lifetime", () => {
  test("a session past half its 30 days is renewed on the next page (a new cookie and a later expiry)", async () => {
    const user = await signUp(server.url, "Sliding");
    const inFiveDays = Math.floor(Date.now() / 1000) + 5 * 86_400;
    db.prepare("update sessions set expires_at = ? where user_id = ?").run(inFiveDays, userId(db, user.email));
    const res = await user.get("/");
    expect(res.status).toBe(200);
    const cookie = setCookieLine(res, "normwerk_session");
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).toMatch(/HttpOnly/i);
    const { expiresAt } = db.prepare("select expires_at as expiresAt from sessions where user_id = ?").get(userId(db, user.email)) as {
      expiresAt: number;
    };
    expect(expiresAt).toBeGreaterThan(Math.floor(Date.now() / 1000) + 29 * 86_400);
    // A fresh session is not renewed on every request.
    expect(setCookieLine(await user.get("/"), "normwerk_session")).toBeNull();
  });

  test("an expired session counts as signed out", async () => {
    const user = await signUp(server.url, "Expired");
    db.prepare("update sessions set expires_at = ? where user_id = ?").run(Math.floor(Date.now() / 1000) - 60, userId(db, user.email));
    const res = await user.get("/account");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });

  test("cookies are Secure in production behind an https origin, and Origin is checked against that origin", async () => {
    const https = await startServer({ env: { APP_ORIGIN: "https://normwerk.example" } });
    try {
      const client = new Client(https.url);
      const form = { email: uniqueEmail(), name: "Proxy", password: "correct horse battery" };
      // Behind the proxy the browser's origin is the public one, not the socket's.
      expect((await client.post("/signup", form)).status).toBe(403);
      const res = await client.post("/signup", form, { Origin: "https://normwerk.example" });
      expect(res.status).toBe(303);
      expect(setCookieLine(res, "normwerk_session")).toMatch(/;\s*Secure/i);
      const lang = await client.post("/language", { language: "nl", redirectTo: "/" }, { Origin: "https://normwerk.example" });
      expect(setCookieLine(lang, "normwerk_lang")).toMatch(/;\s*Secure/i);
      const team = await client.post("/teams/new", { name: "Secure team" }, { Origin: "https://normwerk.example" });
      expect(setCookieLine(team, "normwerk_flash")).toMatch(/;\s*Secure/i);
      // Invite links use the public origin too.
      const teamId = team.location!.split("/")[2];
      await client.post(`/teams/${teamId}/members`, { intent: "invite" }, { Origin: "https://normwerk.example" });
      expect((await client.get(`/teams/${teamId}/members`)).html).toMatch(/>https:\/\/normwerk\.example\/join\/[A-Za-z0-9_-]+</);
    } finally {
      await https.stop();
    }
  });

  test("outside production an https origin does not make cookies Secure", async () => {
    const dev = await startServer({ env: { NODE_ENV: "development", APP_ORIGIN: "https://normwerk.example" } });
    try {
      const res = await new Client(dev.url).post(
        "/signup",
        { email: uniqueEmail(), name: "Dev", password: "correct horse battery" },
        { Origin: "https://normwerk.example" },
      );
      expect(res.status).toBe(303);
      expect(setCookieLine(res, "normwerk_session")).not.toMatch(/Secure/i);
    } finally {
      await dev.stop();
    }
  });
});

describe("account page", () => {
  test("needs a session", async () => {
    const res = await new Client(server.url).get("/account");
    expect(res.status).toBe(303);
    expect(res.location).toBe("/login?redirectTo=%2Faccount");
  });

  test("changing the name and the language (the page and <html lang> follow)", async () => {
    const user = await signUp(server.url, "Old Name");
    const page = await user.get("/account");
    expect(page.html).toContain('<html lang="en"');
    expect(fieldValue(page.html, "name")).toBe("Old Name");

    const res = await submitForm(user, "/account", page, { id: "profile" }, { name: "Nieuwe Naam", language: "nl" });
    expect(res.status).toBe(303);
    expect(res.location).toBe("/account");
    const after = await user.get("/account");
    expect(after.html).toContain('<html lang="nl"');
    const text = visibleText(after.html);
    expect(text).toContain("Je account");
    expect(text).toContain("Je profiel is opgeslagen.");
    expect(text).toContain("Nieuwe Naam");
    expect(fieldValue(after.html, "name")).toBe("Nieuwe Naam");

    // Back to English by the same form, even when the browser asks for Dutch.
    const back = await submitForm(user, "/account", after, { id: "profile" }, { language: "en" });
    expect(back.status).toBe(303);
    const english = await user.get("/account", { "Accept-Language": "nl" });
    expect(english.html).toContain('<html lang="en"');
    expect(visibleText(english.html)).toContain("Your account");
  });

  test("a blank name answers 400 with the message and keeps what was typed", async () => {
    const user = await signUp(server.url, "Keep Me");
    const page = await user.get("/account");
    const res = await submitForm(user, "/account", page, { id: "profile" }, { name: "   " });
    expect(res.status).toBe(400);
    expect(fieldError(res.html, "profile", "name")).toBe("This field is required.");
    expect(fieldValue(res.html, "name")).toBe("   ");
    expect(db.prepare("select name from users where email = ?").get(user.email)).toEqual({ name: "Keep Me" });
  });

  test("changing the password needs the current one, ends the other sessions and keeps this one", async () => {
    const user = await signUp(server.url, "Password Changer");
    const otherDevice = await logIn(server.url, user.email);
    expect((await otherDevice.get("/account")).status).toBe(200);
    expect(sessionCount(user.email)).toBe(2);

    const page = await user.get("/account");
    const wrong = await submitForm(user, "/account", page, { id: "password" }, {
      currentPassword: "not my password",
      newPassword: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(fieldError(wrong.html, "password", "currentPassword")).toBe("This is not your current password.");
    expect(wrong.html).not.toContain("not my password");
    expect(wrong.html).not.toContain("a brand new password");
    expect((await otherDevice.get("/account")).status).toBe(200);

    const short = await submitForm(user, "/account", page, { id: "password" }, {
      currentPassword: user.password,
      newPassword: "short",
    });
    expect(short.status).toBe(400);
    expect(fieldError(short.html, "password", "newPassword")).toBe("This is too short: at least 10 characters.");
    const spaces = await submitForm(user, "/account", page, { id: "password" }, {
      currentPassword: user.password,
      newPassword: " ".repeat(12),
    });
    expect(spaces.status).toBe(400);
    expect(fieldError(spaces.html, "password", "newPassword")).toBe(
      "A password of only spaces is too easy to guess. Use letters, digits or other characters too.",
    );

    const ok = await submitForm(user, "/account", page, { id: "password" }, {
      currentPassword: user.password,
      newPassword: "a brand new password",
    });
    expect(ok.status).toBe(303);
    expect(visibleText((await user.get("/account")).html)).toContain("Your password is changed. Other devices are signed out.");
    expect((await user.get("/account")).status).toBe(200);
    const kicked = await otherDevice.get("/account");
    expect(kicked.status).toBe(303);
    expect(kicked.location).toBe("/login?redirectTo=%2Faccount");
    expect(sessionCount(user.email)).toBe(1);

    expect((await new Client(server.url).post("/login", { email: user.email, password: user.password })).status).toBe(400);
    expect((await new Client(server.url).post("/login", { email: user.email, password: "a brand new password" })).status).toBe(303);
  });
});
