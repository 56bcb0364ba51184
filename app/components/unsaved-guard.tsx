// With JavaScript, leaving a page while a form holds text that was typed and not sent
// asks first (decision 081). Without JavaScript nothing asks.
import { useBeforeUnload, useBlocker } from "@remix-run/react";
import { useCallback, useEffect, useRef } from "react";
import { useT } from "../i18n/react";

/** A field whose text counts: free text in a form that has a text area (not sign-in forms). */
function isTextField(target: unknown): target is HTMLTextAreaElement | HTMLInputElement {
  if (target instanceof HTMLTextAreaElement) return !target.readOnly;
  return target instanceof HTMLInputElement && target.type === "text" && !!target.form?.querySelector("textarea");
}

function holdsText(form: HTMLFormElement) {
  return Array.from(form.elements).some((el) => isTextField(el) && el.value.trim() !== "" && el.value !== el.defaultValue);
}

// Posts that end what the other forms on the page were for: a closed or withdrawn
// proposal has no comment or vote form any more.
const ENDING_INTENTS = new Set(["close", "withdraw"]);

export function UnsavedTextGuard() {
  const t = useT();
  // Forms typed in since they were last sent.
  const edited = useRef(new Set<HTMLFormElement>());
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
      if (isTextField(e.target) && e.target.form) forms.add(e.target.form);
    };
    const onSubmit = (e: SubmitEvent) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement)) return;
      const intent = e.submitter instanceof HTMLButtonElement ? e.submitter.value : "";
      if (ENDING_INTENTS.has(intent) && unsaved(form) && !window.confirm(t("shell.discardUnsaved"))) {
        // Runs before React's handlers (a capture listener registered on the document):
        // the post never starts.
        e.preventDefault();
        e.stopPropagation();
        return;
      }
      // Sent: saved, or refused by the server with the text still in it. A form the
      // browser-side check refused (marked invalid once React has rendered) stays.
      setTimeout(() => {
        if (!form.querySelector('[aria-invalid="true"]')) forms.delete(form);
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
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search) && unsaved(),
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
