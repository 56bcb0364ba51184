// Its own module: the concreteness word lists are ~6 KB of gzipped JavaScript, and
// pages that only show norms (the agreement a new hire opens first) must not carry them.
import type { MessageKey } from "../i18n";
import { useT } from "../i18n/react";
import { concretenessHints, type ConcretenessHint } from "../domain/concreteness";

/**
 * Tips that make a norm's title observable. Rendered on the server from the
 * stored title; with JavaScript, `useLiveTitle` feeds it what is being typed.
 */
export function ConcretenessPanel({ title, id = "concreteness", level = 2 }: { title: string; id?: string; level?: 2 | 3 }) {
  const t = useT();
  const hints = concretenessHints(title);
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section className="hints" aria-labelledby={`${id}-title`} aria-live="polite">
      <Heading id={`${id}-title`}>{t("hints.title")}</Heading>
      {!title.trim() ? (
        <p className="muted">{t("hints.empty")}</p>
      ) : hints.length === 0 ? (
        <p className="hint-ok">{t("hints.concrete")}</p>
      ) : (
        <>
          <ul>
            {hints.map((h) => (
              <li key={h.kind}>
                <HintText hint={h} />
              </li>
            ))}
          </ul>
          <p className="muted">{t("hints.neverBlocks")}</p>
        </>
      )}
    </section>
  );
}

function HintText({ hint }: { hint: ConcretenessHint }) {
  const t = useT();
  const words = hint.words.map((word) => t("hints.quote", { word })).join(", ");
  return (
    <>
      <strong>{t(`hints.${hint.kind}.problem` as MessageKey, { words })}</strong> {t(`hints.${hint.kind}.fix` as MessageKey)}{" "}
      <span className="example">{t(`hints.${hint.kind}.example` as MessageKey)}</span>
    </>
  );
}
