// Direct access to a test server's SQLite file, for arranging states that take
// weeks in real life (expired links, old cycles) and for checking stored rows.
import Database from "better-sqlite3";

export function openDb(dbPath: string) {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  return db;
}
