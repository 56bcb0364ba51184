// Groups of audit kinds for the audit page's filter; shared by the page and the query.
export const AUDIT_GROUPS = ["team", "proposal", "norm", "agreement", "cycle", "conversation"] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const GROUP_PREFIXES: Record<AuditGroup, string[]> = {
  team: ["team.", "invite.", "member."],
  proposal: ["proposal."],
  norm: ["norm."],
  agreement: ["agreement."],
  cycle: ["cycle."],
  conversation: ["conversation."],
};

export function isAuditGroup(value: unknown): value is AuditGroup {
  return AUDIT_GROUPS.includes(value as AuditGroup);
}

const OUTCOMES = ["adopted", "rejected", "conflict"] as const;
const ROLES = ["lead", "member"] as const;

/** What a row's stored details add to its line on the audit page. */
export type AuditDetail =
  | { kind: "outcome"; proposalId: number; outcome: (typeof OUTCOMES)[number] }
  | { kind: "role"; from: (typeof ROLES)[number]; to: (typeof ROLES)[number] }
  | null;

/**
 * The details the audit page shows beside a row's text: how a vote ended (and which
 * proposal it was, since two votes on one norm read alike) and a role's change. Rows
 * written by older code or with odd data show just their text.
 */
export function auditDetail(kind: string, data: string): AuditDetail {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const d = value as Record<string, unknown>;
  if (kind === "proposal.closed" && Number.isSafeInteger(d.proposalId) && OUTCOMES.includes(d.outcome as never)) {
    return { kind: "outcome", proposalId: d.proposalId as number, outcome: d.outcome as (typeof OUTCOMES)[number] };
  }
  if (kind === "member.role-changed" && ROLES.includes(d.from as never) && ROLES.includes(d.to as never)) {
    return { kind: "role", from: d.from as (typeof ROLES)[number], to: d.to as (typeof ROLES)[number] };
  }
  return null;
}

/** A row's subject as its sentence uses it: agreement rows store "v3", and the sentences already say "version". */
export function auditSubject(kind: string, subject: string) {
  return kind.startsWith("agreement.") ? subject.replace(/^v(\d+)$/, "$1") : subject;
}
