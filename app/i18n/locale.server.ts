import { createCookie } from "@remix-run/node";
import { secureCookies } from "../env.server";
import type { Locale } from "./core";
import { pickLocale } from "./negotiate";

export const languageCookie = createCookie("normwerk_lang", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
  secure: secureCookies,
});

/** See pickLocale for the order. */
export async function resolveLocale(
  request: Request,
  userLanguage: string | null | undefined,
  teamLanguage: string | null | undefined,
): Promise<Locale> {
  const cookie = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  return pickLocale({
    user: userLanguage,
    cookie,
    team: teamLanguage,
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}
