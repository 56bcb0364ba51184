// The only module that imports lucia, so sessions can move to a small module of
// our own later without touching routes (lucia v3 is deprecated upstream).
import { hash, verify } from "@node-rs/argon2";
import { DrizzleSQLiteAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { redirect } from "@remix-run/node";
import { and, eq, ne, sql } from "drizzle-orm";
import { sessions, users } from "../db/schema";
import { db, preparedOnce, write } from "./db.server";
import { secureCookies } from "./env.server";
import { keepPostedTexts } from "./kept-texts.server";
import { oncePerRead } from "./request-scope.server";
import { safeRedirect } from "./safe-redirect";

export { safeRedirect };

// Every signed-in request looks its session up; the stock adapter builds two
// queries for that each time (session, then user). One join, built once, does it.
const sessionAndUser = preparedOnce(() =>
  db
    .select({
      id: sessions.id,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      email: users.email,
      name: users.name,
      language: users.language,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare(),
);

class SessionAdapter extends DrizzleSQLiteAdapter {
  override async getSessionAndUser(sessionId: string): ReturnType<DrizzleSQLiteAdapter["getSessionAndUser"]> {
    const row = sessionAndUser().get({ sessionId });
    if (!row) return [null, null];
    return [
      { id: row.id, userId: row.userId, expiresAt: new Date(row.expiresAt * 1000), attributes: {} },
      { id: row.userId, attributes: { email: row.email, name: row.name, language: row.language } },
    ];
  }
}

const adapter = new SessionAdapter(db, sessions, users);

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "normwerk_session",
    expires: true,
    attributes: { secure: secureCookies, sameSite: "lax" },
  },
  getUserAttributes: (attributes) => ({
    email: attributes.email,
    name: attributes.name,
    language: attributes.language,
  }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      email: string;
      name: string;
      language: "en" | "nl" | null;
    };
  }
}

export type SessionUser = { id: string; email: string; name: string; language: "en" | "nl" | null };

const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A real hash to verify against when the e-mail is unknown, so both failures take as long.
let dummyHash: Promise<string> | undefined;
export function timingSafeDummyVerify(password: string) {
  dummyHash ??= hashPassword("normwerk-dummy-password");
  return dummyHash.then((h) => verifyPassword(h, password));
}

type CurrentSession = { user: SessionUser; sessionId: string; setCookie: string | null } | null;

// One lookup per page view although the root loader and the page's loader both ask
// (see request-scope.server.ts), and per Request object in an action.
const cache = new WeakMap<Request, Promise<CurrentSession>>();

export function getCurrentSession(request: Request): Promise<CurrentSession> {
  return oncePerRead(request, "session", () => {
    let pending = cache.get(request);
    if (!pending) {
      pending = readSession(request);
      cache.set(request, pending);
    }
    return pending;
  });
}

// lucia decodes every cookie of the request and throws on one badly escaped
// cookie (perhaps set by another app on the same host); ours never needs decoding.
function readSessionId(cookieHeader: string) {
  const match = new RegExp(`(?:^|;)\\s*${lucia.sessionCookieName}=([A-Za-z0-9]+)\\s*(?:;|$)`).exec(cookieHeader);
  return match?.[1] ?? null;
}

async function readSession(request: Request): Promise<CurrentSession> {
  const sessionId = readSessionId(request.headers.get("Cookie") ?? "");
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return null;
  // Sliding renewal: lucia extends a session past half its life and marks it fresh.
  const setCookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : null;
  return { user, sessionId: session.id, setCookie };
}

/** The signed-in user, or a 303 to /login?redirectTo=<this page>. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const current = await getCurrentSession(request);
  if (!current) {
    const url = new URL(request.url);
    // Only a way back that login will accept (a very long URL is not): else plain /login.
    const back = safeRedirect(request.method === "GET" ? url.pathname + url.search : url.pathname, "");
    const headers = new Headers();
    const kept = request.method === "POST" ? await keepPostedTexts(request) : null;
    if (kept) headers.append("Set-Cookie", kept);
    throw redirect(back ? `/login?redirectTo=${encodeURIComponent(back)}` : "/login", { status: 303, headers });
  }
  return current.user;
}

export async function startSession(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const current = await getCurrentSession(request);
  if (current) await lucia.invalidateSession(current.sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** A new password; in the same transaction every other session of the user ends. */
export async function changePassword(userId: string, newPassword: string, keepSessionId: string) {
  const passwordHash = await hashPassword(newPassword);
  write((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    tx.delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
      .run();
  });
}

export async function currentSessionId(request: Request) {
  return (await getCurrentSession(request))?.sessionId ?? null;
}

export function findUserByEmail(email: string) {
  return db.select().from(users).where(eq(users.email, email)).get();
}
