import { expect, test } from "vitest";
import { auditDetail, auditSubject, settingsChangeData } from "../../app/domain/audit";

test("a closed vote's row carries its outcome and proposal", () => {
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: 12, outcome: "adopted", reason: "majority", agree: 3 }))).toEqual({
    kind: "outcome",
    proposalId: 12,
    outcome: "adopted",
  });
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: 4, outcome: "conflict" }))?.kind).toBe("outcome");
});

test("a row about one proposal names it, so two votes opened on one norm read apart", () => {
  for (const kind of ["proposal.created", "proposal.vote-opened", "proposal.withdrawn", "proposal.rebased"]) {
    expect(auditDetail(kind, JSON.stringify({ proposalId: 13, kind: "change" }))).toEqual({ kind: "proposal", proposalId: 13 });
    expect(auditDetail(kind, JSON.stringify({ proposalId: "13" }))).toBeNull();
  }
  expect(auditDetail("norm.retired", JSON.stringify({ proposalId: 13 }))).toBeNull();
});

test("a role change carries from and to", () => {
  expect(auditDetail("member.role-changed", JSON.stringify({ userId: "u1", from: "member", to: "lead" }))).toEqual({ kind: "role", from: "member", to: "lead" });
});

test("other kinds, old rows and odd data show no detail", () => {
  expect(auditDetail("member.removed", JSON.stringify({ userId: "u1" }))).toBeNull();
  expect(auditDetail("proposal.closed", "{}")).toBeNull();
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: "12", outcome: "adopted" }))).toBeNull();
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: 12, outcome: "voting" }))).toBeNull();
  expect(auditDetail("member.role-changed", JSON.stringify({ from: "admin", to: "lead" }))).toBeNull();
  expect(auditDetail("proposal.closed", "not json")).toBeNull();
  expect(auditDetail("proposal.closed", "null")).toBeNull();
});

test("agreement rows read their version as a number; other subjects stay as written", () => {
  expect(auditSubject("agreement.version-created", "v12")).toBe("12");
  expect(auditSubject("agreement.acknowledged", "v2")).toBe("2");
  expect(auditSubject("agreement.acknowledged", "vNext")).toBe("vNext");
  expect(auditSubject("member.joined", "v2")).toBe("v2");
});

test("a settings row names what changed, with old and new values where they fit on a line", () => {
  const before = { name: "Zuid", description: "Old text", language: "nl", decisionRule: "majority", quorumPercent: 50, voteDays: 7, anonymityThreshold: 3 };
  const after = { ...before, name: "Zuid & West", description: "New text", decisionRule: "consent", quorumPercent: 67 };
  const data = settingsChangeData(before, after);
  // The description's text is never copied into the log; that it changed is.
  expect(data).toEqual({
    changed: ["name", "description", "decisionRule", "quorumPercent"],
    from: { name: "Zuid", decisionRule: "majority", quorumPercent: 50 },
    to: { name: "Zuid & West", decisionRule: "consent", quorumPercent: 67 },
  });
  expect(auditDetail("team.settings-changed", JSON.stringify(data))).toEqual({
    kind: "settings",
    changes: [
      { key: "name", from: "Zuid", to: "Zuid & West" },
      { key: "description" },
      { key: "decisionRule", from: "majority", to: "consent" },
      { key: "quorumPercent", from: "50", to: "67" },
    ],
  });
  expect(settingsChangeData(before, { ...before }).changed).toEqual([]);
});

test("older settings rows name the settings only; odd values and unknown names are left out", () => {
  expect(auditDetail("team.settings-changed", JSON.stringify({ changed: ["anonymityThreshold", "decisionRule"] }))).toEqual({
    kind: "settings",
    changes: [{ key: "decisionRule" }, { key: "anonymityThreshold" }],
  });
  expect(
    auditDetail("team.settings-changed", JSON.stringify({ changed: ["decisionRule", "voteDays", "secret"], from: { decisionRule: "dictator", voteDays: 7 }, to: { decisionRule: "consent", voteDays: "8" } })),
  ).toEqual({ kind: "settings", changes: [{ key: "decisionRule" }, { key: "voteDays" }] });
  expect(auditDetail("team.settings-changed", JSON.stringify({ changed: ["secret"] }))).toBeNull();
  expect(auditDetail("team.settings-changed", "{}")).toBeNull();
});
