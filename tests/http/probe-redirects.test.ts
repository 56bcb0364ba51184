// Probe: `redirectTo` tricks on every form and page that follows one. The answer is
// always a 303 to a path on this site (or the default), never a 500 or another site.
import { expect, test } from "vitest";
import { Client, signUp, uniqueEmail } from "../support/client";
import type { TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
useTestServer((s) => {
  server = s;
});

const tricks: [string, string][] = [
  // [redirectTo, where we must end up]
  ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
  ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
  ["/\\evil.example", "/"],
  ["/\t/evil.example", "/"],
  ["/\r\n/evil.example", "/"],
  ["//evil.example", "/"],
  ["/.//evil.example", "/"],
  ["/x/..//evil.example", "/"],
  ["https://evil.example", "/"],
  ["javascript:alert(1)", "/"],
  ["/€", "/%E2%82%AC"],
  ["/teams/é?q=ü", "/teams/%C3%A9?q=%C3%BC"],
  ["/" + "a".repeat(100_000), "/"],
  ["/ok", "/ok"],
];

/** The Location must name this site: a path, never a scheme or "//". */
function expectSameSite(location: string | null, expected: string, label: string) {
  expect(location, label).toBe(expected);
  expect(new URL(location!, server.url).origin, label).toBe(server.url);
}

test("sign-in", async () => {
  const user = await signUp(server.url, "Redirected");
  for (const [to, expected] of tricks) {
    const res = await new Client(server.url).post("/login", { email: user.email, password: user.password, redirectTo: to });
    expect(res.status, JSON.stringify(to.slice(0, 30))).toBe(303);
    expectSameSite(res.location, expected, to.slice(0, 30));
  }
});

test("sign-up", async () => {
  for (const [to, expected] of tricks) {
    const res = await new Client(server.url).post("/signup", { email: uniqueEmail(), name: "New", password: "correct horse battery", redirectTo: to });
    expect(res.status, JSON.stringify(to.slice(0, 30))).toBe(303);
    expectSameSite(res.location, expected, to.slice(0, 30));
  }
});

test("the language switch, signed in and out", async () => {
  const user = await signUp(server.url, "Switcher");
  for (const client of [user, new Client(server.url)]) {
    for (const [to, expected] of tricks) {
      const res = await client.post("/language", { language: "nl", redirectTo: to });
      expect(res.status, JSON.stringify(to.slice(0, 30))).toBe(303);
      expectSameSite(res.location, expected, to.slice(0, 30));
    }
  }
});

test("/login and /signup visited while signed in follow ?redirectTo the same way", async () => {
  const user = await signUp(server.url, "Visitor");
  for (const page of ["/login", "/signup"]) {
    for (const [to, expected] of tricks.filter(([t]) => t.length < 5000)) {
      const res = await user.get(`${page}?redirectTo=${encodeURIComponent(to)}`);
      expect([302, 303], JSON.stringify(to)).toContain(res.status);
      expectSameSite(res.location, expected, to);
    }
  }
});

test("a signed-out visit to a very long URL goes to plain /login, one to an ordinary URL comes back", async () => {
  const long = await new Client(server.url).get(`/teams/${"x".repeat(6000)}`);
  expect(long.status).toBe(303);
  expect(long.location).toBe("/login");
  const ordinary = await new Client(server.url).get("/teams/abc/agreement?version=2");
  expect(ordinary.location).toBe(`/login?redirectTo=${encodeURIComponent("/teams/abc/agreement?version=2")}`);
});
