// Longer than any page of ours with its query; a longer Location header is refused by
// proxies and by our own server (431) on the way back, so it is no use.
const MAX_LENGTH = 2000;
const BASE = "http://normwerk.invalid";

/**
 * Where to send someone after a form: only a path on this site. "//host" and
 * "/\host" are other sites to a browser, and browsers drop tabs and newlines from
 * URLs ("/\t/host" becomes "//host"), so any control character is refused too.
 * The path is then read the way a browser reads it (the WHATWG URL parser) and
 * must still be ours: "/.//host" normalises to "//host". What comes back is that
 * parsed form, percent-encoded, so a Location header never carries a character
 * it cannot hold ("/€" made the redirect itself throw).
 */
export function safeRedirect(to: unknown, fallback = "/") {
  if (typeof to !== "string" || to.length > MAX_LENGTH || !isLocalPath(to)) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  if (url.origin !== BASE || !isLocalPath(path) || path.length > MAX_LENGTH) return fallback;
  return path;
}

function isLocalPath(to: string) {
  return to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\");
}

/**
 * The `redirectTo` a sign-in or sign-up form carries on: after a refused post the one
 * it sent (it may have come in the body, not the URL), else the page URL's.
 */
export function carriedRedirectTo(sent: unknown, searchParams: URLSearchParams) {
  return typeof sent === "string" ? sent : (searchParams.get("redirectTo") ?? "");
}
