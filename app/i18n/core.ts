// Shared by every message file: a Dutch dictionary must have exactly the keys of
// its English twin, so a missing translation fails the typecheck.
export type Translations<T extends Record<string, string>> = { readonly [K in keyof T]: string };

export const LOCALES = ["en", "nl"] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return value === "en" || value === "nl";
}

export type Params = Record<string, string | number>;

export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
