import { interpolate, type Locale, type Params } from "./core";
import { numberFormatter } from "./format";
import type { MessageKey, Messages } from "./dictionaries";

export { LOCALES, isLocale, type Locale } from "./core";
export type { MessageKey, Messages } from "./dictionaries";

type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.other` ? (`${B}.one` extends MessageKey ? B : never) : never;
}[MessageKey];

export type T = {
  (key: MessageKey, params?: Params): string;
  /** Picks `key.one` / `key.other` by the locale's plural rules; `{count}` is formatted. */
  plural: (key: PluralBase, count: number, params?: Params) => string;
  locale: Locale;
};

const pluralRules: Partial<Record<Locale, Intl.PluralRules>> = {};

export function makeT(locale: Locale, messages: Messages): T {
  const rules = (pluralRules[locale] ??= new Intl.PluralRules(locale));
  const t = ((key: MessageKey, params?: Params) => interpolate(messages[key] ?? key, params)) as T;
  t.plural = (key, count, params) => {
    const form = rules.select(count) === "one" ? "one" : "other";
    return interpolate(messages[`${key}.${form}` as MessageKey] ?? key, {
      count: numberFormatter(locale).format(count),
      ...params,
    });
  };
  t.locale = locale;
  return t;
}
