import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { z } from "zod";
import { requireUser } from "~/auth.server";
import { SubmitButton, TextareaField, TextField, validateOnSubmit } from "~/components/forms";
import { optionalText, requiredText } from "~/forms";
import { redirectWithFlash } from "~/flash.server";
import { resolveLocale } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { createTeam } from "~/models/teams.server";
import { repeatSince } from "~/double-click.server";

export { ErrorBoundary } from "~/components/error-page";

export const schema = z.object({
  name: requiredText(80),
  description: optionalText(1000),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // The team's default language starts as the language its creator is using.
  const language = await resolveLocale(request, user.language, null);
  const now = Date.now();
  const teamId = createTeam({ ...submission.value, language }, user.id, now, repeatSince(request, now));
  return redirectWithFlash(`/teams/${teamId}`, { key: "team.created" });
}

export default function NewTeam() {
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const [form, fields] = useForm({
    id: "new-team",
    lastResult,
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section className="narrow">
      <h1>{t("team.new.title")}</h1>
      <p>{t("team.new.help")}</p>
      <Form method="post" {...getFormProps(form)}>
        <TextField field={fields.name} label={t("team.field.name")} />
        <TextareaField field={fields.description} label={t("team.field.description")} optional rows={3} />
        <SubmitButton>{t("team.new.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
