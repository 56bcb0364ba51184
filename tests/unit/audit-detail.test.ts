import { expect, test } from "vitest";
import { auditDetail, auditSubject } from "../../app/domain/audit";

test("a closed vote's row carries its outcome and proposal", () => {
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: 12, outcome: "adopted", reason: "majority", agree: 3 }))).toEqual({
    kind: "outcome",
    proposalId: 12,
    outcome: "adopted",
  });
  expect(auditDetail("proposal.closed", JSON.stringify({ proposalId: 4, outcome: "conflict" }))?.kind).toBe("outcome");
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
