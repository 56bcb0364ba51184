// npm run bench — builds, then for a 200-team and a 1-team scale file: starts the
// production server, signs in as a lead and a member of team 1, and measures the
// hot pages with autocannon against GET /login as the reference page.
//   npm run bench -- [--teams 200] [--rounds 3] [--duration 6] [--connections 50] [--reseed]
// This machine's speed drifts by a factor of two within minutes (shared cores), so
// every page is measured in several rounds, each page between two runs of the
// reference and on both files back to back, and the tables show medians: of the
// figures, and of each round's ratios.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import zlib from "node:zlib";
import autocannon from "autocannon";
import { hotPages, isCurrentScaleFile, SCALE_LEAD, SCALE_MEMBER, SCALE_PASSWORD, SCALE_TEAM, seedScale, ratingWrites } from "../support/scale";

const { values: args } = parseArgs({
  options: {
    teams: { type: "string", default: "200" },
    rounds: { type: "string", default: "3" },
    duration: { type: "string", default: "6" },
    warmup: { type: "string", default: "2" },
    connections: { type: "string", default: "50" },
    reseed: { type: "boolean", default: false },
  },
});
const root = path.resolve(import.meta.dirname, "../..");
const BIG = Number(args.teams);
const ROUNDS = Number(args.rounds);
const DURATION = Number(args.duration);
const WARMUP = Number(args.warmup);
const CONNECTIONS = Number(args.connections);

type Figures = { rps: number; p50: number; p99: number };
type Row = Figures & { page: string; ratio?: number };
type Run = { teams: number; rows: Row[]; writes: Row[]; jsGzipBytes: number; dictionaryGzipBytes: number };

