// Configuration is checked at start: a bad value stops the server with a message
// that names the variable, instead of a crash on the first request.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-config-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ["build/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", PORT: "39917", DATABASE_PATH: path.join(dir, "c.db"), APP_ORIGIN: "", ...env },
    encoding: "utf8",
    timeout: 20_000,
  });
}

const cases: [Record<string, string>, string, RegExp][] = [
  [{ PORT: "abc" }, "PORT", /PORT="abc": must be a whole number from 1 to 65535/],
  [{ PORT: "70000" }, "PORT", /PORT="70000": must be a whole number from 1 to 65535/],
  [{ APP_ORIGIN: "not a url" }, "APP_ORIGIN", /APP_ORIGIN="not a url": must be an origin such as https:\/\//],
  [{ APP_ORIGIN: "https://normwerk.example/app" }, "APP_ORIGIN", /APP_ORIGIN="https:\/\/normwerk.example\/app": must be an origin/],
  [{ NODE_ENV: "staging" }, "NODE_ENV", /NODE_ENV="staging": must be development, production or test/],
  [{ SWEEP_INTERVAL_SECONDS: "0" }, "SWEEP_INTERVAL_SECONDS", /SWEEP_INTERVAL_SECONDS="0": must be a whole number from 1 to 3600/],
];

for (const [env, name, message] of cases) {
  test(`${name}=${Object.values(env)[0]} stops the start with a clear message`, () => {
    const result = start(env);
    expect(result.status).not.toBe(0);
    expect(result.status).not.toBeNull();
    expect(result.stderr).toContain("Normwerk cannot start: invalid configuration");
    expect(result.stderr).toMatch(message);
    // A message, not a stack trace.
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, "c.db"))).toBe(false);
  });
}

test("an empty variable means its default, and a plain development start (no `remix dev`) serves pages", async () => {
  const { startServer } = await import("../support/server");
  const server = await startServer({ env: { NODE_ENV: "", SWEEP_INTERVAL_SECONDS: "", HOST: "127.0.0.1" } });
  try {
    const res = await fetch(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(server.output()).not.toMatch(/Error/);
  } finally {
    await server.stop();
  }
});
