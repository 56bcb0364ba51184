import { countStatement, openDatabase, type DB } from "../db/client";
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

/**
 * A query built and prepared once (drizzle's `.prepare()` with `sql.placeholder`
 * values), for hot pages: building a small query's SQL costs more than running it.
 * Call the returned function once per run: every run counts as one statement for
 * the per-request count (X-Statement-Count), exactly like a query built each time;
 * the first run is counted by the prepare itself. Such a statement runs on this `db`'s
 * one connection, so inside `write()` it takes part in that transaction; a model that
 * uses it (proposals, norms, check-in ratings) must not be handed a transaction of another database.
 * checkin-lifecycle.server.ts, which the test seeds run on their own files, uses none.
 */
export function preparedOnce<Q>(build: () => Q): () => Q {
  let query: Q | undefined;
  return () => {
    if (query === undefined) query = build();
    else countStatement();
    return query;
  };
}
