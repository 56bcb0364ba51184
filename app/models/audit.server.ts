import { and, desc, eq, gte, lt, or } from "drizzle-orm";
import { auditLog, users } from "../../db/schema";
import type { DB } from "../../db/client";
import { db } from "../db.server";
import { GROUP_PREFIXES, type AuditGroup } from "../domain/audit";

export type AuditKind =
  | "team.created"
  | "team.settings-changed"
  | "invite.created"
  | "invite.revoked"
  | "member.joined"
  | "member.removed"
  | "member.role-changed"
  | "proposal.created"
  | "proposal.vote-opened"
  | "proposal.closed"
  | "proposal.withdrawn"
  | "proposal.rebased"
  | "proposal.comment-removed"
  | "norm.version-created"
  | "norm.retired"
  | "agreement.version-created"
  | "agreement.acknowledged"
  | "cycle.opened"
  | "cycle.closed"
  | "conversation.held"
  | "conversation.action-created"
  | "conversation.action-done"
  | "conversation.action-dropped";

/** Appends one audit row inside the caller's transaction. Never pass note text or ratings. */
export function audit(
  tx: DB,
  row: { teamId: string; actorId: string | null; kind: AuditKind; subject?: string; data?: Record<string, unknown>; at?: number },
) {
  tx.insert(auditLog)
    .values({
      teamId: row.teamId,
      actorId: row.actorId,
      kind: row.kind,
      subject: row.subject ?? "",
      data: JSON.stringify(row.data ?? {}),
      at: row.at ?? Date.now(),
    })
    .run();
}

export const AUDIT_PAGE_SIZE = 50;

export type AuditCursor = { at: number; id: number };

/** "at.id" from a page link, or undefined when absent or malformed. */
export function parseAuditCursor(value: string | null): AuditCursor | undefined {
  const m = /^(\d{1,15})\.(\d{1,15})$/.exec(value ?? "");
  return m ? { at: Number(m[1]), id: Number(m[2]) } : undefined;
}

/**
 * One page of a team's audit rows, newest first, keyset-paged by (time, id) so a page
 * costs the same however long the log is. Team groups span several prefixes,
 * so they are read with one range per prefix, merged in JS (still a fixed count).
 */
export function listAudit(teamId: string, options: { group?: AuditGroup; before?: AuditCursor } = {}) {
  const prefixes = options.group ? GROUP_PREFIXES[options.group] : [null];
  const rows = prefixes.flatMap((prefix) =>
    db
      .select({
        id: auditLog.id,
        kind: auditLog.kind,
        subject: auditLog.subject,
        data: auditLog.data,
        at: auditLog.at,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(
        and(
          eq(auditLog.teamId, teamId),
          // Rows older than the cursor: by time, then id (seeded history is written out of order).
          options.before
            ? or(
                lt(auditLog.at, options.before.at),
                and(eq(auditLog.at, options.before.at), lt(auditLog.id, options.before.id)),
              )
            : undefined,
          // A range on the (team, kind, id) index: every kind that starts with the prefix.
          prefix ? gte(auditLog.kind, prefix) : undefined,
          prefix ? lt(auditLog.kind, prefix.slice(0, -1) + "/") : undefined,
        ),
      )
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE + 1)
      .all(),
  );
  rows.sort((a, b) => b.at - a.at || b.id - a.id);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  return { rows: page, nextBefore: rows.length > AUDIT_PAGE_SIZE ? `${last.at}.${last.id}` : null };
}
