import { env } from "./env.server";

export function appOrigin(request: Request) {
  return env.APP_ORIGIN ?? new URL(request.url).origin;
}

/**
 * A write is foreign when its Origin is another site's (or "null"). Requests
 * without an Origin (scripts, old clients) pass unless the browser's
 * Sec-Fetch-Site says they came from another site; SameSite=Lax cookies cover the rest.
 */
export function isForeignOrigin(origin: string | null, fetchSite: string | null, ownOrigin: string) {
  if (origin !== null) return origin !== ownOrigin;
  return fetchSite === "cross-site";
}

export function forbiddenOriginPage() {
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>403 — Normwerk</title><link rel="stylesheet" href="/styles.css"></head><body><main id="main" class="error-page"><h1>Niet toegestaan</h1><p>Dit formulier is vanaf een andere site verstuurd en daarom geweigerd.</p><h2 lang="en">Not allowed</h2><p lang="en">This form was sent from another site, so it was refused.</p><p><a href="/">Normwerk</a></p></main></body></html>`;
}
