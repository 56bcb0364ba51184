import { makeT } from "./index";
import { messagesFor } from "./dictionaries";
import type { Locale } from "./core";

export { messagesFor, isMessageKey } from "./dictionaries";

export function serverT(locale: Locale) {
  return makeT(locale, messagesFor(locale));
}
