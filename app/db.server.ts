import { openDatabase, type DB } from "../db/client";
import { env } from "./env.server";

declare global {
  // Survives module reloads in `remix dev`, so one process keeps one connection.
  var __normwerkDb: DB | undefined;
}

export const db: DB = (globalThis.__normwerkDb ??= openDatabase(env.DATABASE_PATH));

/** Runs fn in one synchronous better-sqlite3 transaction (IMMEDIATE, so writers queue instead of failing). */
export function write<T>(fn: (tx: DB) => T): T {
  return db.transaction((tx) => fn(tx as unknown as DB), { behavior: "immediate" });
}
