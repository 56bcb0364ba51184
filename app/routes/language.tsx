import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getCurrentSession, safeRedirect } from "~/auth.server";
import { singleValue } from "~/form-data";
import { isLocale } from "~/i18n";
import { languageCookie } from "~/i18n/locale.server";
import { updateProfile } from "~/models/users.server";

export async function loader() {
  return redirect("/");
}

/** The footer's language switch: stored on the account when signed in, in a cookie always. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const language = singleValue(form, "language");
  const to = safeRedirect(singleValue(form, "redirectTo"));
  if (!isLocale(language)) return redirect(to, 303);
  const current = await getCurrentSession(request);
  if (current) updateProfile(current.user.id, { language });
  return redirect(to, { status: 303, headers: { "Set-Cookie": await languageCookie.serialize(language) } });
}
