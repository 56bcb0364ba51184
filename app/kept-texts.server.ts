// A post that arrives after its session ended (signed out in another tab, the session
// expired) is answered as the contract says, 303 to /login, and the form it came from
// is gone. What it said is kept a while for the browser that sent it (a random id in a
// cookie), and the sign-in page gives it back to copy: nothing a user wrote is lost to
// a sign-out (decision 083). In memory: one process, like the read gate (decision 070).
import { randomBytes } from "node:crypto";
import { createCookie } from "@remix-run/node";
import { secureCookies } from "./env.server";
import { distinctTexts, unsavedTexts, type UnsavedText } from "./unsaved-text";

// Long enough for the redirect to the sign-in page, whatever the network.
const KEEP_MS = 10 * 60_000;
// Bounded, as anyone can send posts without a session: what an entry holds is counted
// with its field names and a share for the objects around it, and the oldest go first.
const MAX_UNITS = 5_000_000;
const MAX_ENTRY_UNITS = 250_000;
const MAX_TEXTS = 60;
const PER_TEXT = 64;
const PER_ENTRY = 200;
const kept = new Map<string, { texts: UnsavedText[]; until: number; units: number }>();
let keptUnits = 0;

// Path "/": the sign-in page's data, fetched by the browser's router, is at /login.data.
const keptCookie = createCookie("normwerk_kept", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  secure: secureCookies,
  maxAge: KEEP_MS / 1000,
});

const unitsOf = (texts: UnsavedText[]) => PER_ENTRY + texts.reduce((n, t) => n + PER_TEXT + t.value.length + (t.code?.length ?? 0), 0);

async function keptIdOf(request: Request): Promise<string | null> {
  const header = request.headers.get("Cookie");
  // Most requests carry no such cookie: no parsing for them.
  if (!header?.includes("normwerk_kept=")) return null;
  const id: unknown = await keptCookie.parse(header);
  return typeof id === "string" ? id : null;
}

/**
 * Keeps the free texts of a post refused for want of a session, after what this browser
 * had kept already (two tabs sent after a sign-out keep both); the cookie to send, or
 * null when the post had no text.
 */
export async function keepPostedTexts(request: Request, now = Date.now()): Promise<string | null> {
  // The action has not read the body yet: the session is checked before anything else.
  const form = await request.formData().catch(() => null);
  const sent = form ? unsavedTexts(form) : [];
  if (sent.length === 0) return null;
  const previousId = await keptIdOf(request);
  const previous = previousId ? kept.get(previousId) : undefined;
  const texts = distinctTexts([...(previous && previous.until > now ? previous.texts : []), ...sent]).slice(-MAX_TEXTS);
  const units = unitsOf(texts);
  if (units > MAX_ENTRY_UNITS) return null;
  if (previousId) forget(previousId);
  for (const [id, entry] of kept) {
    if (entry.until > now && keptUnits + units <= MAX_UNITS) break;
    forget(id);
  }
  const id = randomBytes(18).toString("base64url");
  kept.set(id, { texts, until: now + KEEP_MS, units });
  keptUnits += units;
  return keptCookie.serialize(id);
}

/**
 * What this browser sent after its session had ended, taken: the sign-in page shows it
 * once, right after the refused post, and a sign-in drops it. Kept any longer, the next
 * person at a shared computer would read it on the sign-in page (a lead's private note,
 * a rating). `setCookie` clears the cookie; null when the browser had none.
 */
export async function takeKeptTexts(request: Request, now = Date.now()): Promise<{ texts: UnsavedText[]; setCookie: string | null }> {
  const id = await keptIdOf(request);
  if (!id) return { texts: [], setCookie: null };
  const entry = kept.get(id);
  forget(id);
  return { texts: entry && entry.until > now ? entry.texts : [], setCookie: await keptCookie.serialize("", { maxAge: 0 }) };
}

function forget(id: string) {
  const entry = kept.get(id);
  if (!entry) return;
  kept.delete(id);
  keptUnits -= entry.units;
}
