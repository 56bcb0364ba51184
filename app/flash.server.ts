import { createCookie, redirect } from "@remix-run/node";
import { secureCookies } from "./env.server";
import type { MessageKey } from "./i18n";
import { isMessageKey } from "./i18n/dictionaries";

// The flash carries only a message key and parameters, never free text, so a
// forged cookie cannot put words in the app's mouth.
const flashCookie = createCookie("normwerk_flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60,
  secure: secureCookies,
});

export type Flash = { key: MessageKey; params?: Record<string, string | number> };

export async function redirectWithFlash(
  to: string,
  flash: Flash,
  init: { headers?: HeadersInit } = {},
) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return redirect(to, { status: 303, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookieHeader = request.headers.get("Cookie");
  if (!cookieHeader?.includes("normwerk_flash=")) return { flash: null, setCookie: null };
  const value = await flashCookie.parse(cookieHeader).catch(() => null);
  const setCookie = await flashCookie.serialize("", { maxAge: 0 });
  if (!value || typeof value !== "object" || !isMessageKey(String(value.key))) {
    return { flash: null, setCookie };
  }
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(value.params ?? {})) {
    if (typeof v === "string" || typeof v === "number") params[k] = v;
  }
  return { flash: { key: value.key, params }, setCookie };
}
