import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { randomBytes } from "node:crypto";
import { renderToPipeableStream } from "react-dom/server";
import { wholeHtml } from "./html-stream.server";
import { messagesFor } from "./i18n/dictionaries";
import { ServerDictionaries } from "./i18n/react";
import { NonceContext } from "./nonce";
import { pagePolicy, SECURITY_HEADERS } from "./security-headers.server";

/** How long Remix waits for loader data to encode (read by Remix from this module). */
export const streamTimeout = 5_000;

function securityHeaders(headers: Headers) {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    // A route that chose its own caching keeps it.
    if (name !== "Cache-Control" || !headers.has(name)) headers.set(name, value);
  }
}

export const handleError: HandleErrorFunction = (error, { request }) => {
  // 404s and 403s are answers, not faults; only log what really broke.
  if (request.signal.aborted || isRouteErrorResponse(error)) return;
  console.error(error);
};

export function handleDataRequest(response: Response) {
  securityHeaders(response.headers);
  return response;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const nonce = randomBytes(16).toString("base64");
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const { pipe, abort } = renderToPipeableStream(
      <ServerDictionaries.Provider value={messagesFor}>
        <NonceContext.Provider value={nonce}>
          <RemixServer context={remixContext} url={request.url} nonce={nonce} />
        </NonceContext.Provider>
      </ServerDictionaries.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        // No loader returns a promise, so nothing is deferred: the rest (the loader
        // data's script) follows the shell within a few event-loop turns, and the
        // page goes out as one body (decision 075).
        onAllReady() {
          clearTimeout(timer);
          // React calls this after a shell error too; Remix is rendering its error page then.
          if (failed) return;
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders);
          responseHeaders.set("Content-Security-Policy", pagePolicy(nonce));
          pipe(wholeHtml((html) => resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }))));
        },
        onShellError(error: unknown) {
          failed = true;
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          // Before the shell is done Remix gets the error through onShellError and
          // answers with its error page. After it, the page's content is there and
          // keeps its status, as when pages were streamed.
          if (shellRendered) console.error(error);
        },
      },
    );
    // Remix gives up on the loader data after streamTimeout; React stops a little later.
    const timer = setTimeout(abort, streamTimeout + 1_000);
  });
}
