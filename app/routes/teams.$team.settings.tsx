import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { SelectField, SubmitButton, TextareaField, TextField, validateOnSubmit } from "~/components/forms";
import { choice, intInRange, looseText, msg, optionalText, requiredText } from "~/forms";
import { redirectWithFlash } from "~/flash.server";
import { useT } from "~/i18n/react";
import { updateSettings } from "~/models/teams.server";
import { requireLead } from "~/permissions.server";

export { ErrorBoundary } from "~/components/error-page";

const rules = z.object({
  decisionRule: choice(["majority", "consent"]),
  quorumPercent: intInRange(0, 100),
  voteDays: intInRange(1, 30),
  anonymityThreshold: intInRange(3, 1000, { below: msg("form.numberMin", { min: 3 }) }),
  language: choice(["en", "nl"]),
});

/**
 * Scripts may post only the five rule fields (the contract), and then name and
 * description stay as they are. A field that is sent is validated, blank included:
 * conform turns "" into undefined, so `.optional()` alone would silently keep
 * the old name when a lead clears it.
 */
function schemaFor(sent: (field: "name" | "description") => boolean) {
  return rules.extend({
    // Not sent at all: stays undefined, which keeps the stored value.
    name: sent("name") ? requiredText(80) : looseText(),
    description: sent("description") ? optionalText(1000) : looseText(),
  });
}

const formSchema = schemaFor(() => true);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireLead(request, params);
  return {
    settings: {
      name: team.name,
      description: team.description,
      decisionRule: team.decisionRule,
      quorumPercent: team.quorumPercent,
      voteDays: team.voteDays,
      anonymityThreshold: team.anonymityThreshold,
      language: team.language,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireLead(request, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: schemaFor((field) => formData.has(field)) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { name, description, ...rules } = submission.value;
  updateSettings(team.id, user.id, {
    ...rules,
    name: name ?? team.name,
    description: description ?? team.description,
  });
  return redirectWithFlash(`/teams/${team.id}/settings`, { key: "settings.saved" });
}

export default function Settings() {
  const { settings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "settings",
    lastResult,
    defaultValue: settings,
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: formSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("settings.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <fieldset>
          <legend>{t("settings.general")}</legend>
          <TextField field={fields.name} label={t("team.field.name")} />
          <TextareaField field={fields.description} label={t("team.field.description")} optional rows={3} />
          <SelectField
            field={fields.language}
            label={t("settings.language")}
            options={[
              { value: "nl", label: t("lang.nl") },
              { value: "en", label: t("lang.en") },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>{t("settings.decisions")}</legend>
          <SelectField
            field={fields.decisionRule}
            label={t("settings.decisionRule")}
            options={[
              { value: "majority", label: t("settings.rule.majority") },
              { value: "consent", label: t("settings.rule.consent") },
            ]}
          />
          <TextField field={fields.quorumPercent} label={t("settings.quorumPercent")} hint={t("settings.quorumHint")} type="number" />
          <TextField field={fields.voteDays} label={t("settings.voteDays")} type="number" />
        </fieldset>
        <fieldset>
          <legend>{t("settings.checkins")}</legend>
          <TextField
            field={fields.anonymityThreshold}
            label={t("settings.anonymityThreshold")}
            hint={t("settings.anonymityHelp")}
            type="number"
          />
        </fieldset>
        <SubmitButton>{t("settings.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
