// Probe: form bodies and Host headers that could exhaust or confuse the server
// (docs/decisions/060). Each is refused with 400/413 and a readable page, quickly,
// and the server keeps serving afterwards.
import { request as httpRequest } from "node:http";
import { describe, expect, test } from "vitest";
import { Client, signUp, visibleText } from "../support/client";
import type { TestDb } from "../support/db";
import { fieldError, fieldValue } from "../support/forms";
import { startServer, type TestServer } from "../support/server";
import { useTestServer } from "../support/setup";

let server: TestServer;
let db: TestDb;
useTestServer((s, d) => {
  server = s;
  db = d;
});

/** Posts a raw URL-encoded body (the Client would re-encode names we want as they are). */
async function postRaw(client: Client, path: string, body: string) {
  return client.request(path, {
    method: "POST",
    body,
    headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
  });
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = Date.now();
  const result = await work();
  return [result, Date.now() - start];
}

/** A GET with any Host header (and more): fetch does not let a caller choose it. */
function getWithHost(host: string, path = "/login", extra: Record<string, string> = {}, base = server.url): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, path, method: "GET", headers: { Host: host, ...extra } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function expectAlive() {
  expect((await new Client(server.url).get("/login")).status).toBe(200);
}

describe("field names no form of ours sends", () => {
  test("an array index in the millions is a quick 400, not an out-of-memory crash", async () => {
    // Conform would build a ten-million-entry array from this name before any schema ran.
    for (const name of ["email[9999999]", "normCodes[99999999]", "name[1001]", "name[-1]", "name[x]", "name[]"]) {
      const [res, ms] = await timed(() => postRaw(new Client(server.url), "/signup", `${encodeURIComponent(name)}=x&name=A&password=correct+horse+battery`));
      expect(res.status, name).toBe(400);
      expect(visibleText(res.html)).toContain("This request could not be read");
      expect(visibleText(res.html)).toContain("Dit verzoek kon niet worden gelezen");
      expect(ms, name).toBeLessThan(2000);
    }
    await expectAlive();
  });

  test("a name thousands of segments deep is a 400, not a stack overflow", async () => {
    const lead = await signUp(server.url, "Deep Names");
    for (const name of ["rating" + ".a".repeat(20_000), "title" + "[0]".repeat(20_000), "a.b.c.d.e", "x".repeat(201)]) {
      const res = await postRaw(lead, "/teams/new", `${encodeURIComponent(name)}=3&name=Deep`);
      expect(res.status, name.slice(0, 20)).toBe(400);
    }
    // The names our forms use pass.
    const ok = await postRaw(lead, "/teams/new", "name=Still+Fine&description=&rating.N-1=3");
    expect(ok.status).toBe(303);
    await expectAlive();
  });

  test("more than 1,000 fields is a 413 with the limits in both languages", async () => {
    const lead = await signUp(server.url, "Many Fields");
    const body = Array.from({ length: 1001 }, (_, i) => `f${i}=x`).join("&") + "&name=Too+Many+Fields";
    const [res, ms] = await timed(() => postRaw(lead, "/teams/new", body));
    expect(res.status).toBe(413);
    expect(visibleText(res.html)).toContain("at most 1 MB and 1,000 fields");
    expect(visibleText(res.html)).toContain("hoogstens 1 MB en 1000 velden");
    expect(ms).toBeLessThan(2000);
    // Multipart is counted the same way.
    const form = new FormData();
    for (let i = 0; i < 1001; i++) form.append(`f${i}`, "x");
    form.set("name", "Too Many Multipart");
    expect((await lead.request("/teams/new", { method: "POST", body: form, headers: { Origin: server.url } })).status).toBe(413);
    expect(db.prepare("select count(*) as n from teams where name like 'Too Many%'").get()).toEqual({ n: 0 });
  });
});

