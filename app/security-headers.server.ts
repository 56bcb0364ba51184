// The headers every HTML answer carries, whether Remix rendered it (entry.server.tsx)
// or the express server answered before Remix ran (server.ts): decision 080.

export const SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
  // Pages show a team's results, notes and votes: none may stay in a shared computer's
  // cache, or come back with the Back button after signing out or after a save.
  "Cache-Control": "private, no-store",
} as const;

// What both policies forbid: being framed, a <base> that moves relative links, and
// forms that post anywhere but here.
const ALWAYS = ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];

const LIVE_RELOAD = process.env.NODE_ENV === "development" ? " ws://localhost:*" : "";

/**
 * A page's policy (defence in depth behind the Markdown sanitizer): only our own files
 * and the inline scripts carrying this response's nonce run, nothing loads from elsewhere.
 */
export function pagePolicy(nonce: string) {
  return ["default-src 'self'", `script-src 'self' 'nonce-${nonce}'`, "style-src 'self'", `connect-src 'self'${LIVE_RELOAD}`, ...ALWAYS].join("; ");
}

/** The plain error pages answered before Remix: no script at all, only our stylesheet. */
export const PLAIN_PAGE_POLICY = ["default-src 'none'", "style-src 'self'", ...ALWAYS].join("; ");
