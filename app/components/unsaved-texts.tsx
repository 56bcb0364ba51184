import { useT } from "~/i18n/react";
import type { UnsavedText } from "~/unsaved-text";

/** Texts a person wrote that were not saved, to copy: the form they were typed in is not on this page (decisions 079, 083). */
export function UnsavedTexts({ texts: unsaved, intro }: { texts: UnsavedText[] | null; intro: string }) {
  const t = useT();
  if (!unsaved?.length) return null;
  // The form's own words where a field has one meaning: a title is a proposal's norm, a text an action.
  const label = (u: UnsavedText) =>
    u.field === "example" || u.field === "observation"
      ? t(`unsaved.field.${u.field}`, { code: u.code ?? "" })
      : u.field === "title"
        ? t("proposal.field.title")
        : u.field === "text"
          ? t("conversation.actionText")
          : t(`unsaved.field.${u.field}`);
  return (
    <section className="panel" aria-labelledby="unsaved-title">
      <h2 id="unsaved-title">{t("unsaved.title")}</h2>
      <p>{intro}</p>
      {unsaved.map((u, i) => (
        <div className="field" key={i}>
          <label htmlFor={`unsaved-${i}`}>{label(u)}</label>
          <textarea id={`unsaved-${i}`} readOnly rows={Math.min(12, Math.max(3, u.value.split("\n").length + 1))} defaultValue={u.value} />
        </div>
      ))}
    </section>
  );
}
