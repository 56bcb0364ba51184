// Shared by server and client: zod building blocks whose error messages are
// message keys (with parameters), translated where the error is shown.
import { z } from "zod";
import { msg } from "./form-messages";

export { msg, parseMsg } from "./form-messages";

// A literal, not a call: this module must stay free of side effects so that pages
// importing only `msg`/`parseMsg` do not pull zod into their client bundle.
const required = "form.required";

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

export function email() {
  return z
    .string({ error: required })
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.email({ error: msg("form.invalidEmail") }).max(254, { error: msg("form.tooLong", { max: 254 }) }));
}
