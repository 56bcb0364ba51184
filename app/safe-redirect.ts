/**
 * Where to send someone after a form: only a path on this site. "//host" and
 * "/\host" are other sites to a browser, and browsers drop tabs and newlines from
 * URLs ("/\t/host" becomes "//host"), so any control character is refused too.
 */
export function safeRedirect(to: unknown, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  return to;
}
