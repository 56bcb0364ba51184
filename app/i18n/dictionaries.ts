// Server-side: the merged dictionaries. Client code imports only types from here.
// Everything is built inside functions so that no client bundle that touches this
// module's types ever carries the message files.
import { createHash } from "node:crypto";
import type { Locale } from "./core";
import * as audit from "./messages/audit";
import * as checkins from "./messages/checkins";
import * as common from "./messages/common";
import * as conversations from "./messages/conversations";
import * as norms from "./messages/norms";
import * as proposals from "./messages/proposals";

// Each feature keeps its strings in its own file under messages/; register it here.
function english() {
  return { ...common.en, ...audit.en, ...conversations.en, ...checkins.en, ...proposals.en, ...norms.en };
}

function dutch(): Record<keyof ReturnType<typeof english>, string> {
  return { ...common.nl, ...audit.nl, ...conversations.nl, ...checkins.nl, ...proposals.nl, ...norms.nl };
}

export type MessageKey = keyof ReturnType<typeof english>;
export type Messages = Record<MessageKey, string>;

const cache: Partial<Record<Locale, Messages>> = {};

export function messagesFor(locale: Locale): Messages {
  return (cache[locale] ??= locale === "nl" ? dutch() : english());
}

const jsonCache: Partial<Record<Locale, string>> = {};

/** The dictionary as one JSON string, built once per language: what /i18n/<file> sends. */
export function messagesJsonFor(locale: Locale): string {
  return (jsonCache[locale] ??= JSON.stringify(messagesFor(locale)));
}

const urlCache: Partial<Record<Locale, string>> = {};

/**
 * Where the browser gets the dictionary (app/routes/i18n.$file.ts): named by its
 * content, so it is cached for good and a changed text gets a new name. Pages send
 * this address rather than ~50 KB of JSON in every page's loader data
 * (docs/decisions/073-dictionary-as-a-cached-file.md).
 */
export function dictionaryUrl(locale: Locale): string {
  return (urlCache[locale] ??= `/i18n/${locale}.${createHash("sha256").update(messagesJsonFor(locale)).digest("hex").slice(0, 12)}.json`);
}

/** True when `key` is a known message key (error keys travel through form replies as strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(messagesFor("en"), key);
}
