// The bridge between express and Remix (what @remix-run/express does, which does
// not export its parts), with one addition: a write's body is read and checked
// first. Actions call request.formData(), which throws on a body no HTML form
// could have sent (JSON, plain text, broken multipart); here that becomes a
// 400/413/415 answer instead of a 500 from inside an action. The same goes for
// a form whose size or field names could exhaust the server (docs/decisions/060).
import type { Readable } from "node:stream";
import { writeReadableStreamToWritable, type HeadersFunction } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

/**
 * The largest form we accept. Our largest real form is a check-in rating form:
 * per norm a rating and at most 2,000 characters, which URL-encoded take at most
 * 9 bytes each (three-byte UTF-8, each byte as %XX); 1 MB holds about 55 norms of that.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** No form of ours has more than a few hundred fields (two per norm on a rating form). */
export const MAX_FIELDS = 1000;
/**
 * Limits on field names. Conform reads "a.b[3]" as a path and builds the
 * objects and arrays it names before any schema looks at them: "x[9999999]"
 * allocates an array of ten million entries (the process runs out of memory) and
 * a path thousands of segments deep overflows the stack. Our deepest name is
 * "rating.N-12"; no form of ours uses indexes at all.
 */
export const MAX_FIELD_NAME = 200;
export const MAX_NAME_DEPTH = 4;
export const MAX_NAME_INDEX = 1000;

const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

export type BodyCheck = { ok: true; headers: Headers } | { ok: false; status: 400 | 413 | 415 };

/** Whether `bytes` can be read as a form; the headers to hand on with them. */
export async function checkFormBody(headers: Headers, bytes: Uint8Array): Promise<BodyCheck> {
  const out = new Headers(headers);
  const type = out.get("content-type") ?? "";
  if (bytes.byteLength === 0) {
    // A bare POST (a script's `curl -X POST …/logout`) is an empty form, whatever its type says.
    out.set("content-type", "application/x-www-form-urlencoded");
    return { ok: true, headers: out };
  }
  if (!FORM_TYPE.test(type)) return { ok: false, status: 415 };
  let names: Iterable<string>;
  if (/^\s*multipart\//i.test(type)) {
    // URL-encoded bodies cannot fail to parse (bad escapes become U+FFFD); multipart can.
    try {
      const form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
      names = form.keys();
    } catch {
      return { ok: false, status: 400 };
    }
  } else {
    names = new URLSearchParams(Buffer.from(bytes).toString("utf8")).keys();
  }
  const shape = checkFieldNames(names);
  if (shape !== "ok") return { ok: false, status: shape };
  return { ok: true, headers: out };
}

/** "ok", 413 for too many fields, 400 for a name no form of ours could have (see the limits above). */
export function checkFieldNames(names: Iterable<string>): "ok" | 400 | 413 {
  let count = 0;
  for (const name of names) {
    if (++count > MAX_FIELDS) return 413;
    if (name.length > MAX_FIELD_NAME) return 400;
    // Conform splits names at "." and "[…]"; count the segments and read every index.
    const segments = name.split(/\.|\[/).length;
    if (segments > MAX_NAME_DEPTH) return 400;
    for (const m of name.matchAll(/\[([^\]]*)\]/g)) {
      if (!/^\d{1,4}$/.test(m[1]) || Number(m[1]) > MAX_NAME_INDEX) return 400;
    }
  }
  return "ok";
}

/** A host name (letters of any script, digits, dots, hyphens) or a bracketed IPv6 address, at most 253 characters as in DNS. */
const HOST_NAME = /^(?:\[[0-9A-Fa-f:.]+\]|[\p{L}\p{N}\p{M}._-]{1,253})$/u;

/**
 * The request's own URL, or null when its Host (or X-Forwarded-Host) is not a
 * host name. Checked by hand because the URL parser does not refuse everything
 * odd: "x/teams/1?" as a host would move the path Remix routes on.
 */
