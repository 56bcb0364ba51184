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
