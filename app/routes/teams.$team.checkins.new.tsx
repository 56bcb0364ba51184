import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError, FormErrors, SubmitButton, TextField, validateOnSubmit } from "~/components/forms";
import { parseIsoInstant } from "~/domain/dates";
import { intInRange, msg, requiredText } from "~/forms";
import { redirectWithFlash } from "~/flash.server";
import { parseLocalDateTime, toLocalDateTimeInput } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { openCycle } from "~/models/checkins.server";
import { listActiveNorms } from "~/models/norms.server";
import { requireLead } from "~/permissions.server";
import { repeatSince } from "~/double-click.server";

export { ErrorBoundary } from "~/components/error-page";

const DAY = 86_400_000;
/**
 * A browser's datetime-local value is Dutch wall-clock time; scripts may also send
 * an ISO instant with a zone. Anything else is not a time.
 */
function parseClosingTime(value: string): number | null {
  return parseLocalDateTime(value) ?? parseIsoInstant(value.trim());
}

function schemaAt(now: number) {
  return z.object({
    title: requiredText(120),
    normCodes: z.array(z.string(), { error: msg("checkins.error.pickNorm") }).min(1, { error: msg("checkins.error.pickNorm") }),
    closesAt: z
      .string({ error: (iss) => msg(Array.isArray(iss.input) ? "form.repeated" : "form.required") })
      .transform((v, ctx) => {
        const ms = parseClosingTime(v);
        if (ms === null) ctx.addIssue({ code: "custom", message: msg("form.invalidDate") });
        else if (ms <= now) ctx.addIssue({ code: "custom", message: msg("checkins.error.closesInPast") });
        else if (ms > now + 366 * DAY) ctx.addIssue({ code: "custom", message: msg("checkins.error.closesTooLate") });
        return ms ?? 0;
      }),
    // Scripts may leave it out; the form always sends it.
    peersPerMember: intInRange(1, 20).optional().default(3),
  });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireLead(request, params);
  // Two weeks from now at five in the afternoon, Dutch time.
  const closesAt = `${toLocalDateTimeInput(Date.now() + 14 * DAY).slice(0, 10)}T17:00`;
  return { teamId: team.id, threshold: team.anonymityThreshold, norms: listActiveNorms(team.id).map((n) => ({ id: n.id, code: n.code, version: n.currentVersion, title: n.title })), closesAt };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireLead(request, params);
  const now = Date.now();
  const submission = parseWithZod(await request.formData(), { schema: schemaAt(now) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = openCycle(team.id, user.id, submission.value, now, repeatSince(request, now));
  if (!result.ok) {
    const errors = result.unknown.map((code) => msg("checkins.error.unknownNorm", { code: code.slice(0, 40) }));
    return data(submission.reply({ fieldErrors: { normCodes: errors } }), { status: 400 });
  }
  return redirectWithFlash(`/teams/${team.id}/checkins/${result.cycleId}`, { key: "checkins.new.opened" });
}

export default function NewCheckin() {
  const { teamId, norms, closesAt, threshold } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "new-checkin",
    lastResult,
    defaultValue: { title: "", normCodes: norms.map((n) => n.code), closesAt, peersPerMember: "3" },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: schemaAt(Date.now()) }),
  });
  const normCodes = fields.normCodes;
  return (
    <section className="narrow">
      <h1>{t("checkins.new.title")}</h1>
      <p>{t("checkins.new.help")}</p>
      {norms.length === 0 ? <p className="notice">{t("checkins.new.noNorms")}</p> : null}
      {/* Nothing to rate yet: the way forward instead of a form that can only be refused.
          A post anyway (a script) still gets the form back with its errors. */}
      {norms.length === 0 && !lastResult ? (
        <p>
          <Link to={`/teams/${teamId}/proposals/new`} className="button">
            {t("checkins.new.proposeFirst")}
          </Link>
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextField field={fields.title} label={t("checkins.field.title")} hint={t("checkins.field.titleHint")} />
          <fieldset
            aria-describedby={[`${normCodes.id}-hint`, normCodes.errors?.length ? normCodes.errorId : null].filter(Boolean).join(" ")}
          >
            <legend>{t("checkins.field.norms")}</legend>
            <p className="hint" id={`${normCodes.id}-hint`}>
              {t("checkins.field.normsHint")}
            </p>
            {norms.map((n) => {
              const { key, ...props } = getInputProps(normCodes, { type: "checkbox", value: n.code });
              return (
                <div className="field checkbox" key={key ?? n.code}>
                  <input {...props} id={`${normCodes.id}-${n.code}`} aria-describedby={undefined} required={undefined} />{" "}
                  <label htmlFor={`${normCodes.id}-${n.code}`}>
                    {`${n.code} — ${n.title}`}
                  </label>
                </div>
              );
            })}
            <FieldError field={normCodes} />
          </fieldset>
          <TextField
            field={fields.closesAt}
            type="datetime-local"
            label={t("checkins.field.closesAt")}
            hint={t("checkins.field.closesAtHint")}
          />
          <TextField
            field={fields.peersPerMember}
            type="number"
            label={t("checkins.field.peersPerMember")}
            hint={t("checkins.field.peersHint", { threshold })}
          />
          <SubmitButton>{t("checkins.new.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}
