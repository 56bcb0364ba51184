// The production server. remix.config.js compiles it, with the whole app, into
// build/index.js, so `node build/index.js` is all it takes to run Normwerk.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { broadcastDevReady, createRequestHandler, type ServerBuild } from "@remix-run/node";
import * as build from "@remix-run/dev/server-build";
import compression from "compression";
import express, { type NextFunction, type Request, type Response } from "express";
import { statementCounter } from "../db/client";
// Opens the database and runs its migrations before the server listens.
import "./db.server";
import { env } from "./env.server";
import { postedForm, sendFetchResponse, toFetchRequest } from "./http.server";
import { unsavedTexts, type ServerLoadContext } from "./unsaved-text";
import { isForeignOrigin, plainErrorPage } from "./origin.server";
import { PLAIN_PAGE_POLICY, SECURITY_HEADERS } from "./security-headers.server";
import { createGate, gateReads } from "./read-gate.server";
import { inReadScope } from "./request-scope.server";
import { startSweeper } from "./sweep.server";
import { demoSignIns, seedDemoIfEmpty } from "../seeds/demo";

const root = process.env.NORMWERK_ROOT ?? process.cwd();
const READS_IN_FLIGHT = 4;
const app = express();
app.disable("x-powered-by");
app.set("trust proxy", env.APP_ORIGIN ? 1 : false);
// Level 4: on our pages it sends ~4 % more bytes than the default 6 for half the
// CPU time (measured on a conversation page), and CPU is what a busy server lacks.
app.use(compression({ level: 4 }));

app.use("/build", express.static(path.join(root, "public/build"), { immutable: true, maxAge: "1y" }));
// Only the public folder's own files (styles.css, favicon.svg): express.static would
// otherwise look every page's path up on disk first, a failed stat per page view.
// No redirect for folders: "/teams/..%2F" would otherwise get a 301 to the public folder's own path.
const publicDir = path.join(root, "public");
const publicFiles = new Set(fs.readdirSync(publicDir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `/${e.name}`));
const servePublic = express.static(publicDir, { maxAge: "1h", index: false, redirect: false });
app.use((req: Request, res: Response, next: NextFunction) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));

// The pages answered here, before Remix, carry the same headers as every page (decision 080).
function sendPlainError(res: Response, status: number, reason?: "host") {
  res
    .status(status)
    .set({ ...SECURITY_HEADERS, "Content-Security-Policy": PLAIN_PAGE_POLICY })
    .type("html")
    .send(plainErrorPage(status, reason));
}

// Pages are read with GET and forms send POST; Remix would run an action for a
// PUT or DELETE too, so any other method is refused before it reaches one.
app.use((req: Request, res: Response, next: NextFunction) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "POST") return next();
  sendPlainError(res.set("Allow", "GET, HEAD, POST"), 405);
});

// CSRF: every write whose Origin is not ours is refused here, before any route
// code runs, so no action can forget it (tests/http/origin.test.ts proves it).
app.use((req: Request, res: Response, next: NextFunction) => {
  if (req.method === "GET" || req.method === "HEAD") return next();
  const ownOrigin = env.APP_ORIGIN ?? `${req.protocol}://${req.get("host")}`;
  if (isForeignOrigin(req.get("origin") ?? null, req.get("sec-fetch-site") ?? null, ownOrigin, req.get("referer") ?? null)) {
    sendPlainError(res, 403);
    return;
  }
  // Checked against the public origin above; Remix's own host comparison would
  // otherwise fail legitimate posts behind a proxy that rewrites Host.
  delete req.headers.origin;
  next();
});

// Writes before reads: page renders pass a gate of a few at a time, writes skip it
// (app/read-gate.server.ts), so a vote does not wait behind a queue of renders.
app.use(gateReads(createGate(READS_IN_FLIGHT)));

// Statement counting per request, for the flat-query tests (off unless asked for).
const perRequest = new AsyncLocalStorage<{ count: number }>();
if (process.env.NORMWERK_COUNT_STATEMENTS === "1") {
  statementCounter.onStatement = () => {
    const store = perRequest.getStore();
    if (store) store.count++;
  };
  app.use((_req, res, next) => {
    const store = { count: 0 };
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
      if (!res.headersSent) res.setHeader("X-Statement-Count", String(store.count));
      return writeHead.apply(this, args);
    } as Response["writeHead"];
    perRequest.run(store, next);
  });
}

// Remix behind express (app/http.server.ts); writes whose body no form could
// have sent are refused there with 400/413/415 before any action runs.
const handleRemix = createRequestHandler(build as unknown as ServerBuild, env.NODE_ENV);
app.all("*", async (req: Request, res: Response, next: NextFunction) => {
  try {
    const request = await toFetchRequest(req, res);
    if (!(request instanceof globalThis.Request)) {
      sendPlainError(res, request.status, request.reason);
      return;
    }
    // A fresh load context per request: an action may leave a word there for the loaders
    // that render its refusal (see proposals.new), and a refused write's error page finds
    // the texts it sent there.
    const context: ServerLoadContext = request.method === "POST" ? { unsavedTexts: async () => unsavedTexts(await postedForm(request)) } : {};
    await sendFetchResponse(res, await inReadScope(request, () => handleRemix(request, context)));
  } catch (error) {
    next(error);
  }
});

// Errors before Remix (a URL express cannot decode) or outside it: a plain page, never a stack trace.
app.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
  if (res.headersSent) return next(error);
  const status = (error as { status?: unknown })?.status;
  const code = typeof status === "number" && status >= 400 && status < 600 ? status : 500;
  if (code >= 500) console.error(error);
  sendPlainError(res, code);
});

// `npm run demo` sets NORMWERK_DEMO=1: load the demo team into an empty database.
if (process.env.NORMWERK_DEMO === "1") await seedDemoIfEmpty();
startSweeper();

const server = app.listen(env.PORT, env.HOST ?? "0.0.0.0", () => {
  const shown = env.HOST && env.HOST !== "0.0.0.0" ? env.HOST : "localhost";
  console.log(`Normwerk listening on http://${shown}:${env.PORT}`);
  if (process.env.NORMWERK_DEMO === "1") printDemoSignIns();
  // Only under `remix dev`, which sets REMIX_DEV_ORIGIN; a plain development start has no dev server to tell.
  if (env.NODE_ENV === "development" && process.env.REMIX_DEV_ORIGIN) broadcastDevReady(build as unknown as ServerBuild);
});

function shutdown() {
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 3000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);

function printDemoSignIns() {
  console.log("\nDemo sign-ins (password for all: %s):", demoSignIns()[0]?.password);
  for (const s of demoSignIns()) console.log(`  ${s.role === "lead" ? "lead  " : "member"}  ${s.email.padEnd(26)} ${s.name}`);
  console.log("");
}
