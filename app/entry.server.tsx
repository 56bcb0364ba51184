import type { EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { nulFreeHtmlStream } from "./html-stream.server";
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
  const useAllReady = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <ServerDictionaries.Provider value={messagesFor}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </ServerDictionaries.Provider>,
      {
        [useAllReady ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = nulFreeHtmlStream();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          securityHeaders(responseHeaders);
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
