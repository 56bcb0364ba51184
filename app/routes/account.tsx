import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { changePassword, currentSessionId, requireUser, verifyPassword } from "~/auth.server";
import { FormErrors, SelectField, SubmitButton, TextField, validateOnSubmit } from "~/components/forms";
import { REPEATED, singleValue } from "~/form-data";
import { choice, msg, requiredText, secret } from "~/forms";
import { redirectWithFlash } from "~/flash.server";
import { passRetryAfter } from "~/http.server";
import { languageCookie } from "~/i18n/locale.server";
import { useT } from "~/i18n/react";
import { claimPasswordCheck, getUser, passwordCheckSucceeded, updateProfile } from "~/models/users.server";
import { notFound } from "~/permissions.server";

export { ErrorBoundary } from "~/components/error-page";

export const headers = passRetryAfter;

const profileSchema = z.object({
  intent: z.literal("profile"),
  name: requiredText(80),
  language: choice(["", "en", "nl"]).optional(),
});

const passwordSchema = z.object({
  intent: z.literal("password"),
  currentPassword: secret(),
  newPassword: secret(10),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { name: user.name, email: user.email, language: user.language ?? "" };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = singleValue(formData, "intent");
  if (intent === REPEATED) {
    // Which form was meant cannot be told; the profile form says what went wrong.
    const submission = parseWithZod(formData, { schema: profileSchema });
    return data({ intent: "profile" as const, result: submission.reply({ formErrors: [msg("form.repeated")] }) }, { status: 400 });
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: passwordSchema });
    const hide = { hideFields: ["currentPassword", "newPassword"] };
    if (submission.status !== "success") {
      return data({ intent: "password" as const, result: submission.reply(hide) }, { status: 400 });
    }
    const stored = getUser(user.id);
    if (!stored) notFound();
    // Guessing the current password in a browser left signed in counts against the same
    // limit as signing in: otherwise it could be guessed without end, then changed.
    const check = claimPasswordCheck(stored.email);
    if ("waitMs" in check) {
      const { waitMs } = check;
      const minutes = Math.ceil(waitMs / 60_000);
      const message = msg(minutes === 1 ? "account.tooManyOneMinute" : "account.tooMany", { minutes });
      return data(
        { intent: "password" as const, result: submission.reply({ fieldErrors: { currentPassword: [message] }, ...hide }) },
        { status: 429, headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) } },
      );
    }
    if (!(await verifyPassword(stored.passwordHash, submission.value.currentPassword))) {
      return data(
        {
          intent: "password" as const,
          result: submission.reply({ fieldErrors: { currentPassword: [msg("account.wrongPassword")] }, ...hide }),
        },
        { status: 400 },
      );
    }
    passwordCheckSucceeded(stored.email, check.claim);
    await changePassword(user.id, submission.value.newPassword, (await currentSessionId(request)) ?? "");
    return redirectWithFlash("/account", { key: "account.passwordChanged" });
  }
  const submission = parseWithZod(formData, { schema: profileSchema });
  if (submission.status !== "success") {
    return data({ intent: "profile" as const, result: submission.reply() }, { status: 400 });
  }
  const language = submission.value.language || null;
  updateProfile(user.id, { name: submission.value.name, language });
  // "Automatic" means team default or browser, so the footer switcher's cookie must not win either.
  const headers = language ? undefined : { "Set-Cookie": await languageCookie.serialize("", { maxAge: 0 }) };
  return redirectWithFlash("/account", { key: "account.saved" }, { headers });
}

export default function Account() {
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const [profileForm, profile] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: loaded.name, language: loaded.language },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: profileSchema }),
  });
  const [passwordForm, password] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: passwordSchema }),
  });
  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      <p className="muted">{loaded.email}</p>
      <section aria-labelledby="profile-title" className="panel">
        <h2 id="profile-title">{t("account.profile")}</h2>
        <Form method="post" {...getFormProps(profileForm)}>
          <FormErrors form={profileForm} />
          <input type="hidden" name="intent" value="profile" />
          <TextField field={profile.name} label={t("auth.field.name")} autoComplete="name" />
          <SelectField
            field={profile.language}
            label={t("account.language")}
            options={[
              { value: "", label: t("account.languageAuto") },
              { value: "nl", label: t("lang.nl") },
              { value: "en", label: t("lang.en") },
            ]}
          />
          {/* The intent travels in the hidden input only: a named button would send it twice. */}
          <SubmitButton intent="profile">
            {t("account.saveProfile")}
          </SubmitButton>
        </Form>
      </section>
      <section aria-labelledby="password-title" className="panel">
        <h2 id="password-title">{t("account.password")}</h2>
        <Form method="post" {...getFormProps(passwordForm)}>
          <input type="hidden" name="intent" value="password" />
          <input type="text" name="username" autoComplete="username" defaultValue={loaded.email} hidden readOnly />
          <TextField field={password.currentPassword} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
          <TextField
            field={password.newPassword}
            label={t("account.newPassword")}
            hint={t("auth.field.passwordHint")}
            type="password"
            autoComplete="new-password"
          />
          <SubmitButton intent="password">
            {t("account.savePassword")}
          </SubmitButton>
        </Form>
      </section>
    </section>
  );
}
