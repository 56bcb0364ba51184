// Reads the forms of a server-rendered page the way a browser without JavaScript
// would, so a test can submit exactly what the page's form sends (hidden inputs,
// the pressed button's name/value) instead of a hand-written field list.
import type { Client, Page } from "./client";

export type HtmlForm = {
  id: string | null;
  action: string | null;
  method: string;
  /** Successful controls in document order (no buttons). */
  fields: [string, string][];
  buttons: { name: string | null; value: string; text: string }[];
  html: string;
};

export function decodeEntities(text: string) {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&amp;/g, "&");
}

export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const body = tag.replace(/^<\w+/, "").replace(/\/?>$/, "");
  for (const m of body.matchAll(/([^\s=/>]+)(?:="([^"]*)")?/g)) out[m[1].toLowerCase()] = decodeEntities(m[2] ?? "");
  return out;
}

export function parseForms(html: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/g)) {
    const formHtml = m[0];
    const attrs = attributes(/^<form\b[^>]*>/.exec(formHtml)![0]);
    const fields: [string, string][] = [];
    const buttons: HtmlForm["buttons"] = [];
    const controls = /<(input|textarea|select|button)\b[^>]*>(?:([\s\S]*?)<\/\1>)?/g;
    for (const c of formHtml.matchAll(controls)) {
      const tag = c[1];
      const a = attributes(/^<\w+\b[^>]*>/.exec(c[0])![0]);
      if ("disabled" in a) continue;
      if (tag === "button") {
        if ((a.type ?? "submit") === "submit") {
          buttons.push({ name: a.name ?? null, value: a.value ?? "", text: stripTags(c[2] ?? "") });
        }
        continue;
      }
      if (!a.name) continue;
      if (tag === "textarea") {
        // The HTML parser drops one newline right after <textarea>.
        fields.push([a.name, decodeEntities((c[2] ?? "").replace(/^\n/, ""))]);
      } else if (tag === "select") {
        const options = [...(c[2] ?? "").matchAll(/<option\b[^>]*>[\s\S]*?<\/option>/g)].map((o) =>
          attributes(/^<option\b[^>]*>/.exec(o[0])![0]),
        );
        const chosen = options.find((o) => "selected" in o) ?? options[0];
        if (chosen) fields.push([a.name, chosen.value ?? ""]);
      } else {
        const type = (a.type ?? "text").toLowerCase();
        if (type === "submit" || type === "button" || type === "reset" || type === "image" || type === "file") continue;
        if ((type === "checkbox" || type === "radio") && !("checked" in a)) continue;
        fields.push([a.name, a.value ?? (type === "checkbox" || type === "radio" ? "on" : "")]);
      }
    }
    forms.push({ id: attrs.id ?? null, action: attrs.action ?? null, method: (attrs.method ?? "get").toLowerCase(), fields, buttons, html: formHtml });
  }
  return forms;
}

function stripTags(html: string) {
  return decodeEntities(html.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
}

/** The value a page shows in the named input or textarea (null when there is none or it has no value). */
export function fieldValue(html: string, name: string): string | null {
  for (const form of parseForms(html)) {
    const found = form.fields.find(([n]) => n === name);
    if (found) return found[1];
  }
  return null;
}

/**
 * Submits the first form of `page` that matches `find` (its id, a field it
 * has, the text of one of its buttons), with `changes` typed into it and the
 * button whose text is `button` pressed (default: its first submit button).
 */
export async function submitForm(
  client: Client,
  pagePath: string,
  page: Page,
  find: { id?: string; withField?: string; button?: string },
  changes: Record<string, string> = {},
): Promise<Page> {
  const forms = parseForms(page.html);
  const form = forms.find(
    (f) =>
      (!find.id || f.id === find.id) &&
      (!find.withField || f.fields.some(([n]) => n === find.withField)) &&
      (!find.button || f.buttons.some((b) => b.text === find.button)),
  );
  if (!form) throw new Error(`no form ${JSON.stringify(find)} on ${pagePath}`);
  if (form.method !== "post") throw new Error(`form ${JSON.stringify(find)} is not method="post"`);
  const body = new URLSearchParams();
  const pending = new Map(Object.entries(changes));
  for (const [name, value] of form.fields) {
    if (pending.has(name)) {
      body.append(name, pending.get(name)!);
      pending.delete(name);
    } else {
      body.append(name, value);
    }
  }
  for (const [name, value] of pending) body.append(name, value);
  const pressed = find.button ? form.buttons.find((b) => b.text === find.button) : form.buttons[0];
  if (!pressed) throw new Error(`no submit button ${find.button ?? ""} in form ${JSON.stringify(find)}`);
  if (pressed.name) body.append(pressed.name, pressed.value);
  const action = new URL(form.action ?? pagePath, client.base + pagePath);
  return client.post(action.pathname + action.search, body);
}

/** Text of the element with this id (null when absent). */
export function textById(html: string, id: string): string | null {
  const m = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return m ? stripTags(m[2]) : null;
}

/**
 * The error shown for a field of a conform form: the element `<form>-<field>-error`,
 * which the field's input names in aria-describedby (so a screen reader reads it with the field).
 */
export function fieldError(html: string, formId: string, field: string): string | null {
  const errorId = `${formId}-${field}-error`;
  const text = textById(html, errorId);
  if (text === null) return null;
  const input = new RegExp(`<(input|textarea|select)\\b[^>]*\\bid="${formId}-${field}"[^>]*>`).exec(html);
  if (!input) throw new Error(`no control ${formId}-${field}`);
  const a = attributes(input[0]);
  if (!(a["aria-describedby"] ?? "").split(" ").includes(errorId)) {
    throw new Error(`${formId}-${field} does not point at its error with aria-describedby`);
  }
  if (a["aria-invalid"] !== "true") throw new Error(`${formId}-${field} is not marked aria-invalid`);
  return text;
}

/** The ids of the controls that carry `autofocus` (where a page opens without JavaScript). */
export function autofocused(html: string): string[] {
  return [...html.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)]
    .map((m) => attributes(m[0]))
    .filter((a) => "autofocus" in a)
    .map((a) => a.id ?? "");
}

/** Text of the form-level error box (role="alert"), e.g. a failed sign-in. */
export function formError(html: string): string | null {
  const m = /<div\b[^>]*class="form-error"[^>]*>([\s\S]*?)<\/div>/.exec(html);
  return m ? stripTags(m[1]) : null;
}
