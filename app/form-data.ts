// Reading posted fields by hand, for the few forms that do not go through conform
// (hidden ids and intents). Browsers send each of our fields once and as text;
// a field sent twice or as a file comes from a script, and guessing which value
// it meant (FormData.get takes the first, Object.fromEntries the last) would act
// on something nobody chose. No zod here: the agreement page's bundle stays small.

export const REPEATED = { repeated: true } as const;

/** The field's one text value; null when it is missing; REPEATED when it came more than once or as a file. */
export function singleValue(form: FormData, name: string): string | null | typeof REPEATED {
  const values = form.getAll(name);
  if (values.length === 0) return null;
  if (values.length > 1 || typeof values[0] !== "string") return REPEATED;
  return values[0];
}

/** Every field as name → text, or null when any field came more than once or as a file. */
export function singleFields(form: FormData): Record<string, string> | null {
  // No prototype: a field named "__proto__" is a field like any other, not a prototype to set.
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string" || Object.hasOwn(fields, name)) return null;
    fields[name] = value;
  }
  return fields;
}

/**
 * A whole number written as digits with an optional minus, as a number input
 * sends it: not "1e3", "0x10", " 3 ", "3.0" or "+3", which Number() would all
 * turn into some number. "-0" is 0. Null when it is not one, or has more digits
 * than a JavaScript number holds exactly.
 */
export function parseWholeNumber(text: string): number | null {
  if (!/^-?\d{1,15}$/.test(text)) return null;
  return Number(text) + 0;
}

/** A row id (in a URL or a hidden field): a positive whole number without leading zeros, else null. */
export function parseRowId(text: unknown): number | null {
  if (typeof text !== "string" || !/^[1-9]\d{0,14}$/.test(text)) return null;
  return Number(text);
}

/**
 * When an edit form was opened, the last save of what it edits (hidden field `savedAt`,
 * not in the URL contract): undefined when not sent (a script: the last save wins),
 * null when it is no time at all.
 */
export function savedAtOf(formData: FormData): number | null | undefined {
  const v = formData.get("savedAt");
  if (v === null) return undefined;
  return typeof v === "string" && /^\d{1,15}$/.test(v) ? Number(v) : null;
}
