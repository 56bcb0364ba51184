import { LOCALES } from "../i18n/core";
import { DECISION_RULES } from "./votes";

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

/** The team settings a settings row can name, in the settings form's order. */
export const SETTING_KEYS = ["name", "description", "language", "decisionRule", "quorumPercent", "voteDays", "anonymityThreshold"] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/**
 * One changed setting. `from` and `to` only where a row stored them and they are short
 * enough for a line: never the description. Rows written before 2026-11-30 store names only.
 */
export type SettingChange = { key: SettingKey; from?: string; to?: string };

/** What a row's stored details add to its line on the audit page. */
export type AuditDetail =
  | { kind: "outcome"; proposalId: number; outcome: (typeof OUTCOMES)[number] }
  | { kind: "role"; from: (typeof ROLES)[number]; to: (typeof ROLES)[number] }
  | { kind: "settings"; changes: SettingChange[] }
  | { kind: "proposal"; proposalId: number }
  | null;

// Rows about one proposal whose sentence names only a norm code or a title: "Opened
// the vote on N-2" twice in a row is two proposals, so the page names which.
const ABOUT_A_PROPOSAL = new Set(["proposal.created", "proposal.vote-opened", "proposal.withdrawn", "proposal.rebased", "proposal.comment-removed"]);

/** What a settings row stores: which settings changed, and the old and new values that fit on a line. */
export function settingsChangeData(before: Record<SettingKey, string | number>, after: Record<SettingKey, string | number>) {
  const changed = SETTING_KEYS.filter((k) => before[k] !== after[k]);
  const shown = changed.filter((k) => k !== "description");
  return {
    changed,
    from: Object.fromEntries(shown.map((k) => [k, before[k]])),
    to: Object.fromEntries(shown.map((k) => [k, after[k]])),
  };
}

/** A stored value as the audit line shows it, or undefined when it is not what that setting holds. */
function settingValue(key: SettingKey, value: unknown): string | undefined {
  switch (key) {
    case "name":
      return typeof value === "string" ? value : undefined;
    case "language":
      return LOCALES.includes(value as never) ? (value as string) : undefined;
    case "decisionRule":
      return DECISION_RULES.includes(value as never) ? (value as string) : undefined;
    case "quorumPercent":
    case "voteDays":
    case "anonymityThreshold":
      return Number.isSafeInteger(value) ? String(value) : undefined;
    default:
      return undefined;
  }
}

function settingChanges(d: Record<string, unknown>): SettingChange[] | null {
  const names: unknown = d.changed;
  if (!Array.isArray(names)) return null;
  const record = (v: unknown) => (typeof v === "object" && v !== null ? (v as Record<string, unknown>) : {});
  const from = record(d.from);
  const to = record(d.to);
  const changes = SETTING_KEYS.filter((k) => names.includes(k)).map((key): SettingChange => {
    const [a, b] = [settingValue(key, from[key]), settingValue(key, to[key])];
    return a !== undefined && b !== undefined ? { key, from: a, to: b } : { key };
  });
  return changes.length > 0 ? changes : null;
}

/**
 * The details the audit page shows beside a row's text: how a vote ended (and which
 * proposal it was, since two votes on one norm read alike), which proposal a draft, an
 * opened vote, a withdrawal or an update was about, a role's change and which
 * settings changed (from what to what, where the row stored it). Rows
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
  if (ABOUT_A_PROPOSAL.has(kind) && Number.isSafeInteger(d.proposalId)) {
    return { kind: "proposal", proposalId: d.proposalId as number };
  }
  if (kind === "member.role-changed" && ROLES.includes(d.from as never) && ROLES.includes(d.to as never)) {
    return { kind: "role", from: d.from as (typeof ROLES)[number], to: d.to as (typeof ROLES)[number] };
  }
  if (kind === "team.settings-changed") {
    const changes = settingChanges(d);
    return changes ? { kind: "settings", changes } : null;
  }
  return null;
}

/** A row's subject as its sentence uses it: agreement rows store "v3", and the sentences already say "version". */
export function auditSubject(kind: string, subject: string) {
  return kind.startsWith("agreement.") ? subject.replace(/^v(\d+)$/, "$1") : subject;
}
