// Every statement the hot pages run uses an index: no SCAN of a table that grows
// with the number of teams. The statements are collected from the running server
// (NORMWERK_LOG_SQL) and explained against a scale database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { Client } from "../support/client";
import { hotPages, morePages, ratingWrites, SCALE_LEAD, SCALE_MEMBER, SCALE_PASSWORD, seedScale } from "../support/scale";
import { startServer, type TestServer } from "../support/server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "normwerk-plans-"));
const dbFile = path.join(dir, "scale.db");
const sqlLog = path.join(dir, "statements.jsonl");
let server: TestServer;

beforeAll(async () => {
  seedScale(dbFile, { teams: 4, members: 12 });
  server = await startServer({ dbPath: dbFile, env: { NORMWERK_LOG_SQL: sqlLog } });
}, 180_000);

afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function explain(db: Database.Database, sql: string) {
  const params = (sql.match(/\?/g) ?? []).map(() => null);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

test("the hot pages' statements search by index, never scan a table that grows with the organisation", async () => {
  const lead = new Client(server.url);
  const member = new Client(server.url);
  expect((await lead.post("/login", { email: SCALE_LEAD, password: SCALE_PASSWORD })).status).toBe(303);
  expect((await member.post("/login", { email: SCALE_MEMBER, password: SCALE_PASSWORD })).status).toBe(303);
  const clients = { lead, member, visitor: new Client(server.url) };
  for (const page of [...hotPages(dbFile), ...morePages(dbFile)]) {
    expect((await clients[page.as].get(page.path)).status, page.name).toBe(200);
  }
  const voting = hotPages(dbFile).find((p) => p.name === "proposal in voting")!;
  expect((await member.post(voting.path, { intent: "vote", choice: "agree", reason: "" })).status).toBe(303);
  for (const write of Object.values(ratingWrites(dbFile))) {
    expect((await member.post(write.path, new URLSearchParams(write.body))).status, write.path).toBe(303);
  }

  const statements = fs
    .readFileSync(sqlLog, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as string)
    .filter((sql) => /^\s*(select|update|delete|insert)/i.test(sql));
  expect(statements.length).toBeGreaterThan(20);

  const db = new Database(dbFile, { readonly: true });
  // The check itself must be able to see a scan.
  expect(explain(db, "select * from votes where reason = ?").some((d) => /^SCAN votes/.test(d))).toBe(true);
  // Tables whose size does not grow with teams or history may be scanned; so may a
  // subquery's own rows (SQLite names it by its alias), whose reads are checked here too.
  const small = new Set(["__drizzle_migrations"]);
  const tables = new Set((db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name));
  const problems: string[] = [];
  for (const sql of statements) {
    for (const detail of explain(db, sql)) {
      const scan = /^SCAN (\w+)/.exec(detail);
      if (scan && tables.has(scan[1]) && !small.has(scan[1])) problems.push(`${detail}\n    in: ${sql.slice(0, 300)}`);
    }
  }
  db.close();
  expect(problems, problems.join("\n")).toEqual([]);
}, 120_000);
