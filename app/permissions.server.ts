import type { Params } from "@remix-run/react";
import { asc, eq, sql } from "drizzle-orm";
import { memberships, teams } from "../db/schema";
import { requireUser, type SessionUser } from "./auth.server";
import { db, preparedOnce } from "./db.server";
import { oncePerRead } from "./request-scope.server";

export type Team = typeof teams.$inferSelect;
export type Role = "lead" | "member";
export type TeamContext = { user: SessionUser; team: Team; role: Role; isLead: boolean };

export function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

// The user's teams with their role, by name: the page shell's team menu (root loader)
// and the membership check of the page's loader, one statement per page view (see
// request-scope.server.ts). Built once (see preparedOnce).
const teamsWithRole = preparedOnce(() =>
  db
    .select({ team: teams, role: memberships.role })
    .from(memberships)
    .innerJoin(teams, eq(teams.id, memberships.teamId))
    .where(eq(memberships.userId, sql.placeholder("userId")))
    .orderBy(asc(teams.name))
    .prepare(),
);

/** The teams the signed-in user belongs to, with their role, ordered by name. */
export function teamsOfUser(request: Request, userId: string): { team: Team; role: Role }[] {
  return oncePerRead(request, `teams:${userId}`, () => teamsWithRole().all({ userId }));
}

/**
 * Signed in (else 303 to /login), same Origin on writes (else 403), member of
 * :team (else 404: an outsider learns nothing, not even that the team exists).
 * Every team loader and action starts here.
 */
export async function requireMember(request: Request, params: Params): Promise<TeamContext> {
  const user = await requireUser(request);
  const teamId = params.team;
  if (!teamId) notFound();
  const row = teamsOfUser(request, user.id).find((t) => t.team.id === teamId);
  if (!row) notFound();
  return { user, team: row.team, role: row.role, isLead: row.role === "lead" };
}

/** As requireMember, and a lead of the team (else 403). */
export async function requireLead(request: Request, params: Params): Promise<TeamContext> {
  const ctx = await requireMember(request, params);
  if (!ctx.isLead) forbidden();
  return ctx;
}
