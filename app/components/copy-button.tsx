import { useEffect, useState } from "react";
import { useT } from "~/i18n/react";

/** Copies text to the clipboard; rendered only once JavaScript runs, since it needs it. */
export function CopyButton({ text, describe }: { text: string; describe?: string }) {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setHydrated(true), []);
  if (!hydrated) return null;
  return (
    <button
      type="button"
      className="button secondary"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      <span aria-live="polite">{copied ? t("shell.copied") : t("shell.copy")}</span>
      {describe ? <span className="visually-hidden">: {describe}</span> : null}
    </button>
  );
}