export function requestUrl(req: Pick<ExpressRequest, "protocol" | "hostname" | "originalUrl" | "get" | "app">): URL | null {
  // req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host,
  // X-Forwarded-Host only behind a proxy we trust (like req.hostname does).
  // No Host at all (HTTP/1.0 health checks) has always been served; it names no other site.
  const hostname = req.hostname || "localhost";
  if (!HOST_NAME.test(hostname)) return null;
  // X-Forwarded-Proto (behind a proxy) is whatever the proxy sent.
  if (req.protocol !== "http" && req.protocol !== "https") return null;
  const forwarded = req.app.enabled("trust proxy") ? req.get("X-Forwarded-Host") : undefined;
  const port = /:(\d+)$/.exec(forwarded ?? req.get("host") ?? "")?.[1];
  try {
    return new URL(`${req.protocol}://${hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  } catch {
    // A port above 65535, or a name the URL parser refuses after mapping it (IDNA).
    return null;
  }
}

export type Refusal = { status: number; reason?: "host" };

/** The express request as a fetch Request for Remix, or the status to refuse it with. */
export async function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Promise<Request | Refusal> {
  // A Host header that is no host (garbage, a bad port) cannot make a URL: the request is malformed.
  const url = requestUrl(req);
  if (!url) return { status: 400, reason: "host" };
  // `?_data=` is Remix's data protocol from before single fetch, which this app's pages
  // never use: Remix would still run the route for it (an action answering 200 with an
  // empty body) and log a warning per request. No page sends it, so it is malformed.
  if (url.searchParams.has("_data")) return { status: 400 };
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  // Abort loaders and actions when the client goes away before the answer is sent.
  const controller = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  if (req.method === "GET" || req.method === "HEAD") {
    return new Request(url, { method: req.method, headers, signal: controller.signal });
  }
  if (Number(req.get("content-length")) > MAX_BODY_BYTES) {
    await discardRest(req);
    return { status: 413 };
  }
  const bytes = await readAtMost(req, MAX_BODY_BYTES);
  if (!bytes) return { status: 413 };
  const checked = await checkFormBody(headers, bytes);
  if (!checked.ok) return { status: checked.status };
  const request = new Request(url, {
    method: req.method,
    headers: checked.headers,
    body: bytes as Uint8Array<ArrayBuffer>,
    signal: controller.signal,
  });
  postedBodies.set(request, { bytes, type: checked.headers.get("content-type") ?? "" });
  return request;
}

// The body of each write as it arrived: the action reads its own copy, and the error
// page of a refused write reads this one to give the text back (app/unsaved-text.ts).
const postedBodies = new WeakMap<Request, { bytes: Uint8Array; type: string }>();

/** The form a write sent, parsed again; empty for a read or a request not made by toFetchRequest. */
export async function postedForm(request: Request): Promise<Array<[string, FormDataEntryValue]>> {
  const body = postedBodies.get(request);
  if (!body) return [];
  const form = await new Response(body.bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": body.type } }).formData();
  return [...form];
}

/**
 * A route's `headers` export for an action that may answer 429 (sign-in, password
 * change): a page's HTTP headers come from its routes' `headers` exports only
 * (Set-Cookie aside), so the action's Retry-After reaches the page through this.
 */
export const passRetryAfter: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function sendFetchResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Headers iterate Set-Cookie values one by one, so each stays its own header line.
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/**
 * Reads and throws away the rest of a refused body before the answer goes out:
 * a server that answers and closes while the client still sends resets the
 * connection, and the client never sees the 413 page (under load that race was
 * lost now and then). A client still sending after `ms` gets the answer anyway.
 */
function discardRest(stream: Readable, ms = 10_000): Promise<void> {
  return new Promise((resolve) => {
    if (stream.readableEnded || stream.destroyed) return resolve();
    const done = () => {
      clearTimeout(timer);
      stream.off("end", done).off("close", done).off("error", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stream.on("end", done).on("close", done).on("error", done);
    stream.resume(); // flowing with no data listener: what arrives is dropped
  });
}

/** The body, or null once it passes `limit` (and the rest has been read and dropped, see discardRest). */
function readAtMost(stream: Readable, limit: number): Promise<Uint8Array | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => stream.off("data", onData).off("end", onEnd).off("error", onError);
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      chunks.length = 0;
      void discardRest(stream).then(() => resolve(null));
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = (error: unknown) => {
      stop();
      reject(error);
    };
    stream.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