function scaleFile(teams: number) {
  const file = path.join(root, `data/scale-${teams}.db`);
  const stale = fs.existsSync(file) && !isCurrentScaleFile(file);
  if (args.reseed || stale || !fs.existsSync(file)) {
    if (stale) console.log(`${path.relative(root, file)} was written by an older seed.`);
    console.log(`Seeding ${teams} team(s) into ${path.relative(root, file)} …`);
    const started = Date.now();
    seedScale(file, { teams });
    console.log(`  seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
    body: new URLSearchParams({ email, password: SCALE_PASSWORD }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith("normwerk_session="));
  if (res.status !== 303 || !cookie) throw new Error(`sign-in failed for ${email}: ${res.status}`);
  return cookie.split(";")[0];
}

// What Chromium asks for: pages are measured compressed, as browsers receive them
// (brotli, which the compression middleware prefers). Until 2026-11-30 the benchmark
// asked for none, so compressing a page did not count.
const BROWSER_ENCODINGS = "gzip, deflate, br, zstd";

async function measure(url: string, opts: { cookie?: string; method?: "GET" | "POST"; body?: string; connections?: number; duration?: number }): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: opts.connections ?? CONNECTIONS,
    duration: opts.duration ?? DURATION,
    method: opts.method ?? "GET",
    body: opts.body,
    headers: {
      "accept-encoding": BROWSER_ENCODINGS,
      ...(opts.cookie ? { cookie: opts.cookie } : {}),
      ...(opts.body ? { "content-type": "application/x-www-form-urlencoded", origin: new URL(url).origin } : {}),
    },
  });
  // A write answers 303; a refused one (4xx) or a failure (5xx) is fast and would flatter the figures.
  const bad = opts.method === "POST" ? result["4xx"] + result["5xx"] : result.non2xx;
  if (bad > 0) throw new Error(`${url}: ${bad} answers that are not ${opts.method === "POST" ? "a redirect" : "2xx"}`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Gzipped bytes of the JavaScript a first visit to `pagePath` downloads (scripts and module preloads). */
async function firstVisitJs(base: string, pagePath: string, cookie: string) {
  const html = await (await fetch(base + pagePath, { headers: { cookie } })).text();
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g)) srcs.add(m[1]);
  // Inline module scripts import the entry and route chunks; count those too.
  for (const m of html.matchAll(/import\s*(?:\*\s*as\s*\w+\s*from\s*)?"([^"]+\.js)"/g)) srcs.add(m[1]);
  const gzipped = async (src: string) => zlib.gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).byteLength;
  let js = 0;
  for (const src of srcs) js += await gzipped(src);
  // The dictionary is data, not JavaScript, but a first visit downloads it too (decision 073).
  const dictionary = /<link[^>]*href="(\/i18n\/[^"]+)"/.exec(html)?.[1];
  return { js, dictionary: dictionary ? await gzipped(dictionary) : 0 };
}

type Target = Awaited<ReturnType<typeof prepare>>;
type Write = { name: string; path: string; body: string };

async function expectAccepted(base: string, w: Write, cookie: string) {
  const res = await fetch(base + w.path, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: base },
    body: w.body,
  });
  if (res.status !== 303) throw new Error(`${w.name} ${w.path}: ${res.status} instead of 303`);
}

async function prepare(teams: number) {
  const file = scaleFile(teams);
  const pages = hotPages(file);
  const server = await startServer(file);
  try {
    const cookies = {
      visitor: undefined,
      lead: await signIn(server.url, SCALE_LEAD),
      member: await signIn(server.url, SCALE_MEMBER),
    };
    for (const page of pages) await measure(server.url + page.path, { cookie: cookies[page.as], duration: WARMUP, connections: 10 });
    const voting = pages.find((p) => p.name === "proposal in voting")!;
    const writes: Write[] = [
      { name: "vote (POST)", path: voting.path, body: "intent=vote&choice=agree&reason=" },
      { name: "self rating (POST)", ...ratingWrites(file).self },
    ];
    // autocannon counts a redirect as non-2xx, so check once that each write is
    // accepted (303 back to its page), not refused with a 400 that would be fast.
    for (const w of writes) await expectAccepted(server.url, w, cookies.member);
    return { teams, pages, writes, server, cookies };
  } catch (error) {
    server.stop();
    throw error;
  }
}

/**
 * Both files' servers run side by side (only one is ever under load) and every
 * measurement is taken on the two back to back, in alternating order: the machine's
 * speed drifts within minutes, and a page measured on the big file minutes before the
 * small one carries that drift into the p99 ratio (one run gave the reference page,
 * which reads no team data, a "ratio" of 2.15). Each round also measures the reference
 * between every two pages, and a page's ratio is to the mean of the two reference
 * runs beside it.
 */
async function benchmark(targets: Target[]) {
  const rounds = new Map<Target, Row[][]>(targets.map((t) => [t, []]));
  const p99Ratios: number[][] = [];
  // One measurement of a page on every target; which target goes first alternates
  // from one measurement to the next.
  let turn = 0;
  const onEach = async (round: number, name: string, run: (t: Target) => Promise<Figures>) => {
    const order = turn++ % 2 ? [...targets].reverse() : targets;
    const results = new Map<Target, Figures>();
    for (const t of order) {
      const r = await run(t);
      console.log(`  ${t.teams} team(s), round ${round}: ${name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms`);
      results.set(t, r);
    }
    return results;
  };
  const get = (t: Target, i: number) => measure(t.server.url + t.pages[i].path, { cookie: t.cookies[t.pages[i].as] });
  const names = targets[0].pages.map((p) => p.name);
  for (let round = 1; round <= ROUNDS; round++) {
    const refs = [await onEach(round, names[0], (t) => get(t, 0))];
    const rows = new Map<Target, Row[]>(targets.map((t) => [t, []]));
    for (let i = 1; i < names.length; i++) {
      const page = await onEach(round, names[i], (t) => get(t, i));
      const next = await onEach(round, names[0], (t) => get(t, 0));
      for (const t of targets) {
        const r = page.get(t)!;
        rows.get(t)!.push({ page: names[i], ...r, ratio: r.rps / ((refs[refs.length - 1].get(t)!.rps + next.get(t)!.rps) / 2) });
      }
      refs.push(next);
    }
    for (const t of targets) {
      // The reference's own row: its median run of the round, ratio 1 by definition.
      const own = refs.map((r) => r.get(t)!).sort((a, b) => a.rps - b.rps);
      rounds.get(t)!.push([{ page: names[0], ...own[Math.floor(own.length / 2)], ratio: 1 }, ...rows.get(t)!]);
    }
    // p99 ratios of back-to-back pairs; the reference's is the median of its pairs.
    const pairRatio = (m: Map<Target, { p99: number }>) => m.get(targets[0])!.p99 / Math.max(m.get(targets[1])!.p99, 1);
    const [big, small] = targets.map((t) => rounds.get(t)!.at(-1)!);
    p99Ratios.push([median(refs.map(pairRatio)), ...big.slice(1).map((r, i) => r.p99 / Math.max(small[i + 1].p99, 1))]);
  }
  // Writes under load: votes, then self ratings, by a member while other connections read the team home
  // page — the benchmark's full load (40 readers + 10 writers = 50 connections), and a
  // lighter one (8 readers + 2 writers) closer to a team's real traffic. In rounds too:
  // the p99 of one short run follows the machine's hiccups.
  const writeRuns = new Map<Target, Map<string, Figures[]>>(targets.map((t) => [t, new Map()]));
  const loads = [
    [40, 10],
    [8, 2],
  ] as const;
  for (let w = 0; w < targets[0].writes.length; w++) for (const [readers, writers] of loads) {
    const name = `${targets[0].writes[w].name}, ${writers} writers + ${readers} readers`;
    for (let round = 1; round <= ROUNDS; round++) {
      const results = await onEach(round, name, async (t) => {
        const write = t.writes[w];
        const teamHome = t.pages.find((p) => p.name === "team home")!;
        const readLoad = measure(t.server.url + teamHome.path, { cookie: t.cookies.member, connections: readers });
        const r = await measure(t.server.url + write.path, { cookie: t.cookies.member, method: "POST", body: write.body, connections: writers });
        await readLoad;
        return r;
      });
      for (const t of targets) {
        const runs = writeRuns.get(t)!;
        runs.set(name, [...(runs.get(name) ?? []), results.get(t)!]);
      }
    }
  }
  const runs: Run[] = [];
  for (const t of targets) {
    const rs = rounds.get(t)!;
    const firstVisit = await firstVisitJs(t.server.url, `/teams/${SCALE_TEAM}/agreement`, t.cookies.member);
    runs.push({
      teams: t.teams,
      rows: names.map((page, i) => ({ page, ...medians(rs.map((r) => r[i])), ratio: median(rs.map((r) => r[i].ratio!)) })),
      writes: [...writeRuns.get(t)!].map(([page, w]) => ({ page, ...medians(w) })),
      jsGzipBytes: firstVisit.js,
      dictionaryGzipBytes: firstVisit.dictionary,
    });
  }
  return { runs, p99Ratios: names.map((page, i) => ({ page, ratio: median(p99Ratios.map((r) => r[i])) })) };
}

function medians(runs: Figures[]): Figures {
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)) };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function table(run: Run) {
  const lines = [
    `| page (${run.teams} team${run.teams === 1 ? "" : "s"}), median of ${ROUNDS} rounds | req/s | p50 ms | p99 ms | req/s vs reference |`,
    "|---|---:|---:|---:|---:|",
    ...run.rows.map((r) => `| ${r.page} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${(r.ratio! * 100).toFixed(0)} % |`),
    ...run.writes.map((w) => `| ${w.page} | ${w.rps.toFixed(0)} | ${w.p50} | ${w.p99} | — |`),
  ];
  return lines.join("\n");
}

const targets: Target[] = [];
let result: Awaited<ReturnType<typeof benchmark>>;
try {
  for (const teams of [BIG, 1]) targets.push(await prepare(teams));
  result = await benchmark(targets);
} finally {
  for (const t of targets) t.server.stop();
}
const [big, one] = result.runs;
console.log(`\n${table(big)}\n\n${table(one)}\n`);
console.log(`| page | p99 ${BIG} teams / p99 1 team, median of each round's |\n|---|---:|`);
for (const r of result.p99Ratios) console.log(`| ${r.page} | ${r.ratio.toFixed(2)} |`);
console.log(`\nJavaScript on a first visit to the agreement page: ${(big.jsGzipBytes / 1024).toFixed(1)} KB gzipped`);
console.log(`and its language's dictionary (JSON, cached for good): ${(big.dictionaryGzipBytes / 1024).toFixed(1)} KB gzipped`);
console.log(`Machine: ${process.platform} ${process.arch}, ${(await import("node:os")).cpus().length} CPUs, Node ${process.version}; ${new Date().toISOString()}`);