describe("body size", () => {
  test("over 1 MB is a 413, whether or not the client announced its length", async () => {
    const lead = await signUp(server.url, "Big Body");
    const big = new URLSearchParams({ name: "x".repeat(1024 * 1024 + 1) });
    const res = await lead.request("/teams/new", { method: "POST", body: big, headers: { Origin: server.url } });
    expect(res.status).toBe(413);
    expect(visibleText(res.html)).toContain("at most 1 MB");
    // Far larger: the server stops reading and still answers (it does not reset the connection).
    const huge = await lead.request("/teams/new", {
      method: "POST",
      body: new URLSearchParams({ name: "x".repeat(30 * 1024 * 1024) }),
      headers: { Origin: server.url },
    });
    expect(huge.status).toBe(413);
    // Streamed without a Content-Length.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 20; i++) controller.enqueue(new TextEncoder().encode(i === 0 ? "name=" : "y".repeat(64 * 1024)));
        controller.close();
      },
    });
    const streamed = await lead.request("/teams/new", {
      method: "POST",
      body: chunks,
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    await expectAlive();
  });

  test("a field far over its own limit but within 1 MB is the form's 400, with the text kept", async () => {
    const lead = await signUp(server.url, "Long Name");
    const name = "n".repeat(900_000);
    const [res, ms] = await timed(() => lead.post("/teams/new", { name, description: "kept" }));
    expect(res.status).toBe(400);
    expect(fieldError(res.html, "new-team", "name")).toBe("This is too long: at most 80 characters.");
    expect(fieldValue(res.html, "name")).toBe(name);
    expect(fieldValue(res.html, "description")).toBe("kept");
    expect(ms).toBeLessThan(5000);
  });
});

describe("Host header", () => {
  test("a Host that is no host name is a 400 with a page that says so, not a 500", async () => {
    for (const host of ["garbage host", "[::1", "localhost:99999", "%00", "x".repeat(300), "x/teams/abc?", "a@b", "\\evil", "ex ample.org"]) {
      const res = await getWithHost(host);
      expect(res.status, JSON.stringify(host.slice(0, 20))).toBe(400);
      expect(visibleText(res.body)).toContain("is not a valid host name");
      expect(visibleText(res.body)).toContain("geen geldige hostnaam");
    }
    // A very long Host (within Node's header limit) is refused the same way.
    expect((await getWithHost("a".repeat(10_000))).status).toBe(400);
  });

  test("ordinary hosts keep working", async () => {
    const { port } = new URL(server.url);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "localhost", "normwerk.example.org", "[::1]:3000", "bücher.example", "normwerk_test.local"]) {
      expect((await getWithHost(host)).status, host).toBe(200);
    }
  });

  test("without a proxy to trust, X-Forwarded-Host is not read at all, its port neither", async () => {
    const { port } = new URL(server.url);
    expect((await getWithHost(`localhost:${port}`, "/login", { "X-Forwarded-Host": "normwerk.example.org:99999" })).status).toBe(200);
  });
});

describe("behind a proxy (APP_ORIGIN set, X-Forwarded-* trusted)", () => {
  test("a forwarded host or protocol that is no host or protocol is a 400 as well", async () => {
    const proxied = await startServer({ env: { APP_ORIGIN: "https://normwerk.example.org" } });
    try {
      const get = (extra: Record<string, string>) => getWithHost("normwerk.example.org", "/login", extra, proxied.url);
      expect((await get({ "X-Forwarded-Host": "normwerk.example.org", "X-Forwarded-Proto": "https" })).status).toBe(200);
      const refused: Record<string, string>[] = [
        { "X-Forwarded-Host": "garbage host" },
        { "X-Forwarded-Host": "x/teams/abc?" },
        { "X-Forwarded-Host": "normwerk.example.org:99999" },
        { "X-Forwarded-Proto": "javascript" },
        { "X-Forwarded-Proto": "ht tp" },
      ];
      for (const extra of refused) {
        expect((await get(extra)).status, JSON.stringify(extra)).toBe(400);
      }
    } finally {
      await proxied.stop();
    }
  });
});
