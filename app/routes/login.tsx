import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { passRetryAfter } from "~/http.server";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import {
  findUserByEmail,
  getCurrentSession,
  safeRedirect,
  startSession,
  timingSafeDummyVerify,
  verifyPassword,
} from "~/auth.server";
import { FormErrors, SubmitButton, TextField } from "~/components/forms";
import { email, looseText, msg, secret } from "~/forms";
import { useT } from "~/i18n/react";
import { carriedRedirectTo } from "~/safe-redirect";
import { claimPasswordCheck, passwordCheckSucceeded } from "~/models/users.server";
import { UnsavedTexts } from "~/components/unsaved-texts";
import { takeKeptTexts } from "~/kept-texts.server";
import { keptTextsOfForm } from "~/unsaved-text";

export { ErrorBoundary } from "~/components/error-page";

export const schema = z.object({
  email: email(),
  password: secret(),
  redirectTo: looseText(),
});

export const headers = passRetryAfter;

export async function loader({ request }: LoaderFunctionArgs) {
  const current = await getCurrentSession(request);
  if (current) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  // Sent after the session had ended (decision 083): given back here once, to copy.
  const { texts, setCookie } = await takeKeptTexts(request);
  if (!setCookie) return null;
  return data(texts.length > 0 ? { kept: texts } : null, { headers: { "Set-Cookie": setCookie } });
}

export async function action({ request }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema });
  // A refused sign-in shows again the texts the page gave back (decision 083), which its
  // form carries along: the server showed them once and has forgotten them.
  const refuse = (result: SubmissionResult<string[]>, init: ResponseInit) => data({ result, kept: keptTextsOfForm(formData) }, init);
  if (submission.status !== "success") {
    return refuse(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  // Counted as a failure before the check runs, so parallel guesses cannot pass the limit.
  const check = claimPasswordCheck(email);
  if ("waitMs" in check) {
    const { waitMs } = check;
    const minutes = Math.ceil(waitMs / 60_000);
    const message = msg(minutes === 1 ? "auth.login.tooManyOneMinute" : "auth.login.tooMany", { minutes });
    return refuse(submission.reply({ formErrors: [message], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(Math.ceil(waitMs / 1000)) },
    });
  }
  const user = findUserByEmail(email);
  const ok = user ? await verifyPassword(user.passwordHash, password) : await timingSafeDummyVerify(password);
  if (!user || !ok) {
    return refuse(submission.reply({ formErrors: [msg("auth.login.failed")], hideFields: ["password"] }), { status: 400 });
  }
  passwordCheckSucceeded(email, check.claim);
  const headers = new Headers({ "Set-Cookie": await startSession(user.id) });
  // Texts kept from before a sign-out were shown on this page: they go now (decision 083).
  const { setCookie } = await takeKeptTexts(request);
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return redirect(safeRedirect(redirectTo), { status: 303, headers });
}

export default function Login() {
  const answer = useActionData<typeof action>();
  const lastResult = answer?.result;
  const kept = useLoaderData<typeof loader>()?.kept ?? answer?.kept ?? null;
  const [searchParams] = useSearchParams();
  const t = useT();
  const [form, fields] = useForm({
    id: "login",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const redirectTo = carriedRedirectTo(fields.redirectTo.initialValue, searchParams);
  return (
    <section className="narrow">
      <h1>{t("auth.login.title")}</h1>
      <UnsavedTexts texts={kept} intro={t("unsaved.signedOutIntro")} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        {kept?.map((k, i) => <input key={i} type="hidden" name="kept" value={JSON.stringify(k)} />)}
        <TextField field={fields.email} label={t("auth.field.email")} type="email" autoComplete="username" />
        <TextField field={fields.password} label={t("auth.field.password")} type="password" autoComplete="current-password" />
        <SubmitButton>{t("auth.login.submit")}</SubmitButton>
      </Form>
      <p>
        {t("auth.login.noAccount")}{" "}
        <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>
          {t("shell.signup")}
        </Link>
      </p>
    </section>
  );
}
