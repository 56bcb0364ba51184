import { isLocale, type Locale } from "./core";

/** The best of our languages in an Accept-Language header, by its q-values; null when none fits. */
export function fromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, position) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((r) => r.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().split("-")[0], q: q ? Number(q.trim().slice(2)) : 1, position };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.position - b.position);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return null;
}

/**
 * The language of a page: the user's own choice, else the footer switcher's
 * cookie (visitors have no account to store it on), else the team's default,
 * else the browser's Accept-Language, else English.
 */
export function pickLocale(sources: {
  user?: unknown;
  cookie?: unknown;
  team?: unknown;
  acceptLanguage?: string | null;
}): Locale {
  if (isLocale(sources.user)) return sources.user;
  if (isLocale(sources.cookie)) return sources.cookie;
  if (isLocale(sources.team)) return sources.team;
  return fromAcceptLanguage(sources.acceptLanguage) ?? "en";
}
