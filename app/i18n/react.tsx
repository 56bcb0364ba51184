import { createContext, useContext, useMemo, type ReactNode } from "react";
import { makeT, type Messages, type T } from "./index";
import type { Locale } from "./core";

// The dictionary reaches the browser through the root loader, for the current
// language only, so client bundles carry no message files.
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

// Parsed dictionaries by their JSON text: the server hands the same string for a
// language to every request, the browser gets one per document or language switch.
const parsed = new Map<string, Messages>();

/** The dictionary the root loader sent as JSON (see messagesJsonFor), parsed once. */
export function parseMessages(json: string | undefined): Messages | undefined {
  if (json === undefined) return undefined;
  let messages = parsed.get(json);
  if (!messages) {
    if (parsed.size >= 4) parsed.clear();
    messages = JSON.parse(json) as Messages;
    parsed.set(json, messages);
  }
  return messages;
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
