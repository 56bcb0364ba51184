// Direct access to a test server's SQLite file: to check what a request wrote
// (audit rows, stored text) and to move time (age invites, sessions, failed sign-ins).
import Database from "better-sqlite3";

export type TestDb = Database.Database;

export function openDb(file: string): TestDb {
  const db = new Database(file);
  // The server holds the same file open in WAL mode; wait for its writes instead of failing.
  db.pragma("busy_timeout = 5000");
  return db;
}

export function userId(db: TestDb, email: string): string {
  const row = db.prepare("select id from users where email = ?").get(email.trim().toLowerCase()) as { id: string } | undefined;
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export type AuditRow = { kind: string; actorId: string | null; subject: string; data: Record<string, unknown> };

export function auditRows(db: TestDb, teamId: string): AuditRow[] {
  const rows = db
    .prepare("select kind, actor_id as actorId, subject, data from audit_log where team_id = ? order by id")
    .all(teamId) as { kind: string; actorId: string | null; subject: string; data: string }[];
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as Record<string, unknown> }));
}
