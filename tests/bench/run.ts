// npm run bench — builds, then for a 200-team and a 1-team scale file: starts the
// production server, signs in as a lead and a member of team 1, and measures the
// hot pages with autocannon against GET /login as the reference page.
//   npm run bench -- [--teams 200] [--duration 10] [--connections 50] [--reseed]
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import Database from "better-sqlite3";

const { values: args } = parseArgs({
  options: {
    teams: { type: "string", default: "200" },
    duration: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    reseed: { type: "boolean", default: false },
  },
});
const root = path.resolve(import.meta.dirname, "../..");
const BIG = Number(args.teams);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);
const PASSWORD = "normwerk-scale";

type Row = { page: string; rps: number; p50: number; p99: number };
type Run = { teams: number; rows: Row[]; write: Row; jsGzipBytes: number };

function scaleFile(teams: number) {
  const file = path.join(root, `data/scale-${teams}.db`);
  if (args.reseed || !fs.existsSync(file)) {
    console.log(`Seeding ${teams} team(s) into ${path.relative(root, file)} …`);
    execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "seeds/scale.ts", "--teams", String(teams), "--out", file, "--quiet"], {
      cwd: root,
      stdio: "inherit",
    });
  }
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function startServer(dbFile: string) {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["build/index.js"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: dbFile },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/login`)).ok) return { url, stop: () => child.kill("SIGTERM") };
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("server did not start");
}

async function signIn(url: string, email: string) {
  const res = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({ email, password: PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("normwerk_session="));
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

async function measure(url: string, opts: { cookie?: string; method?: "GET" | "POST"; body?: string; connections?: number; duration?: number }) {
  const result = await autocannon({
    url,
    connections: opts.connections ?? CONNECTIONS,
    duration: opts.duration ?? DURATION,
    method: opts.method ?? "GET",
    body: opts.body,
    headers: {
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body ? { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin } : {}),
    },
  });
  const bad = result.non2xx;
  if (bad > 0 && opts.method !== "POST") throw new Error(`${url}: ${bad} non-2xx answers`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Gzipped bytes of the JavaScript a first visit to `pagePath` downloads (scripts and module preloads). */
async function firstVisitJs(base: string, pagePath: string, cookie: string) {
  const html = await (await fetch(base + pagePath, { headers: { cookie } })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)) srcs.add(m[1]);
  // Inline module scripts import the entry and route chunks; count those too.
  for (const m of html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"([^"]+\.js)"/g)) srcs.add(m[1]);
  let total = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer());
    total += zlib.gzipSync(body, { level: 9 }).byteLength;
  }
  return total;
}

async function benchmark(teams: number): Promise<Run> {
  const file = scaleFile(teams);
  const sql = new Database(file, { readonly: true });
  const teamId = "scale-t0001";
  const proposal = sql.prepare("select id from proposals where team_id = ? and status = 'voting' order by id limit 1").get(teamId) as { id: number };
  const cycle = sql.prepare("select id from checkin_cycles where team_id = ? and status = 'closed' order by id desc limit 1").get(teamId) as { id: number };
  const member = sql.prepare("select id from users where email = ?").get("m01.t0001@scale.test") as { id: string };
  sql.close();

  const server = await startServer(file);
  try {
    const lead = await signIn(server.url, "lead.t0001@scale.test");
    const memberCookie = await signIn(server.url, "m01.t0001@scale.test");
    const base = `${server.url}/teams/${teamId}`;
    const pages: [string, string, string | undefined][] = [
      ["GET /login (reference)", `${server.url}/login`, undefined],
      ["team home (member)", base, memberCookie],
      ["agreement (member)", `${base}/agreement`, memberCookie],
      ["norm permalink", `${base}/norms/N-1`, memberCookie],
      ["proposal in voting", `${base}/proposals/${proposal.id}`, memberCookie],
      ["check-in results (lead)", `${base}/checkins/${cycle.id}/results`, lead],
      ["conversation (lead)", `${base}/checkins/${cycle.id}/conversations/${member.id}`, lead],
    ];
    const rows: Row[] = [];
    for (const [page, url, cookie] of pages) {
      await measure(url, { cookie, duration: WARMUP, connections: 10 });
      const r = await measure(url, { cookie });
      rows.push({ page, ...r });
      console.log(`  ${teams} team(s): ${page.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`);
    }
    // A write under load: votes by a member while 40 connections read the team home page.
    const readLoad = measure(base, { cookie: memberCookie, connections: 40 });
    const write = await measure(`${base}/proposals/${proposal.id}`, {
      cookie: memberCookie,
      method: "POST",
      body: "intent=vote&choice=agree&reason=",
      connections: 10,
    });
    await readLoad;
    const jsGzipBytes = await firstVisitJs(server.url, `/teams/${teamId}/agreement`, memberCookie);
    return { teams, rows, write: { page: "vote (POST) under read load", ...write }, jsGzipBytes };
  } finally {
    server.stop();
  }
}

function table(run: Run) {
  const ref = run.rows[0].rps;
  const lines = [
    `| page (${run.teams} team${run.teams === 1 ? "" : "s"}) | req/s | p50 ms | p99 ms | req/s vs reference |`,
    "|---|---:|---:|---:|---:|",
    ...run.rows.map((r) => `| ${r.page} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${((r.rps / ref) * 100).toFixed(0)} % |`),
    `| ${run.write.page} | ${run.write.rps.toFixed(0)} | ${run.write.p50} | ${run.write.p99} | — |`,
  ];
  return lines.join("\n");
}

const big = await benchmark(BIG);
const one = await benchmark(1);
console.log(`\n${table(big)}\n\n${table(one)}\n`);
console.log(`| page | p99 ${BIG} teams / p99 1 team |\n|---|---:|`);
for (const r of big.rows) {
  const small = one.rows.find((x) => x.page === r.page)!;
  console.log(`| ${r.page} | ${(r.p99 / Math.max(small.p99, 1)).toFixed(2)} |`);
}
console.log(`\nJavaScript on a first visit to the agreement page: ${(big.jsGzipBytes / 1024).toFixed(1)} KB gzipped`);
console.log(`Machine: ${process.platform} ${process.arch}, ${(await import("node:os")).cpus().length} CPUs, Node ${process.version}; ${new Date().toISOString()}`);
