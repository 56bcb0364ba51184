// One built server with a fresh database per test file, and a handle on its SQLite file.
import { afterAll, beforeAll } from "vitest";
import { openDb, type TestDb } from "./db";
import { startServer, type TestServer } from "./server";

/** Starts the server before the file's tests and stops it after; `ready` receives both handles. */
export function useTestServer(ready: (server: TestServer, db: TestDb) => void, options?: Parameters<typeof startServer>[0]) {
  let server: TestServer | undefined;
  let db: TestDb | undefined;
  beforeAll(async () => {
    server = await startServer(options);
    db = openDb(server.dbPath);
    ready(server, db);
  });
  afterAll(async () => {
    db?.close();
    await server?.stop();
  });
}
