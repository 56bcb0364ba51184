import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { getCurrentSession, safeRedirect } from "~/auth.server";
import { FormErrors, SubmitButton, TextField, validateOnSubmit } from "~/components/forms";
import { email, looseText, msg, requiredText, secret } from "~/forms";
import { useT } from "~/i18n/react";
import { carriedRedirectTo } from "~/safe-redirect";
import { repeatSince } from "~/double-click.server";
import { createUser, repeatedSignUp } from "~/models/users.server";
import { startSession } from "~/auth.server";
import { languageCookie } from "~/i18n/locale.server";
import { isLocale } from "~/i18n";

export { ErrorBoundary } from "~/components/error-page";

export const schema = z.object({
  email: email(),
  name: requiredText(80),
  password: secret(10),
  redirectTo: looseText(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentSession(request);
  if (current) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, name, password, redirectTo } = submission.value;
  const cookieLang = await languageCookie.parse(request.headers.get("Cookie")).catch(() => null);
  const since = repeatSince(request);
  const userId =
    (await createUser({ email, name, password, language: isLocale(cookieLang) ? cookieLang : null })) ??
    (since === null ? null : await repeatedSignUp({ email, name, password }, since));
  if (!userId) {
    return data(
      submission.reply({ fieldErrors: { email: [msg("auth.signup.emailTaken")] }, hideFields: ["password"] }),
      { status: 400 },
    );
  }
  return redirect(safeRedirect(redirectTo), { status: 303, headers: { "Set-Cookie": await startSession(userId) } });
}

export default function Signup() {
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "signup",
    lastResult,
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const redirectTo = carriedRedirectTo(fields.redirectTo.initialValue, searchParams);
  return (
    <section className="narrow">
      <h1>{t("auth.signup.title")}</h1>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField field={fields.email} label={t("auth.field.email")} type="email" autoComplete="email" />
        <TextField field={fields.name} label={t("auth.field.name")} autoComplete="name" />
        <TextField
          field={fields.password}
          label={t("auth.field.password")}
          hint={t("auth.field.passwordHint")}
          type="password"
          autoComplete="new-password"
        />
        <SubmitButton>{t("auth.signup.submit")}</SubmitButton>
      </Form>
      <p>
        {t("auth.signup.haveAccount")}{" "}
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>{t("shell.login")}</Link>
      </p>
    </section>
  );
}
