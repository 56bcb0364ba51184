// The route modules under app/routes and the URLs Remix v2 flat routes give them,
// so tests can cover every route, including ones added after the test was written.
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
export const routesDir = path.join(root, "app/routes");

export type RouteModule = { file: string; id: string; source: string };

/** Every route module: app/routes/<id>.tsx and app/routes/<id>/route.tsx (as remix.config.js's ignore list allows). */
export function routeModules(dir = routesDir): RouteModule[] {
  const out: RouteModule[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const file = ["route.tsx", "route.ts", "route.jsx", "route.js"].map((f) => path.join(full, f)).find((f) => fs.existsSync(f));
      if (file) out.push({ file, id: entry.name, source: fs.readFileSync(file, "utf8") });
    } else if (/\.(tsx|ts|jsx|js)$/.test(entry.name) && !/\.test\.(tsx?|jsx?)$/.test(entry.name)) {
      out.push({ file: full, id: entry.name.replace(/\.(tsx|ts|jsx|js)$/, ""), source: fs.readFileSync(full, "utf8") });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Whether a module's source exports an action, in any of the ways TypeScript allows. */
export function exportsAction(source: string) {
  return (
    /export\s+(async\s+)?function\s*\*?\s*action\b/.test(source) ||
    /export\s+(const|let|var)\s+action\b/.test(source) ||
    /export\s*\{[^}]*\b(action|\w+\s+as\s+action)\b[^}]*\}/.test(source)
  );
}

/**
 * The URL pattern of a flat route id: "teams.$team.members" → "/teams/:team/members".
 * `.` separates segments, `$x` is a param, a lone `$` the splat (`:*`), `_index` the index,
 * a leading `_` a pathless layout, a trailing `_` opts out of nesting, `(x)` is optional
 * (kept here), and `[...]` escapes (`agreement[.md]` → "agreement.md").
 */
export function urlPattern(routeId: string): string {
  const segments: { raw: string; escaped: boolean[] }[] = [];
  let raw = "";
  let escaped: boolean[] = [];
  let inBrackets = false;
  for (const ch of routeId) {
    if (ch === "[" && !inBrackets) inBrackets = true;
    else if (ch === "]" && inBrackets) inBrackets = false;
    else if (ch === "." && !inBrackets) {
      segments.push({ raw, escaped });
      raw = "";
      escaped = [];
    } else {
      raw += ch;
      escaped.push(inBrackets);
    }
  }
  segments.push({ raw, escaped });

  const parts: string[] = [];
  for (const { raw: seg, escaped: esc } of segments) {
    let text = seg;
    let marks = esc;
    if (text === "_index" && !marks[0]) continue;
    if (text.startsWith("_") && !marks[0]) continue;
    if (text.endsWith("_") && !marks[marks.length - 1]) {
      text = text.slice(0, -1);
      marks = marks.slice(0, -1);
    }
    if (text.startsWith("(") && text.endsWith(")") && !marks[0]) {
      text = text.slice(1, -1);
      marks = marks.slice(1, -1);
    }
    if (text.startsWith("$") && !marks[0]) {
      parts.push(text === "$" ? ":*" : `:${text.slice(1)}`);
    } else if (text !== "") {
      parts.push(text);
    }
  }
  return "/" + parts.join("/");
}

export function paramsOf(pattern: string): string[] {
  return pattern
    .split("/")
    .filter((p) => p.startsWith(":"))
    .map((p) => p.slice(1));
}

/** A concrete URL: every param filled from `values`; a param the map does not know is an error. */
export function fillParams(pattern: string, values: Record<string, string>): string {
  return pattern
    .split("/")
    .map((part) => {
      if (!part.startsWith(":")) return part;
      const name = part.slice(1);
      if (!(name in values)) throw new Error(`no value for :${name} in ${pattern}`);
      return encodeURIComponent(values[name]);
    })
    .join("/");
}
