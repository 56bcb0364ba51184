import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n/core";
import { dictionaryUrl, messagesJsonFor } from "~/i18n/dictionaries";

// The dictionary of one language, for the browser (root.tsx sends its address, entry.client
// loads it before hydrating). Its name carries a hash of its content, so it is cached for
// good; an old name (a page from before a deploy) still gets today's dictionary, uncached.
export function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z]{2})\.[0-9a-f]{12}\.json$/.exec(params.file ?? "");
  const locale = match?.[1];
  if (!locale || !isLocale(locale)) throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const current = dictionaryUrl(locale) === `/i18n/${params.file}`;
  return new Response(messagesJsonFor(locale), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
