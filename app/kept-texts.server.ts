// A post that arrives after its session ended (signed out in another tab, the session
// expired) is answered as the contract says, 303 to /login, and the form it came from
// is gone. What it said is kept a while for the browser that sent it (a random id in a
// cookie), and the sign-in page gives it back to copy: nothing a user wrote is lost to
// a sign-out (decision 083). In memory: one process, like the read gate (decision 070).
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { secureCookies } from "./env.server";
import { unsavedTexts, type UnsavedText } from "./unsaved-text";

const KEEP_MS = 30 * 60_000;
// Bounded, as anyone can send a post without a session: the oldest go first.
const MAX_CHARS = 5_000_000;
const MAX_ENTRY_CHARS = 250_000;
const kept = new Map<string, { texts: UnsavedText[]; until: number; chars: number }>();
let keptChars = 0;

const keptCookie = createCookie("normwerk_kept", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  maxAge: KEEP_MS / 1000,
});

/** Keeps the free texts of a post refused for want of a session; the cookie to send, or null when it had none. */
export async function keepPostedTexts(request: Request, now = Date.now()): Promise<string | null> {
  // The action has not read the body yet: the session is checked before anything else.
  const form = await request.formData().catch(() => null);
  const texts = form ? unsavedTexts(form) : [];
  const chars = texts.reduce((n, t) => n + t.value.length, 0);
  if (texts.length === 0 || chars > MAX_ENTRY_CHARS) return null;
  for (const [id, entry] of kept) {
    if (entry.until > now && keptChars + chars <= MAX_CHARS) break;
    kept.delete(id);
    keptChars -= entry.chars;
  }
  const id = randomBytes(18).toString("base64url");
  kept.set(id, { texts, until: now + KEEP_MS, chars });
  keptChars += chars;
  return keptCookie.serialize(id);
}

/** What this browser sent after its session had ended, within the last half hour. */
export async function keptTextsOf(request: Request, now = Date.now()): Promise<UnsavedText[]> {
  const header = request.headers.get("Cookie");
  // Most sign-in pages carry no such cookie: no parsing for them.
  if (!header?.includes("normwerk_kept=")) return [];
  const id: unknown = await keptCookie.parse(header);
  const entry = typeof id === "string" ? kept.get(id) : undefined;
  return entry && entry.until > now ? entry.texts : [];
}
