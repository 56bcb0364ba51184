// What a person wrote in a form that was refused as a whole (403, 404, 409 thrown by
// an action: the colleague left the team, the lead was made a member meanwhile, the
// proposal is gone). Such a refusal shows an error page, not the form, so the page
// gives the text back to copy: nothing a user wrote is ever lost. Only the free-text
// fields of the app's forms, never a password or an id (decision 079).

export type UnsavedText = { field: "title" | "body" | "reason" | "text" | "description" | "example" | "observation"; code?: string; value: string };

const PLAIN = new Set(["title", "body", "reason", "text", "description"]);
const PER_NORM = /^(example|observation)\.(.{1,40})$/;

/** The free-text fields of a posted form that hold more than white space, in the order they were sent. */
export function unsavedTexts(form: Iterable<[string, FormDataEntryValue]>): UnsavedText[] {
  const out: UnsavedText[] = [];
  for (const [name, value] of form) {
    if (typeof value !== "string" || !/\S/.test(value)) continue;
    if (PLAIN.has(name)) out.push({ field: name as UnsavedText["field"], value });
    const perNorm = PER_NORM.exec(name);
    if (perNorm) out.push({ field: perNorm[1] as "example" | "observation", code: perNorm[2], value });
  }
  return out;
}

/** The same text sent twice (a retried post) is one text to give back. */
export function distinctTexts(texts: UnsavedText[]): UnsavedText[] {
  const seen = new Set<string>();
  return texts.filter((t) => {
    const key = `${t.field}\u0000${t.code ?? ""}\u0000${t.value}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const KEPT_FIELDS = new Set(["title", "body", "reason", "text", "description", "example", "observation"]);

/**
 * The texts a sign-in page gave back (decision 083), as its form sends them along in
 * hidden `kept` fields, so a refused sign-in (a wrong password) shows them again: the
 * server shows them only once. Anything that is not such a text is dropped.
 */
export function keptTextsOfForm(form: FormData, max = { texts: 60, chars: 250_000 }): UnsavedText[] {
  const out: UnsavedText[] = [];
  let chars = 0;
  for (const raw of form.getAll("kept")) {
    if (typeof raw !== "string" || out.length >= max.texts) continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      continue;
    }
    const t = v as Partial<UnsavedText> | null;
    if (!t || typeof t.field !== "string" || !KEPT_FIELDS.has(t.field) || typeof t.value !== "string") continue;
    if (t.code !== undefined && (typeof t.code !== "string" || t.code.length > 40)) continue;
    chars += t.value.length;
    if (chars > max.chars) break;
    out.push({ field: t.field as UnsavedText["field"], ...(t.code !== undefined ? { code: t.code } : {}), value: t.value });
  }
  return out;
}

/** What the server hands Remix for every request (app/server.ts). */
export type ServerLoadContext = {
  /** The posted form's texts, read only when a page needs them (a write's error page). */
  unsavedTexts?: () => Promise<UnsavedText[]>;
};
