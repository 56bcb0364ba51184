// Error messages travel as message keys with parameters ("form.tooLong?max=160"):
// zod schemas build them with msg(), components translate them after parseMsg().
// No zod here, so components can import it without pulling zod into the browser.
import type { MessageKey } from "./i18n";

export function msg(key: MessageKey, params?: Record<string, string | number>): string {
  if (!params) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function parseMsg(value: string): { key: string; params: Record<string, string> } {
  const [key, query] = value.split("?", 2);
  return { key, params: Object.fromEntries(new URLSearchParams(query ?? "")) };
}
