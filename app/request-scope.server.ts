// Remix hands each loader its own copy of the request (it strips `?index` and
// `?_routes` by building a new Request), so a WeakMap keyed by the Request cannot
// tell that the root loader and the page's loader serve the same page view. The
// server therefore marks each page read with an id of its own, in a header that
// every copy carries, and what both loaders ask (the session, the user's teams) is
// looked up once per page view.
//
// Only reads are scoped: after an action the loaders must see what it changed.
import { randomUUID } from "node:crypto";

const HEADER = "x-normwerk-read";
const scopes = new Map<string, Map<string, unknown>>();

/**
 * Runs `handle` with the request marked as one page read (GET/HEAD); the scope
 * ends when `handle` is done. Whatever a client sent in the header is dropped.
 */
export async function inReadScope<T>(request: Request, handle: () => Promise<T>): Promise<T> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    request.headers.delete(HEADER);
    return handle();
  }
  const id = randomUUID();
  request.headers.set(HEADER, id);
  scopes.set(id, new Map());
  try {
    return await handle();
  } finally {
    scopes.delete(id);
  }
}

/** `compute()` once per page read; outside a read scope (writes, tests), every time. */
export function oncePerRead<T>(request: Request, key: string, compute: () => T): T {
  const id = request.headers.get(HEADER);
  const values = id ? scopes.get(id) : undefined;
  if (!values) return compute();
  if (values.has(key)) return values.get(key) as T;
  const value = compute();
  values.set(key, value);
  return value;
}
