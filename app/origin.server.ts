import { env } from "./env.server";
import type { MessageKey } from "./i18n";
import { serverT } from "./i18n/server";

export function appOrigin(request: Request) {
  return env.APP_ORIGIN ?? new URL(request.url).origin;
}

/**
 * A write is foreign when its Origin is another site's (or "null"). Requests
 * without an Origin (scripts, old clients) pass unless the browser's
 * Sec-Fetch-Site or the Referer says they came from another site; SameSite=Lax
 * cookies cover the rest.
 */
export function isForeignOrigin(
  origin: string | null,
  fetchSite: string | null,
  ownOrigin: string,
  referer: string | null = null,
) {
  if (origin !== null) return origin !== ownOrigin;
  if (fetchSite === "cross-site") return true;
  if (referer === null || referer === "") return false;
  return !URL.canParse(referer) || new URL(referer).origin !== ownOrigin;
}

const PLAIN_PAGES: Record<number, [MessageKey, MessageKey]> = {
  400: ["error.badRequest.title", "error.badRequest.body"],
  403: ["error.forbidden.title", "error.forbiddenOrigin.body"],
  405: ["error.badRequest.title", "error.method.body"],
  413: ["error.badRequest.title", "error.tooLarge.body"],
  415: ["error.badRequest.title", "error.unsupportedBody.body"],
  500: ["error.server.title", "error.server.body"],
};

/**
 * The page for a write the server refuses before Remix runs (no session or
 * language is known yet there), so it speaks Dutch and English at once.
 */
export function plainErrorPage(status: number, reason?: "host") {
  const [titleKey, pageBodyKey] = PLAIN_PAGES[status] ?? PLAIN_PAGES[status >= 500 ? 500 : 400];
  const bodyKey: MessageKey = reason === "host" ? "error.badHost.body" : pageBodyKey;
  const nl = serverT("nl");
  const en = serverT("en");
  return `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${status} — Normwerk</title><link rel="stylesheet" href="/styles.css"></head><body><main id="main" class="error-page"><p class="muted">${esc(nl("error.status", { status }))}</p><h1>${esc(nl(titleKey))}</h1><p>${esc(nl(bodyKey))}</p><h2 lang="en">${esc(en(titleKey))}</h2><p lang="en">${esc(en(bodyKey))}</p><p><a href="/">Normwerk</a></p></main></body></html>`;
}

function esc(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
