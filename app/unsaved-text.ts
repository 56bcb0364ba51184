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

/** What the server hands Remix for every request (app/server.ts). */
export type ServerLoadContext = {
  /** The posted form's texts, read only when a page needs them (a write's error page). */
  unsavedTexts?: () => Promise<UnsavedText[]>;
};
