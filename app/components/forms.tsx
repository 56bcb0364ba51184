import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  type FieldMetadata,
  type FormMetadata,
} from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { useContext, useEffect, useRef, type ReactNode } from "react";
import { FirstErrorClaims } from "./first-error";
import { useT } from "../i18n/react";
import { SubmitButton, translateError } from "./submit-button";

// The plain pieces live in submit-button.tsx, free of conform and zod, so a page
// with only a button (the agreement) keeps a small client bundle.
export { SubmitButton, translateError };

export function FieldError({ field }: { field: FieldMetadata<any> }) {
  const t = useT();
  if (!field.errors?.length) return null;
  return (
    <p id={field.errorId} className="field-error">
      {field.errors.map((e) => translateError(t, e)).join(" ")}
    </p>
  );
}

export function FormErrors({ form }: { form: FormMetadata<any> }) {
  const t = useT();
  const claims = useContext(FirstErrorClaims);
  if (!form.errors?.length) return null;
  // A form refused as a whole (a failed sign-in) has no wrong field to open on: without
  // JavaScript the page opens on this message, so a screen reader reads it (as
  // useFirstError does for a field; it comes first in the form, so it claims first).
  const first = !!claims && !claims.has(form.id) && !!claims.set(form.id, "");
  return (
    <div id={form.errorId} className="form-error" role="alert" tabIndex={-1} autoFocus={first || undefined}>
      {form.errors.map((e) => (
        <p key={e}>{translateError(t, e)}</p>
      ))}
    </div>
  );
}

function describedBy(field: FieldMetadata<any>, hint?: ReactNode) {
  const ids = [hint ? field.descriptionId : null, field.errors?.length ? field.errorId : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

type Common = { field: FieldMetadata<any>; label: ReactNode; hint?: ReactNode; optional?: boolean };

/**
 * Whether this field shows its form's first error. It then carries `autofocus`: a page
 * refused without JavaScript opens on that field, and a screen reader reads its label,
 * "invalid" and the error at once, instead of the page starting silently at the top.
 * Decided on the server only (see root.tsx); once the page runs, conform and root.tsx
 * move the focus to errors.
 */
export function useFirstError(field: FieldMetadata<any>) {
  const claims = useContext(FirstErrorClaims);
  if (!claims || !field.errors?.length) return false;
  if (!claims.has(field.formId)) claims.set(field.formId, field.name);
  return claims.get(field.formId) === field.name;
}

function Label({ field, label, optional }: Common) {
  const t = useT();
  return (
    <label htmlFor={field.id}>
      {label}
      {optional ? <span className="muted"> ({t("shell.optional")})</span> : null}
    </label>
  );
}

function Hint({ field, hint }: Common) {
  return hint ? (
    <p id={field.descriptionId} className="hint">
      {hint}
    </p>
  ) : null;
}

// Constraint attributes (required, maxLength) are left off on purpose: maxLength
// silently cuts pasted text, and the server's messages are clearer than the browser's.
export function TextField(
  props: Common & { type?: "text" | "email" | "password" | "number" | "date" | "datetime-local"; autoComplete?: string; min?: string; autoFocus?: boolean },
) {
  const { field, type = "text", autoComplete, min } = props;
  const inputProps = getInputProps(field, { type, ariaAttributes: true });
  const firstError = useFirstError(field);
  const autoFocus = firstError || props.autoFocus;
  return (
    <div className="field">
      <Label {...props} />
      <Hint {...props} />
      <input
        {...inputProps}
        required={undefined}
        maxLength={undefined}
        minLength={undefined}
        autoComplete={autoComplete}
        min={min}
        autoFocus={autoFocus || undefined}
        data-autofocus={props.autoFocus ? "" : undefined}
        aria-describedby={describedBy(field, props.hint)}
        // A password is never sent back to the browser, even after a validation error.
        defaultValue={type === "password" ? undefined : inputProps.defaultValue}
      />
      <FieldError field={field} />
    </div>
  );
}

export function TextareaField(props: Common & { rows?: number; autoFocus?: boolean }) {
  const { field, rows = 6 } = props;
  const autoFocus = useFirstError(field) || props.autoFocus;
  return (
    <div className="field">
      <Label {...props} />
      <Hint {...props} />
      <textarea
        {...getTextareaProps(field, { ariaAttributes: true })}
        required={undefined}
        maxLength={undefined}
        minLength={undefined}
        rows={rows}
        autoFocus={autoFocus}
        // React focuses the field on mount without writing `autofocus` into the DOM; this
        // tells root.tsx's focus-after-navigation not to move focus away from it.
        data-autofocus={props.autoFocus ? "" : undefined}
        aria-describedby={describedBy(field, props.hint)}
      />
      <FieldError field={field} />
    </div>
  );
}

export function SelectField(props: Common & { options: { value: string; label: string }[] }) {
  const { field, options } = props;
  const firstError = useFirstError(field);
  return (
    <div className="field">
      <Label {...props} />
      <Hint {...props} />
      <select
        {...getSelectProps(field, { ariaAttributes: true })}
        required={undefined}
        autoFocus={firstError || undefined}
        aria-describedby={describedBy(field, props.hint)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldError field={field} />
    </div>
  );
}

/**
 * When a form checks its fields in the browser: when it is sent, and from then on at every
 * keystroke, so an error goes while it is being fixed. Never on leaving a field: an error
 * appearing or vanishing there moved the submit button under the mouse between press and
 * release, and the click that should have sent the form did nothing.
 */
export const validateOnSubmit = { shouldValidate: "onSubmit", shouldRevalidate: "onInput" } as const;

/**
 * Empties the text boxes of a form that adds something (a comment, a note, an action)
 * once what it sent is saved. With JavaScript the page stays mounted across the post and
 * its redirect, so the text stayed in the box and one more click posted it again. Only
 * the named text fields: a lead writing private notes one after another keeps "private"
 * chosen (resetting the whole form flipped it back to "shared"). Saved means the post of
 * this intent is over and no action data came back for it (a refusal keeps the text:
 * `failed`). Without JavaScript the new page has an empty form anyway.
 */
export function useEmptiedAfterSave(formId: string, intent: string, failed: boolean, textFields: readonly string[]) {
  const navigation = useNavigation();
  const sending = navigation.state !== "idle" && navigation.formData?.get("intent") === intent;
  const wasSending = useRef(false);
  useEffect(() => {
    if (sending) {
      wasSending.current = true;
    } else if (wasSending.current && navigation.state === "idle") {
      wasSending.current = false;
      const form = document.getElementById(formId) as HTMLFormElement | null;
      if (failed || !form) return;
      for (const name of textFields) {
        const field = form.elements.namedItem(name);
        if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = "";
      }
    }
  }, [sending, navigation.state, failed, formId, textFields]);
}
