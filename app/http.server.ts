// The bridge between express and Remix (what @remix-run/express does, which does
// not export its parts), with one addition: a write's body is read and checked
// first. Actions call request.formData(), which throws on a body no HTML form
// could have sent (JSON, plain text, broken multipart); here that becomes a
// 400/413/415 answer instead of a 500 from inside an action.
import type { Readable } from "node:stream";
import { writeReadableStreamToWritable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

export const MAX_BODY_BYTES = 4 * 1024 * 1024;

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
  // URL-encoded bodies cannot fail to parse (bad escapes become U+FFFD); multipart can.
  if (/^\s*multipart\//i.test(type)) {
    try {
      await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": type } }).formData();
    } catch {
      return { ok: false, status: 400 };
    }
  }
  return { ok: true, headers: out };
}

/** The express request as a fetch Request for Remix, or the status to refuse it with. */
export async function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Promise<Request | { status: number }> {
  // req.hostname honours "trust proxy"; the port comes from X-Forwarded-Host or Host.
  const port = /:(\d+)$/.exec(req.get("X-Forwarded-Host") ?? req.get("host") ?? "")?.[1];
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
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
  if (Number(req.get("content-length")) > MAX_BODY_BYTES) return { status: 413 };
  const bytes = await readAtMost(req, MAX_BODY_BYTES);
  if (!bytes) return { status: 413 };
  const checked = await checkFormBody(headers, bytes);
  if (!checked.ok) return { status: checked.status };
  return new Request(url, {
    method: req.method,
    headers: checked.headers,
    body: bytes as Uint8Array<ArrayBuffer>,
    signal: controller.signal,
  });
}

export async function sendFetchResponse(res: ExpressResponse, response: Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // Headers iterate Set-Cookie values one by one, so each stays its own header line.
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

async function readAtMost(stream: Readable, limit: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).byteLength;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
