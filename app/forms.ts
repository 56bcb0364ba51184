// Shared by server and client: zod building blocks whose error messages are
// message keys (with parameters), translated where the error is shown.
import { z } from "zod";
import type { MessageKey } from "./i18n";

export function msg(key: MessageKey, params?: Record<string, string | number>): string {
  if (!params) return key;
  return `${key}?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}`;
}

export function parseMsg(value: string): { key: string; params: Record<string, string> } {
  const [key, query] = value.split("?", 2);
  return { key, params: Object.fromEntries(new URLSearchParams(query ?? "")) };
}

const required = msg("form.required");

/**
 * Text kept exactly as typed (never trimmed), but blank is "missing".
 * Conform turns an empty field into undefined before zod sees it.
 */
export function requiredText(max: number) {
  return z
    .string({ error: required })
    .refine((v) => v.trim().length > 0, { error: required })
    .refine((v) => v.length <= max, { error: msg("form.tooLong", { max }) });
}

export function optionalText(max: number) {
  return z
    .string()
    .refine((v) => v.length <= max, { error: msg("form.tooLong", { max }) })
    .optional()
    .transform((v) => v ?? "");
}

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: msg("form.invalidChoice") });
}

export function intInRange(min: number, max: number) {
  const range = msg("form.numberRange", { min, max });
  return z
    .number({ error: (iss) => (iss.input === undefined ? required : msg("form.invalidNumber")) })
    .int({ error: msg("form.invalidNumber") })
    .min(min, { error: range })
    .max(max, { error: range });
}

export const email = z
  .string({ error: required })
  .transform((v) => v.trim().toLowerCase())
  .pipe(z.email({ error: msg("form.invalidEmail") }).max(254, { error: msg("form.tooLong", { max: 254 }) }));
