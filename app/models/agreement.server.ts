import { and, asc, desc, eq, inArray, max, sql } from "drizzle-orm";
import {
  acknowledgements,
  agreementVersionNorms,
  agreementVersions,
  memberships,
  norms,
  normVersions,
  users,
} from "../../db/schema";
import type { DB } from "../../db/client";
import { db, preparedOnce, write } from "../db.server";
import { notFound } from "../permissions.server";
import type { SnapshotNorm } from "../domain/agreement";
import { audit } from "./audit.server";
import { normVersionOn } from "./norms.server";

/** The team's latest agreement version number, 0 before the first norm was adopted. */
export function latestVersionTx(tx: DB, teamId: string) {
  return tx.select({ v: max(agreementVersions.version) }).from(agreementVersions).where(eq(agreementVersions.teamId, teamId)).get()?.v ?? 0;
}

/**
 * A new agreement version after an adopted proposal: a change-log row and a
 * snapshot of which norm versions it holds (the previous snapshot with the one
 * norm swapped, added or left out), so old versions read exactly as they were.
 */
export function publishAgreementVersionTx(
  tx: DB,
  input: {
    teamId: string;
    actorId: string | null;
    proposalId: number | null;
    changeKind: "add" | "change" | "retire";
    normId: number;
    normCode: string;
    normVersion: number;
    at: number;
  },
) {
  const previous = latestVersionTx(tx, input.teamId);
  const version = previous + 1;
  tx.insert(agreementVersions)
    .values({
      teamId: input.teamId,
      version,
      proposalId: input.proposalId,
      changeKind: input.changeKind,
      normId: input.normId,
      normVersion: input.normVersion,
      createdAt: input.at,
    })
    .run();
  tx.run(sql`
    INSERT INTO agreement_version_norms (team_id, version, norm_id, norm_version)
    SELECT team_id, ${version}, norm_id, norm_version FROM agreement_version_norms
    WHERE team_id = ${input.teamId} AND version = ${previous} AND norm_id <> ${input.normId}`);
  if (input.changeKind !== "retire") {
    tx.insert(agreementVersionNorms)
      .values({ teamId: input.teamId, version, normId: input.normId, normVersion: input.normVersion })
      .run();
  }
  audit(tx, {
    teamId: input.teamId,
    actorId: input.actorId,
    kind: "agreement.version-created",
    subject: `v${version}`,
    data: { change: input.changeKind, norm: input.normCode, normVersion: input.normVersion, proposalId: input.proposalId },
    at: input.at,
  });
  return version;
}

export type AgreementNorm = SnapshotNorm & { versionCreatedAt: number };

/** The norms of several agreement versions at once (one statement), keyed by agreement version. */
function snapshots(teamId: string, versions: number[]) {
  const rows = versions.length
    ? db
        .select({
          agreementVersion: agreementVersionNorms.version,
          normId: norms.id,
          code: norms.code,
          version: normVersions.version,
          title: normVersions.title,
          body: normVersions.body,
          category: normVersions.category,
          versionCreatedAt: normVersions.createdAt,
        })
        .from(agreementVersionNorms)
        .innerJoin(norms, eq(norms.id, agreementVersionNorms.normId))
        .innerJoin(normVersions, normVersionOn(agreementVersionNorms.normId, agreementVersionNorms.normVersion))
        .where(and(eq(agreementVersionNorms.teamId, teamId), inArray(agreementVersionNorms.version, versions)))
        .orderBy(asc(norms.number))
        .all()
    : [];
  const byVersion = new Map<number, AgreementNorm[]>(versions.map((v) => [v, []]));
  for (const { agreementVersion, ...norm } of rows) byVersion.get(agreementVersion)?.push(norm);
  return byVersion;
}

function versionRow(teamId: string, version: number) {
  return (
    db
      .select({ version: agreementVersions.version, createdAt: agreementVersions.createdAt })
      .from(agreementVersions)
      .where(and(eq(agreementVersions.teamId, teamId), eq(agreementVersions.version, version)))
      .get() ?? null
  );
}

/** The version a member last confirmed having read, or null. */
function lastAcknowledged(teamId: string, userId: string) {
  return (
    db
      .select({ version: acknowledgements.version, at: acknowledgements.at })
      .from(acknowledgements)
      .where(and(eq(acknowledgements.teamId, teamId), eq(acknowledgements.userId, userId)))
      .orderBy(desc(acknowledgements.version))
      .limit(1)
      .get() ?? null
  );
}

/**
 * Everything the agreement page shows, in a fixed number of statements: the
 * requested (or latest) version, the member's last acknowledgement, the norms
 * of the shown version and of that acknowledged version (for "what changed"),
 * and for leads who has acknowledged the latest version.
 * Returns null when the requested version does not exist.
 */
export function getAgreementPage(teamId: string, userId: string, requested: number | null, isLead: boolean) {
  const latest = latestVersionTx(db, teamId);
  const shownVersion = requested ?? latest;
  if (requested !== null && (requested < 1 || requested > latest)) return null;
  const shown = shownVersion > 0 ? versionRow(teamId, shownVersion) : null;
  const acknowledged = lastAcknowledged(teamId, userId);
  const isLatest = shownVersion === latest;
  const compareWith = isLatest && acknowledged && acknowledged.version < latest ? acknowledged.version : null;
  const snaps = snapshots(teamId, compareWith ? [shownVersion, compareWith] : shownVersion > 0 ? [shownVersion] : []);
  const coverage = isLead && latest > 0 ? acknowledgementCoverage(teamId, latest) : null;
  return {
    latest,
    isLatest,
    shown,
    norms: snaps.get(shownVersion) ?? [],
    acknowledged,
    previousNorms: compareWith ? (snaps.get(compareWith) ?? []) : null,
    coverage,
  };
}

