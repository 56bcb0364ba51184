import { and, asc, desc, eq, max, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { agreementVersions, norms, normVersions, proposals, teams, users, type NormCategory } from "../../db/schema";
import type { DB } from "../../db/client";
import { db, preparedOnce } from "../db.server";
import { assignNormNumber, normCode } from "../domain/norms";
import { audit } from "./audit.server";

export type NormText = { title: string; body: string; category: NormCategory };

/** Join condition for "version `version` of norm `normId`", whichever table holds the pair. */
export function normVersionOn(normId: SQLiteColumn, version: SQLiteColumn) {
  return and(eq(normVersions.normId, normId), eq(normVersions.version, version));
}

const currentVersionJoin = normVersionOn(norms.id, norms.currentVersion);

// Read on most team pages, so built once (see preparedOnce). A statement prepared on
// `db` runs inside a caller's transaction too: better-sqlite3 has one connection.
const activeNormsQuery = preparedOnce(() =>
  db
    .select({
      id: norms.id,
      code: norms.code,
      number: norms.number,
      currentVersion: norms.currentVersion,
      title: normVersions.title,
      body: normVersions.body,
      category: normVersions.category,
    })
    .from(norms)
    .innerJoin(normVersions, currentVersionJoin)
    .where(and(eq(norms.teamId, sql.placeholder("teamId")), eq(norms.status, "active")))
    .orderBy(asc(norms.number))
    .prepare(),
);

/** Active norms with their current text, by code number (one statement); also inside a transaction. */
export function listActiveNorms(teamId: string) {
  return activeNormsQuery().all({ teamId });
}

const normBy = (key: "code" | "id") =>
  db
    .select({
      id: norms.id,
      code: norms.code,
      status: norms.status,
      currentVersion: norms.currentVersion,
      retiredAt: norms.retiredAt,
      createdAt: norms.createdAt,
      title: normVersions.title,
      body: normVersions.body,
      category: normVersions.category,
    })
    .from(norms)
    .innerJoin(normVersions, currentVersionJoin)
    .where(and(eq(norms.teamId, sql.placeholder("teamId")), eq(key === "code" ? norms.code : norms.id, sql.placeholder("key"))))
    .prepare();
const normByCode = preparedOnce(() => normBy("code"));
const normById = preparedOnce(() => normBy("id"));

/** One version's text of a norm, or null (the norm id is the team's, checked by the caller). */
export function normVersionText(tx: DB, normId: number, version: number): NormText | null {
  return (
    tx
      .select({ title: normVersions.title, body: normVersions.body, category: normVersions.category })
      .from(normVersions)
      .where(and(eq(normVersions.normId, normId), eq(normVersions.version, version)))
      .get() ?? null
  );
}

/** A norm of this team with its current text, or null (one statement); also inside a transaction. */
export function findNorm(teamId: string, by: { code: string } | { id: number }) {
  return ("code" in by ? normByCode().get({ teamId, key: by.code }) : normById().get({ teamId, key: by.id })) ?? null;
}

// The permalink page's queries, built once (see preparedOnce).
const proposalColumns = {
  id: proposals.id,
  kind: proposals.kind,
  status: proposals.status,
  body: proposals.body,
  authorName: users.name,
  closedAt: proposals.closedAt,
  decisionRule: proposals.decisionRule,
  quorumPercent: proposals.quorumPercent,
  memberCountAtClose: proposals.memberCountAtClose,
  tallyAgree: proposals.tallyAgree,
  tallyObject: proposals.tallyObject,
  tallyAbstain: proposals.tallyAbstain,
  outcomeReason: proposals.outcomeReason,
};

const normVersionRows = preparedOnce(() =>
  db
    .select({
      version: normVersions.version,
      title: normVersions.title,
      body: normVersions.body,
      category: normVersions.category,
      createdAt: normVersions.createdAt,
      proposal: proposalColumns,
    })
    .from(normVersions)
    .leftJoin(proposals, and(eq(proposals.id, normVersions.proposalId), eq(proposals.teamId, sql.placeholder("teamId"))))
    .leftJoin(users, eq(users.id, proposals.authorId))
    .where(and(eq(normVersions.teamId, sql.placeholder("teamId")), eq(normVersions.normId, sql.placeholder("normId"))))
    .orderBy(asc(normVersions.version))
    .prepare(),
);

const normProposalRows = preparedOnce(() =>
  db
    .select({
      id: proposals.id,
      kind: proposals.kind,
      status: proposals.status,
      title: proposals.title,
      authorName: users.name,
      createdAt: proposals.createdAt,
      closedAt: proposals.closedAt,
    })
    .from(proposals)
    .leftJoin(users, eq(users.id, proposals.authorId))
    .where(and(eq(proposals.teamId, sql.placeholder("teamId")), eq(proposals.normId, sql.placeholder("normId"))))
    .orderBy(desc(proposals.id))
    .prepare(),
);

/**
 * The permalink page: the norm, every version with the proposal and vote that
 * made it, the proposal that retired it, and every proposal about it. Four statements.
 */
export function getNormPage(teamId: string, code: string) {
  const norm = findNorm(teamId, { code });
  if (!norm) return null;
  const versions = normVersionRows()
    .all({ teamId, normId: norm.id })
    .map((v) => ({ ...v, proposal: v.proposal?.id ? v.proposal : null }));
  const retirement =
    norm.status === "retired"
      ? (db
          .select({ at: agreementVersions.createdAt, agreementVersion: agreementVersions.version, proposal: proposalColumns })
          .from(agreementVersions)
          .leftJoin(proposals, eq(proposals.id, agreementVersions.proposalId))
          .leftJoin(users, eq(users.id, proposals.authorId))
          .where(
            and(
              eq(agreementVersions.teamId, teamId),
              eq(agreementVersions.normId, norm.id),
              eq(agreementVersions.changeKind, "retire"),
            ),
          )
          .get() ?? null)
      : null;
  const related = normProposalRows().all({ teamId, normId: norm.id });
  return {
    norm,
    versions,
    retirement: retirement ? { ...retirement, proposal: retirement.proposal?.id ? retirement.proposal : null } : null,
    proposals: related,
  };
}

// ---------------------------------------------------------------- writes (inside the caller's transaction)

type WriteContext = { teamId: string; actorId: string | null; proposalId: number | null; at: number };

/** A new norm with the team's next code and its first version. */
export function createNormTx(tx: DB, ctx: WriteContext, text: NormText) {
  const team = tx.select({ next: teams.nextNormNumber }).from(teams).where(eq(teams.id, ctx.teamId)).get();
  const highest = tx.select({ n: max(norms.number) }).from(norms).where(eq(norms.teamId, ctx.teamId)).get()?.n ?? 0;
  const number = assignNormNumber(team?.next ?? 1, [highest]);
  const code = normCode(number);
  const norm = tx
    .insert(norms)
    .values({ teamId: ctx.teamId, number, code, status: "active", currentVersion: 1, createdAt: ctx.at })
    .returning({ id: norms.id })
    .get();
  tx.update(teams).set({ nextNormNumber: number + 1 }).where(eq(teams.id, ctx.teamId)).run();
  insertVersion(tx, ctx, norm.id, code, 1, text);
  return { normId: norm.id, code, version: 1 };
}

/** The next version of an existing norm; it becomes the current one. */
export function addNormVersionTx(tx: DB, ctx: WriteContext, norm: { id: number; code: string; currentVersion: number }, text: NormText) {
  const version = norm.currentVersion + 1;
  insertVersion(tx, ctx, norm.id, norm.code, version, text);
  tx.update(norms).set({ currentVersion: version }).where(and(eq(norms.id, norm.id), eq(norms.teamId, ctx.teamId))).run();
  return version;
}

export function retireNormTx(tx: DB, ctx: WriteContext, norm: { id: number; code: string; currentVersion: number }) {
  tx.update(norms)
    .set({ status: "retired", retiredAt: ctx.at })
    .where(and(eq(norms.id, norm.id), eq(norms.teamId, ctx.teamId)))
    .run();
  audit(tx, {
    teamId: ctx.teamId,
    actorId: ctx.actorId,
    kind: "norm.retired",
    subject: norm.code,
    data: { version: norm.currentVersion, proposalId: ctx.proposalId },
    at: ctx.at,
  });
}

function insertVersion(tx: DB, ctx: WriteContext, normId: number, code: string, version: number, text: NormText) {
  tx.insert(normVersions)
    .values({
      teamId: ctx.teamId,
      normId,
      version,
      title: text.title,
      body: text.body,
      category: text.category,
      proposalId: ctx.proposalId,
      createdAt: ctx.at,
    })
    .run();
  audit(tx, {
    teamId: ctx.teamId,
    actorId: ctx.actorId,
    kind: "norm.version-created",
    subject: code,
    data: { version, proposalId: ctx.proposalId },
    at: ctx.at,
  });
}
