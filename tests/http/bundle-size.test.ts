// The agreement page is what a new hire opens first, often on a phone: the
// JavaScript its first visit downloads stays under 100 KB gzipped (issue 6).
// Sizes are deterministic for a build, so this is a test, unlike timings.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function manifest() {
  const dir = path.join(root, "public/build");
  const file = fs.readdirSync(dir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("no build manifest: run `npm run build` (npm test does it first)");
  const source = fs.readFileSync(path.join(dir, file), "utf8");
  const parsed = JSON.parse(source.slice(source.indexOf("{"), source.lastIndexOf("}") + 1)) as {
    entry: { module: string; imports: string[] };
    routes: Record<string, { module: string; imports?: string[] }>;
  };
  return { ...parsed, url: `/build/${file}` };
}

function firstVisitGzipBytes(routeIds: string[]) {
  const m = manifest();
  // The page also loads the route manifest itself (decision 071).
  const files = new Set([m.url, m.entry.module, ...m.entry.imports]);
  for (const id of routeIds) {
    const route = m.routes[id];
    if (!route) throw new Error(`no route ${id} in the manifest`);
    files.add(route.module);
    for (const f of route.imports ?? []) files.add(f);
  }
  let total = 0;
  for (const f of files) total += zlib.gzipSync(fs.readFileSync(path.join(root, "public", f)), { level: 9 }).byteLength;
  return total;
}

test("a first visit to the agreement page downloads at most 100 KB of gzipped JavaScript", () => {
  const bytes = firstVisitGzipBytes(["root", "routes/teams.$team.agreement._index"]);
  expect(bytes, `${(bytes / 1024).toFixed(1)} KB`).toBeLessThanOrEqual(100 * 1024);
});
