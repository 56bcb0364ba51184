// The self and peer rating forms share one shape: per norm a 1–5 scale and an
// optional text (`example.<code>` on the self form, `observation.<code>` on the peer form).
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { z } from "zod";
import { FieldError, FormErrors, SubmitButton, TextareaField, useFirstError } from "./forms";
import { msg } from "../forms";
import { RATING_VALUES } from "../domain/checkin-results";
import { formatDate } from "../i18n/format";
import { useT } from "../i18n/react";
import { Markdown, TeamText } from "./norms";

export const RATING_TEXT_MAX = 2000;
export type TextKind = "example" | "observation";
export type RatingNorm = { normId: number; code: string; title: string; version: number; bodyHtml?: string };
export type RatingFormValue = { rating: Record<string, number> } & Partial<Record<TextKind, Record<string, string>>>;

const ratingValue = z
  .string({
    error: (iss) =>
      iss.input === undefined
        ? msg("checkins.error.ratingRequired")
        : msg(Array.isArray(iss.input) ? "form.repeated" : "checkins.error.ratingRange"),
  })
  .refine((v) => /^[1-5]$/.test(v), { error: msg("checkins.error.ratingRange") })
  .transform(Number);

const text = z
  .string({ error: (iss) => (Array.isArray(iss.input) ? msg("form.repeated") : msg("form.tooLong", { max: RATING_TEXT_MAX })) })
  .refine((v) => v.length <= RATING_TEXT_MAX, { error: msg("form.tooLong", { max: RATING_TEXT_MAX }) })
  .optional()
  .transform((v) => v ?? "");

/**
 * Every norm of the cycle needs a rating; the text per norm is optional and kept
 * exactly as typed. A rating or text for a norm the cycle does not cover is an
 * error for the whole form (a script's guess, or a stale page), not silently dropped.
 */
export function ratingSchema(codes: readonly string[], textKind: TextKind) {
  // zod compiles a schema on its first parse (~0.5 ms for a form of twelve norms,
  // more than saving the ratings), and a schema depends on nothing but the form's
  // kind and its norms' codes, so it is kept by those (cycles with the same norms
  // share one; the oldest of SCHEMAS_KEPT goes first).
  const key = JSON.stringify([textKind, ...codes]);
  let schema = schemas.get(key);
  if (!schema) {
    if (schemas.size >= SCHEMAS_KEPT) schemas.delete(schemas.keys().next().value!);
    schemas.set(key, (schema = buildRatingSchema(codes, textKind)));
  }
  return schema;
}

const SCHEMAS_KEPT = 200;
const schemas = new Map<string, z.ZodType<RatingFormValue>>();

function buildRatingSchema(codes: readonly string[], textKind: TextKind) {
  const perNorm = <T extends z.ZodType>(schema: T) => z.object(Object.fromEntries(codes.map((c) => [c, schema])));
  const known = new Set(codes);
  const fields = z.object({
    rating: z.preprocess((v) => v ?? {}, perNorm(ratingValue)),
    [textKind]: z.preprocess((v) => v ?? {}, perNorm(text)),
  });
  // The keys are the cycle's norm codes, known only at run time; the cast names the shape.
  return z.preprocess((raw, ctx) => {
    for (const group of ["rating", textKind]) {
      const given = (raw as Record<string, unknown> | undefined)?.[group];
      if (given === undefined) continue;
      // "rating=3" (no code) arrives as a string; "rating.N-1.x" as a nested object, which the per-norm check reports.
      const names = typeof given === "object" && given !== null && !Array.isArray(given) ? Object.keys(given) : [""];
      for (const code of names.filter((c) => !known.has(c))) {
        ctx.addIssue({ code: "custom", path: [], message: msg("checkins.error.normNotInCycle", { code: code.slice(0, 40) || group }) });
      }
    }
    return raw;
  }, fields) as unknown as z.ZodType<RatingFormValue>;
}

/**
 * The reply when the check-in closed before the form came in: only that, not the fields
 * to fix, as nothing can be saved any more. What was typed stays in the form, to copy.
 */
export function closedRatingReply(reply: SubmissionResult<string[]>): SubmissionResult<string[]> {
  return { ...reply, error: { "": [msg("checkins.error.closed")] } };
}

/** Parsed form → one entry per norm, ready for saveSelfRatings / savePeerRatings. */
export function ratingEntries(value: RatingFormValue, norms: readonly RatingNorm[], textKind: TextKind) {
  const texts = value[textKind] ?? {};
  return norms.map((n) => ({ normId: n.normId, rating: value.rating[n.code], text: texts[n.code] ?? "" }));
}

