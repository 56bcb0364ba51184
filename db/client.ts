import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import * as schema from "./schema";

export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

// Counts prepared statements; drizzle prepares one per query it runs, so this is
// the number of SQL statements a request executed (see tests/http/query-count).
export const statementCounter: { count: number; onStatement?: () => void } = { count: 0 };

/** Counts one statement run; also for a query prepared once and run again (app/db.server.ts `preparedOnce`). */
export function countStatement() {
  statementCounter.count++;
  statementCounter.onStatement?.();
}

// The classic compiler bundles this file into build/index.js, so the migrations
// folder is found from the project root, not from import.meta.url.
export function migrationsFolder() {
  return path.resolve(process.env.NORMWERK_ROOT ?? process.cwd(), "db/migrations");
}

// Tests set NORMWERK_LOG_SQL to a file to collect every statement the app runs,
// then check each one's query plan (tests/http/query-plans.test.ts).
const sqlLog = process.env.NORMWERK_LOG_SQL ? new Set<string>() : null;

const STATEMENT_CACHE_SIZE = 1000;

export function openDatabase(file: string): DB {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const prepare = sqlite.prepare.bind(sqlite);
  // drizzle prepares every query it runs; compiling the same SQL again for every
  // request is wasted work, so statements are kept by their text. drizzle switches
  // a statement to raw mode when it wants arrays, so the mode is reset on reuse.
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    countStatement();
    if (sqlLog && !sqlLog.has(source)) {
      sqlLog.add(source);
      fs.appendFileSync(process.env.NORMWERK_LOG_SQL!, JSON.stringify(source) + "\n");
    }
    let stmt = cache.get(source);
    if (stmt) {
      if (stmt.reader) stmt.raw(false);
      return stmt;
    }
    stmt = prepare(source);
    if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(source, stmt);
    return stmt;
  }) as typeof sqlite.prepare;
  const db = drizzle(sqlite, { schema }) as DB;
  migrate(db, { migrationsFolder: migrationsFolder() });
  return db;
}
