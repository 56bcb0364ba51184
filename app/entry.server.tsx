import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { wholeHtml } from "./html-stream.server";
import { messagesFor } from "./i18n/dictionaries";
import { ServerDictionaries } from "./i18n/react";

const ABORT_DELAY = 5_000;

function securityHeaders(headers: Headers) {
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "same-origin");
  headers.set("X-Frame-Options", "DENY");
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
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <ServerDictionaries.Provider value={messagesFor}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </ServerDictionaries.Provider>,
      {
        onShellReady() {
          shellRendered = true;
        },
        // No page defers data, so all of it is ready a few microseconds after the
        // shell; it goes out as one body (decision 075).
        onAllReady() {
          clearTimeout(timer);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders);
          pipe(wholeHtml((html) => resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }))));
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Before the shell is done Remix gets the error through onShellError and reports it.
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, ABORT_DELAY);
  });
}