/** The norms of one agreement version, for the Markdown export; null when it does not exist. */
export function getAgreementVersion(teamId: string, requested: number | null) {
  const latest = latestVersionTx(db, teamId);
  const version = requested ?? latest;
  if (requested !== null && (requested < 1 || requested > latest)) return null;
  const shown = version > 0 ? versionRow(teamId, version) : null;
  return { latest, shown, norms: shown ? (snapshots(teamId, [version]).get(version) ?? []) : [] };
}

/**
 * Members with the time they acknowledged `version` (null when they have not) and the
 * latest version they did acknowledge (null: none), one statement: a lead tells someone
 * who fell behind from someone who never read it.
 */
function acknowledgementCoverage(teamId: string, version: number) {
  const lastRead = sql<number | null>`(select max(a.version) from ${acknowledgements} a
    where a.team_id = ${memberships.teamId} and a.user_id = ${memberships.userId})`;
  return db
    .select({ userId: users.id, name: users.name, role: memberships.role, at: acknowledgements.at, lastRead })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .leftJoin(
      acknowledgements,
      and(
        eq(acknowledgements.teamId, memberships.teamId),
        eq(acknowledgements.userId, memberships.userId),
        eq(acknowledgements.version, version),
      ),
    )
    .where(eq(memberships.teamId, teamId))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** Every agreement version with its change-log entry, newest first (one statement). */
export function getAgreementHistory(teamId: string) {
  return db
    .select({
      version: agreementVersions.version,
      createdAt: agreementVersions.createdAt,
      changeKind: agreementVersions.changeKind,
      proposalId: agreementVersions.proposalId,
      code: norms.code,
      normVersion: agreementVersions.normVersion,
      title: normVersions.title,
    })
    .from(agreementVersions)
    .leftJoin(norms, eq(norms.id, agreementVersions.normId))
    .leftJoin(normVersions, normVersionOn(agreementVersions.normId, agreementVersions.normVersion))
    .where(eq(agreementVersions.teamId, teamId))
    .orderBy(desc(agreementVersions.version))
    .all();
}

export type AcknowledgeResult = "ok" | "already" | "no-such-version";

/** "I have read version N": once per member and version. */
export function acknowledge(teamId: string, userId: string, version: number, now = Date.now()): AcknowledgeResult {
  return write((tx) => acknowledgeTx(tx, teamId, userId, version, now));
}

export function acknowledgeTx(tx: DB, teamId: string, userId: string, version: number, now: number): AcknowledgeResult {
  const exists = tx
    .select({ v: agreementVersions.version })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.teamId, teamId), eq(agreementVersions.version, version)))
    .get();
  if (!exists) return "no-such-version";
  const res = tx.insert(acknowledgements).values({ teamId, userId, version, at: now }).onConflictDoNothing().run();
  if (res.changes !== 1) return "already";
  audit(tx, { teamId, actorId: userId, kind: "agreement.acknowledged", subject: `v${version}`, data: { version }, at: now });
  return "ok";
}

// The team home asks this on every visit: built once (see preparedOnce).
const agreementTodoQuery = preparedOnce(() =>
  db
    .select({
      latest: max(agreementVersions.version),
      mine: sql<number | null>`(select max(${acknowledgements.version}) from ${acknowledgements}
        where ${acknowledgements.teamId} = ${sql.placeholder("teamId")} and ${acknowledgements.userId} = ${sql.placeholder("userId")})`,
      // For a lead's follow-up: how many of today's members confirmed the latest version.
      // A few index look-ups, cheaper than a statement of its own.
      members: sql<number>`(select count(*) from ${memberships} where ${memberships.teamId} = ${sql.placeholder("teamId")})`,
      // Aliased: drizzle leaves a single-table query's columns unqualified, which a join here would make ambiguous.
      confirmed: sql<number>`(select count(*) from ${memberships} m inner join ${acknowledgements} a
        on a.team_id = m.team_id and a.user_id = m.user_id
        where m.team_id = ${sql.placeholder("teamId")}
          and a.version = (select max(v.version) from ${agreementVersions} v where v.team_id = ${sql.placeholder("teamId")}))`,
    })
    .from(agreementVersions)
    .where(eq(agreementVersions.teamId, sql.placeholder("teamId")))
    .prepare(),
);

/** For the team home: the latest version, whether this member has confirmed reading it, and how many members have (one statement). */
export function agreementTodo(teamId: string, userId: string) {
  const row = agreementTodoQuery().get({ teamId, userId });
  const latest = row?.latest ?? 0;
  return {
    latest,
    acknowledged: row?.mine ?? null,
    needsReading: latest > 0 && (row?.mine ?? 0) < latest,
    coverage: { members: row?.members ?? 0, confirmed: row?.confirmed ?? 0 },
  };
}

/** `?version=N`: absent → the latest (null); anything but a positive whole number → 404. */
export function parseVersionParam(value: string | null): number | null {
  if (value === null) return null;
  if (!/^[1-9]\d{0,8}$/.test(value)) notFound();
  return Number(value);
}
