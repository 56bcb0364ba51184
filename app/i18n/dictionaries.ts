// Server-side: the merged dictionaries. Client code imports only types from here.
import type { Locale } from "./core";
import * as audit from "./messages/audit";
import * as checkins from "./messages/checkins";
import * as common from "./messages/common";
import * as conversations from "./messages/conversations";
import * as norms from "./messages/norms";
import * as proposals from "./messages/proposals";

// Each feature keeps its strings in its own file under messages/; register it here.
const en = {
  ...common.en,
  ...audit.en,
  ...conversations.en,
  ...checkins.en,
  ...proposals.en,
  ...norms.en,
};
const nl = {
  ...common.nl,
  ...audit.nl,
  ...conversations.nl,
  ...checkins.nl,
  ...proposals.nl,
  ...norms.nl,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

const dictionaries: Record<Locale, Messages> = { en, nl };

export function messagesFor(locale: Locale): Messages {
  return dictionaries[locale];
}

/** True when `key` is a known message key (error keys travel through form replies as strings). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}
