// Test fixtures for check-ins: active norms written straight into the test server's
// SQLite file (WAL lets a second connection write while the server runs). Check-in
// tests need norms before the norms feature's pages can create them; once they can,
// tests may go through those pages instead.
import Database from "better-sqlite3";

export type FixtureNorm = { id: number; code: string };

function open(dbPath: string) {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return db;
}

/** Adds active norms (version 1) to a team, numbered after its existing ones. */
export function insertActiveNorms(dbPath: string, teamId: string, titles: string[], now = Date.now()): FixtureNorm[] {
  const db = open(dbPath);
  try {
    return db.transaction(() => {
      const team = db.prepare("select next_norm_number as next from teams where id = ?").get(teamId) as { next: number };
      const out: FixtureNorm[] = [];
      titles.forEach((title, i) => {
        const number = team.next + i;
        const code = `N-${number}`;
        const { lastInsertRowid } = db
          .prepare("insert into norms (team_id, number, code, status, current_version, created_at) values (?, ?, ?, 'active', 1, ?)")
          .run(teamId, number, code, now);
        db.prepare(
          "insert into norm_versions (team_id, norm_id, version, title, body, category, created_at) values (?, ?, 1, ?, ?, 'customer-contact', ?)",
        ).run(teamId, lastInsertRowid, title, `Why: ${title}`, now);
        out.push({ id: Number(lastInsertRowid), code });
      });
      db.prepare("update teams set next_norm_number = ? where id = ?").run(team.next + titles.length, teamId);
      return out;
    })();
  } finally {
    db.close();
  }
}

/** Gives a norm a new current version (as an adopted change proposal would). */
export function addNormVersion(dbPath: string, normId: number, title: string, now = Date.now()) {
  const db = open(dbPath);
  try {
    db.transaction(() => {
      const norm = db.prepare("select team_id as teamId, current_version as v from norms where id = ?").get(normId) as {
        teamId: string;
        v: number;
      };
      db.prepare(
        "insert into norm_versions (team_id, norm_id, version, title, body, category, created_at) values (?, ?, ?, ?, '', 'customer-contact', ?)",
      ).run(norm.teamId, normId, norm.v + 1, title, now);
      db.prepare("update norms set current_version = ? where id = ?").run(norm.v + 1, normId);
    })();
  } finally {
    db.close();
  }
}

/** Retires a norm. */
export function retireNorm(dbPath: string, normId: number, now = Date.now()) {
  const db = open(dbPath);
  try {
    db.prepare("update norms set status = 'retired', retired_at = ? where id = ?").run(now, normId);
  } finally {
    db.close();
  }
}

/** Read-only queries against the test database, for checking what was stored. */
export function queryTestDb<T>(dbPath: string, sql: string, ...params: unknown[]): T[] {
  const db = open(dbPath);
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}
