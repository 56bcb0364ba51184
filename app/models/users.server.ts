import { and, count, eq, gt, lt, lte } from "drizzle-orm";
import { loginAttempts, users } from "../../db/schema";
import { hashPassword, verifyPassword } from "../auth.server";
import type { DB } from "../../db/client";
import { db, write } from "../db.server";
import { randomId } from "../ids.server";

/** A new user's id, or null when the e-mail address is taken. */
export async function createUser(input: { email: string; name: string; password: string; language: "en" | "nl" | null }) {
  const passwordHash = await hashPassword(input.password);
  const id = randomId(16);
  const res = db
    .insert(users)
    .values({ id, email: input.email, name: input.name, passwordHash, language: input.language })
    .onConflictDoNothing({ target: users.email })
    .run();
  return res.changes === 1 ? id : null;
}

/**
 * The account a sign-up form sent twice made the first time (decision 074): the address
 * is taken by an account created since `since` with the same name and password. A double
 * click then signs in instead of answering "address taken" to the person who just took it.
 */
export async function repeatedSignUp(input: { email: string; name: string; password: string }, since: number, now = Date.now()) {
  const user = db
    .select({ id: users.id, name: users.name, passwordHash: users.passwordHash, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.email, input.email))
    .get();
  if (!user || user.name !== input.name || user.createdAt <= since) return null;
  // A password check like the sign-in's, so it counts against the same limit.
  const check = claimPasswordCheck(input.email, now);
  if (!("claim" in check)) return null;
  if (!(await verifyPassword(user.passwordHash, input.password))) return null;
  passwordCheckSucceeded(input.email, check.claim);
  return user.id;
}

export function getUser(id: string) {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function updateProfile(id: string, input: { name?: string; language?: "en" | "nl" | null }) {
  write((tx) => tx.update(users).set(input).where(eq(users.id, id)).run());
}

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES = 5;

/**
 * Failed sign-ins counted per e-mail in the database, so a restart does not reset them.
 * Returns the milliseconds to wait when the limit is reached, else 0.
 */
export function loginBlockedFor(email: string, now = Date.now(), tx: DB = db) {
  const since = now - LOGIN_WINDOW_MS;
  const rows = tx
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), gt(loginAttempts.at, since)))
    .orderBy(loginAttempts.at)
    .all();
  if (rows.length < LOGIN_MAX_FAILURES) return 0;
  // Blocked until enough of the failures have aged out of the window.
  const oldestThatCounts = rows[rows.length - LOGIN_MAX_FAILURES].at;
  return Math.max(1000, oldestThatCounts + LOGIN_WINDOW_MS - now);
}

/**
 * Before a password is checked: counted as a failure already, in the same transaction
 * as the look-up of the limit, until `passwordCheckSucceeded` takes it back. Counting only
 * after the (slow, asynchronous) check let guesses sent side by side all pass the limit
 * before any failure was written: a tester's 60 parallel guesses were all checked.
 * Returns the milliseconds to wait when the limit is reached (nothing was counted), or
 * the claim to hand to `passwordCheckSucceeded`.
 */
export function claimPasswordCheck(email: string, now = Date.now()): { waitMs: number } | { claim: number } {
  return write((tx) => {
    const waitMs = loginBlockedFor(email, now, tx);
    if (waitMs > 0) return { waitMs };
    const claim = Number(tx.insert(loginAttempts).values({ email, at: now }).run().lastInsertRowid);
    // Old rows are useless; trimming them here keeps the table small without a job.
    tx.delete(loginAttempts).where(lt(loginAttempts.at, now - LOGIN_WINDOW_MS)).run();
    return { claim };
  });
}

/**
 * The right password: the failures before it are forgotten, this check's claim with
 * them. Not the claims of checks still running beside it, which would give guesses sent
 * alongside a right one a fresh allowance.
 */
export function passwordCheckSucceeded(email: string, claim: number) {
  write((tx) => tx.delete(loginAttempts).where(and(eq(loginAttempts.email, email), lte(loginAttempts.id, claim))).run());
}

export function countUsers() {
  return db.select({ n: count() }).from(users).get()?.n ?? 0;
}
