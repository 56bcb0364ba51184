import { useNavigation } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { parseMsg } from "../form-messages";
import type { MessageKey, T } from "../i18n";
import { formatNumber } from "../i18n/format";
import { useT } from "../i18n/react";

export function translateError(t: T, error: string) {
  const { key, params } = parseMsg(error);
  // A character count reads better grouped as the language groups it (20,000; 20.000);
  // other numbers in messages (years, percentages) stay as they are.
  if (key === "form.tooLong" && /^\d+$/.test(params.max ?? "")) params.max = formatNumber(t.locale, Number(params.max));
  return t(key as MessageKey, params);
}

/** True when the pending submission went to the action this button's form posts to (not, say, the footer's language switch). */
function sentFrom(form: HTMLFormElement | null, formAction: string | undefined, sentAction: string | undefined) {
  if (!form || !sentAction) return true;
  const action = new URL(formAction ?? form.action, window.location.href);
  return action.pathname + action.search === sentAction;
}

/**
 * A submit button that shows a pending label while its form is being sent and the
 * page after it loads (with JavaScript), and ignores further clicks meanwhile, so a
 * double click does not create a team or an invite twice. `intent` names the form's
 * intent when a hidden input already sends it, so that only this button turns pending;
 * `name`/`value` make the button itself send a value.
 */
export function SubmitButton({
  children,
  name,
  value,
  intent,
  className,
  formAction,
  confirm,
}: {
  children: ReactNode;
  name?: string;
  value?: string;
  intent?: string;
  className?: string;
  formAction?: string;
  /** With JavaScript, asked before the form is sent (something that cannot be undone; see UnsavedTextGuard). */
  confirm?: string;
}) {
  const navigation = useNavigation();
  const t = useT();
  const expected = value ?? intent;
  const ref = useRef<HTMLButtonElement>(null);
  // formData stays set through the redirect that follows a successful post.
  const sent = navigation.formData;
  const pending =
    !!sent &&
    sentFrom(ref.current?.form ?? null, formAction, navigation.formAction) &&
    (expected === undefined || sent.get(name ?? "intent") === expected);
  return (
    <button
      ref={ref}
      type="submit"
      name={name}
      value={value}
      className={className ?? "button"}
      formAction={formAction}
      data-confirm={confirm}
      aria-disabled={pending || undefined}
      data-pending={pending || undefined}
      onClick={(event) => {
        if (pending) event.preventDefault();
      }}
    >
      {pending ? t("shell.working") : children}
    </button>
  );
}
