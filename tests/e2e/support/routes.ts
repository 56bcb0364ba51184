// The app's URL patterns, read from app/routes (Remix v2 flat routes), so the crawl
// can tell "another proposal page" from "a new kind of page" without a hand-kept list.
import fs from "node:fs";
import path from "node:path";

const routesDir = path.resolve(import.meta.dirname, "../../../app/routes");

export type RoutePattern = { id: string; regex: RegExp; staticSegments: number; splat: boolean };

/** `teams.$team.agreement[.md]` → /teams/:team/agreement.md; pathless `_layout` parts and `_index` vanish. */
export function routePattern(id: string): RoutePattern {
  const segments: string[] = [];
  let current = "";
  let escaped = false;
  for (const ch of id) {
    if (ch === "[") escaped = true;
    else if (ch === "]") escaped = false;
    else if (ch === "." && !escaped) {
      segments.push(current);
      current = "";
    } else current += ch;
  }
  segments.push(current);
  let staticSegments = 0;
  let splat = false;
  const parts = segments
    .filter((s) => s !== "_index" && !s.startsWith("_"))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      if (s === "$") {
        splat = true;
        return ".*";
      }
      if (s.startsWith("$")) return "[^/]+";
      staticSegments++;
      return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
  return { id, regex: new RegExp(`^/${parts.join("/")}/?$`), staticSegments, splat };
}

export function appRoutes(): RoutePattern[] {
  return fs
    .readdirSync(routesDir, { withFileTypes: true })
    .flatMap((entry) => {
      if (entry.isDirectory()) {
        const hasRoute = ["route.tsx", "route.ts", "route.jsx", "route.js"].some((f) =>
          fs.existsSync(path.join(routesDir, entry.name, f))
        );
        return hasRoute ? [entry.name] : [];
      }
      return /\.(tsx?|jsx?)$/.test(entry.name) ? [entry.name.replace(/\.(tsx?|jsx?)$/, "")] : [];
    })
    .map(routePattern);
}

/**
 * The most specific route for a path (static segments beat parameters, as in Remix), or
 * null. Catch-all (splat) routes are left out: the app's `$.tsx` only turns unknown URLs into 404s.
 */
export function matchRoute(routes: RoutePattern[], pathname: string): RoutePattern | null {
  let best: RoutePattern | null = null;
  for (const r of routes) {
    if (!r.splat && r.regex.test(pathname) && (!best || r.staticSegments > best.staticSegments)) best = r;
  }
  return best;
}
