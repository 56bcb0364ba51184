import { auditLog } from "../../db/schema";
import type { DB } from "../../db/client";

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
  | "norm.version-created"
  | "norm.retired"
  | "agreement.version-created"
  | "agreement.acknowledged"
  | "cycle.opened"
  | "cycle.closed"
  | "conversation.held"
  | "conversation.action-created"
  | "conversation.action-done";

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
