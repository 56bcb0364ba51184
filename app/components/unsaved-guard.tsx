// With JavaScript, leaving a page while a form holds text that was typed and not sent,
// or a choice (a rating) that was made and not sent, asks first (decision 081). Without
// JavaScript nothing asks.
// The same submit listener asks before a button marked `data-confirm` (SubmitButton's
// `confirm`: removing a member, closing early, withdrawing) sends its form, so one
// question covers both what the button does and the text it would throw away. Narrowing
// this guard must keep that question.
import { useBeforeUnload, useBlocker, useNavigation } from "@remix-run/react";
import { useCallback, useContext, useEffect, useRef } from "react";
import { UNSAFE_DataRouterStateContext } from "react-router-dom";
import { useT } from "../i18n/react";

/** A field whose text counts: typed text in a form that posts (not a search or filter). */
function isTextField(target: unknown): target is HTMLTextAreaElement | HTMLInputElement {
  const field = target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === "text") ? target : null;
  return !!field && !field.readOnly && field.form?.method === "post";
}

/**
 * A choice made in a form that posts: a rating form's scales above all, where redoing a
 * dozen radio groups by keyboard or screen reader costs as much as retyping a text.
 */
function isChoice(target: unknown): target is HTMLInputElement {
  return target instanceof HTMLInputElement && target.type === "radio" && target.form?.method === "post";
}

function holdsText(form: HTMLFormElement) {
  return Array.from(form.elements).some(
    (el) => (isTextField(el) && el.value.trim() !== "" && el.value !== el.defaultValue) || (isChoice(el) && el.checked !== el.defaultChecked),
  );
}

// Posts that end what the other forms on the page were for: a closed or withdrawn
// proposal has no comment or vote form any more.
const ENDING_INTENTS = new Set(["close", "withdraw"]);

export function UnsavedTextGuard() {
  const t = useT();
  // Forms typed in since they were last sent and saved.
  const edited = useRef(new Set<HTMLFormElement>());
  const sent = useRef<HTMLFormElement | null>(null);
  // The form whose submit event is being handled: the navigation it starts is its own
  // post, not leaving it (a note's edit form at `?edit=` posts to the page without it).
  const submitting = useRef<HTMLFormElement | null>(null);
  // A post that was saved redirects, which leaves no action data; one the server refused
  // (400, 409) answers with data, and its text, still in the form, is still unsaved.
  const navigation = useNavigation();
  const actionData = useContext(UNSAFE_DataRouterStateContext)?.actionData;
  useEffect(() => {
    if (navigation.state !== "idle" || !sent.current) return;
    if (!actionData) edited.current.delete(sent.current);
    sent.current = null;
  }, [navigation.state, actionData]);
  const unsaved = useCallback((except?: HTMLFormElement) => {
    for (const form of edited.current) {
      if (!form.isConnected) edited.current.delete(form);
      else if (form !== except && holdsText(form)) return true;
    }
    return false;
  }, []);
  useEffect(() => {
    const forms = edited.current;
    const onInput = (e: Event) => {
      if ((isTextField(e.target) || isChoice(e.target)) && e.target.form) forms.add(e.target.form);
    };
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement)) return;
      // conform checks a form as it is typed in by sending it a submit event from a
      // hidden "__intent__" button, which it then cancels: nothing was sent.
      if (e.submitter?.getAttribute("name") === "__intent__") return;
      const intent = e.submitter instanceof HTMLButtonElement ? e.submitter.value : "";
      // A button for something that cannot be undone (closing, removing) asks first, in
      // the same question as the text it would throw away: one dialog, not two.
      const question = [
        e.submitter?.getAttribute("data-confirm"),
        ENDING_INTENTS.has(intent) && unsaved(form) ? t("shell.discardUnsaved") : null,
      ].filter(Boolean);
      if (question.length > 0 && !window.confirm(question.join("\n\n"))) {
        // Runs before React's handlers (a capture listener registered on the document):
        // the post never starts.
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      // The router asks the blocker below within this same event, if the post goes ahead.
      submitting.current = form;
      // Sent, unless the browser-side check refused it (marked invalid once React has
      // rendered). Whether it was saved shows when the navigation ends, below.
      setTimeout(() => {
        submitting.current = null;
        if (!form.querySelector('[aria-invalid="true"]')) sent.current = form;
      }, 0);
    };
    document.addEventListener("input", onInput, true);
    document.addEventListener("submit", onSubmit, true);
    return () => {
      document.removeEventListener("input", onInput, true);
      document.removeEventListener("submit", onSubmit, true);
    };
  }, [t, unsaved]);

  // Posts back to the same page (a comment while a note is half written) do not leave it.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) &&
      unsaved(submitting.current ?? undefined),
  );
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm(t("shell.leaveUnsaved"))) {
      edited.current.clear();
      blocker.proceed();
    } else blocker.reset();
  }, [blocker, t]);
  useBeforeUnload(
    useCallback(
      (e: BeforeUnloadEvent) => {
        if (!unsaved()) return;
        e.preventDefault();
        e.returnValue = "";
      },
      [unsaved],
    ),
  );
  return null;
}