/** Stored ratings → the form's default value. */
export function ratingDefaults(
  norms: readonly RatingNorm[],
  existing: readonly { normId: number; rating: number; text: string }[],
  textKind: TextKind,
) {
  const rating: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const n of norms) {
    const row = existing.find((e) => e.normId === n.normId);
    if (!row) continue;
    rating[n.code] = String(row.rating);
    texts[n.code] = row.text;
  }
  return { rating, [textKind]: texts };
}

type RatingFormProps = {
  id: string;
  norms: RatingNorm[];
  textKind: TextKind;
  textLabel: string;
  textHint: string;
  submitLabel: string;
  defaultValue: Record<string, unknown>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  editable: boolean;
};

/**
 * The whole self/peer rating page: back link, heading, an intro while the cycle runs or
 * a closed notice after it; the form while it runs, or after a refused (409) submission
 * so that nothing typed is lost.
 */
export function RatingPage({
  teamId,
  cycle,
  heading,
  intro,
  ...form
}: Omit<RatingFormProps, "editable"> & {
  teamId: string;
  cycle: { id: number; title: string; open: boolean; closedAt: number | null };
  heading: string;
  intro: string;
}) {
  const t = useT();
  return (
    <section className="narrow">
      <p>
        <Link to={`/teams/${teamId}/checkins/${cycle.id}`}>{cycle.title}</Link>
      </p>
      <h1>{heading}</h1>
      {cycle.open ? (
        <p>{intro}</p>
      ) : (
        <p className="notice">{t("checkins.form.closedView", { date: formatDate(t.locale, cycle.closedAt ?? 0, "datetime") })}</p>
      )}
      {cycle.open || form.lastResult ? <RatingForm {...form} editable={cycle.open} /> : null}
    </section>
  );
}

function RatingForm({
  id,
  norms,
  textKind,
  textLabel,
  textHint,
  submitLabel,
  defaultValue,
  lastResult,
  editable,
}: RatingFormProps) {
  const t = useT();
  const codes = norms.map((n) => n.code);
  const [form, fields] = useForm<RatingFormValue>({
    id,
    lastResult,
    defaultValue,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ratingSchema(codes, textKind) }),
  });
  const ratingFields = fields.rating.getFieldset();
  const textFields = fields[textKind].getFieldset();
  // On a form of a dozen norms, the refused ones are listed first, each a link to its
  // norm: nobody has to Tab through every scale to find the next one.
  const refused = norms.filter((n) => ratingFields[n.code].errors?.length || textFields[n.code].errors?.length);
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors form={form} />
      {refused.length > 1 ? (
        <div className="form-error error-summary">
          <p>{t.plural("checkins.form.errorSummary", refused.length)}</p>
          <ul>
            {refused.map((n) => (
              <li key={n.normId}>
                <a href={`#${id}-norm-${n.code}`}>{n.code}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {norms.map((n) => (
        <fieldset key={n.normId} id={`${id}-norm-${n.code}`} className="norm-rating" tabIndex={-1}>
          <legend>
            {n.code} — <TeamText>{n.title}</TeamText>
          </legend>
          <p className="hint">{t("checkins.form.normVersion", { version: n.version })}</p>
          {n.bodyHtml ? (
            <details className="norm-text">
              <summary>{t("checkins.form.normText", { code: n.code })}</summary>
              <Markdown html={n.bodyHtml} norm />
            </details>
          ) : null}
          <RatingScale field={ratingFields[n.code]} />
          <TextareaField field={textFields[n.code]} label={textLabel} hint={textHint} optional rows={3} />
        </fieldset>
      ))}
      {editable ? <SubmitButton>{submitLabel}</SubmitButton> : null}
    </Form>
  );
}

function RatingScale({ field }: { field: FieldMetadata<number> }) {
  const t = useT();
  // Each read of a conform field goes through its metadata (a fresh object per read);
  // getInputProps for every radio, 60 a form, made the rating forms the app's
  // heaviest pages (~3 ms of a 13 ms request), so the few values are read once here.
  const { id, name, formId, errorId } = field;
  const initial = field.initialValue;
  const invalid = Boolean(field.errors?.length);
  // Without JavaScript a refused form opens on its first unrated norm, as other forms do.
  const firstError = useFirstError(field);
  return (
    <div className="scale">
      {RATING_VALUES.map((v) => (
        <label key={v} htmlFor={`${id}-${v}`}>
          <input
            id={`${id}-${v}`}
            autoFocus={firstError && v === RATING_VALUES[0]}
            name={name}
            form={formId}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? errorId : undefined}
            type="radio"
            value={String(v)}
            defaultChecked={initial === String(v)}
          />
          {t(`checkins.scale.${v}`)}
        </label>
      ))}
      <FieldError field={field} />
    </div>
  );
}
