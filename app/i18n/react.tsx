import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { makeT, type Messages, type T } from "./index";
import type { Locale } from "./core";

// The dictionary reaches the browser as a file of its own, for the page's language
// only (decision 073), so client bundles carry no message files.
const I18nContext = createContext<T | null>(null);

// Used only when the root loader itself failed and no dictionary arrived.
const fallback: Partial<Messages> = {
  "app.name": "Normwerk",
  "shell.skipToContent": "Skip to content",
  "shell.footer": "Normwerk",
  "error.server.title": "Something went wrong on our side",
  "error.server.body": "This request failed. Please try again in a moment.",
  "error.status": "Error {status}",
  "error.goHome": "Go to the start page",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "This page does not exist, or you do not have access to it.",
  "error.badRequest.title": "This request could not be read",
  "error.badRequest.body": "What was sent is not a form Normwerk understands. Go back and try again.",
};

/**
 * On the server the dictionaries are at hand: entry.server.tsx provides them here, so
 * no page's loader data has to carry one.
 */
export const ServerDictionaries = createContext<((locale: Locale) => Messages) | null>(null);

// In the browser: the dictionaries fetched so far, by address (see dictionaryUrl).
const fetched = new Map<string, Messages>();
let latest: Messages | undefined;

/** Fetches a dictionary once; entry.client awaits it before hydrating. */
export async function loadDictionary(url: string): Promise<Messages> {
  const known = fetched.get(url);
  if (known) return known;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`dictionary ${url}: ${response.status}`);
  const messages = (await response.json()) as Messages;
  fetched.set(url, messages);
  latest = messages;
  return messages;
}

/**
 * The dictionary of the page's language. After a client-side navigation to another
 * language (a changed account or team setting) the new one is fetched and the page
 * renders again once it is there; until then the previous one stands in.
 */
export function useDictionary(locale: Locale | undefined, url: string | undefined): Messages | undefined {
  const server = useContext(ServerDictionaries);
  const [, rendered] = useState(0);
  const messages = url ? fetched.get(url) : undefined;
  useEffect(() => {
    if (server || !url || fetched.has(url)) return;
    let current = true;
    loadDictionary(url).then(
      () => current && rendered((n) => n + 1),
      // Offline or a failed request: the page keeps the dictionary it has.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [server, url]);
  if (!locale || !url) return undefined;
  if (server) return server(locale);
  return messages ?? latest;
}

export function I18nProvider({ locale, messages, children }: { locale: Locale; messages?: Messages; children: ReactNode }) {
  const t = useMemo(() => makeT(locale, messages ?? (fallback as Messages)), [locale, messages]);
  return <I18nContext.Provider value={t}>{children}</I18nContext.Provider>;
}

export function useT(): T {
  const t = useContext(I18nContext);
  if (!t) throw new Error("useT outside I18nProvider");
  return t;
}
