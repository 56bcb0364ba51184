// Shared by server and client: zod building blocks whose error messages are
// message keys (with parameters), translated where the error is shown.
import { z } from "zod";
import { parseRowId, parseWholeNumber } from "./form-data";
import { msg } from "./form-messages";

export { msg, parseMsg } from "./form-messages";

// Literals, not calls: this module must stay free of side effects so that pages
// importing only `msg`/`parseMsg` do not pull zod into their client bundle.
const required = "form.required";
const repeated = "form.repeated";

/**
 * The message for a value that is not the expected type: missing (conform turns
 * an empty field into undefined), sent twice (a script's doubled field arrives
 * as an array), or anything else.
 */
function typeError(otherwise: string) {
  return (iss: { input?: unknown }) => (iss.input === undefined ? required : Array.isArray(iss.input) ? repeated : otherwise);
}

/**
 * Blank: nothing a reader would see. Besides white space that is control
 * characters (NUL), format characters (zero-width space, direction marks, byte
 * order mark) and the Hangul fillers, which all render as nothing.
 */
export function isBlank(text: string) {
  return /^[\s\p{Cc}\p{Cf}\u115F\u1160\u3164\uFFA0]*$/u.test(text);
}

/**
 * Text kept exactly as typed (never trimmed), but blank is "missing".
 * Conform turns an empty field into undefined before zod sees it.
 */
export function requiredText(max: number) {
  return z
    .string({ error: typeError(required) })
    .refine((v) => !isBlank(v), { error: required })
    .refine((v) => v.length <= max, { error: msg("form.tooLong", { max }) });
}

export function optionalText(max: number) {
  return z
    .string({ error: typeError(required) })
    .refine((v) => v.length <= max, { error: msg("form.tooLong", { max }) })
    .optional()
    .transform((v) => v ?? "");
}

/**
 * A text field checked elsewhere: by a superRefine that knows the other fields
 * (a proposal's title), by a parser (closing times), or by safeRedirect (redirectTo).
 */
export function looseText() {
  return z.string({ error: typeError(required) }).optional();
}

export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  // Missing is answered as a wrong choice: a select or radio group always sends one of its options.
  return z.enum(values, { error: (iss) => (Array.isArray(iss.input) ? repeated : msg("form.invalidChoice")) });
}

/**
 * A whole number from min to max, written as digits (see parseWholeNumber):
 * "1e1", "0x10", " 30 " and "30.0" are not silently read as some number.
 */
export function intInRange(min: number, max: number, messages: { below?: string; above?: string } = {}) {
  const range = msg("form.numberRange", { min, max });
  return z.string({ error: typeError(msg("form.invalidNumber")) }).transform((v, ctx) => {
    const n = parseWholeNumber(v);
    if (n === null) ctx.addIssue({ code: "custom", message: msg("form.invalidNumber") });
    else if (n < min) ctx.addIssue({ code: "custom", message: messages.below ?? range });
    else if (n > max) ctx.addIssue({ code: "custom", message: messages.above ?? range });
    else return n;
    return z.NEVER;
  });
}

/** The id of a row, from a hidden field: a positive whole number, else invalid. */
export function rowId() {
  return z.string({ error: typeError(msg("form.invalidNumber")) }).transform((v, ctx) => {
    const id = parseRowId(v);
    if (id === null) ctx.addIssue({ code: "custom", message: msg("form.invalidNumber") });
    return id ?? z.NEVER;
  });
}

export function email() {
  return z
    .string({ error: typeError(required) })
    .transform((v) => v.trim().toLowerCase())
    .pipe(z.email({ error: msg("form.invalidEmail") }).max(254, { error: msg("form.tooLong", { max: 254 }) }));
}

/** A password (or any secret) of at most 256 characters, at least `min`. */
export function secret(min = 0) {
  const schema = z.string({ error: typeError(required) }).max(256, { error: msg("form.tooLong", { max: 256 }) });
  // A new password (min > 0) of only spaces passes a length rule but no guesser's first try.
  return min > 0
    ? schema
        .min(min, { error: msg("form.tooShort", { min }) })
        .refine((v) => v.trim() !== "", { error: msg("form.onlySpaces") })
    : schema;
}
