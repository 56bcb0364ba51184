import { createCookie } from "@remix-run/node";
import { isLocale, type Locale } from "./core";

export const languageCookie = createCookie("normwerk_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});

function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = rest.find((r) => r.trim().startsWith("q="));
      return { lang: tag.trim().toLowerCase().slice(0, 2), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return null;
}

/** The user's choice, else the language cookie, else the team default, else Accept-Language, else English. */
export async function resolveLocale(
  request: Request,
  userLanguage: string | null | undefined,
  teamLanguage: string | null | undefined,
): Promise<Locale> {
  if (isLocale(userLanguage)) return userLanguage;
  const cookie = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  if (isLocale(cookie)) return cookie;
  if (isLocale(teamLanguage)) return teamLanguage;
  return fromAcceptLanguage(request.headers.get("Accept-Language")) ?? "en";
}
