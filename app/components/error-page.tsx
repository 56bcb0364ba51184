import { isRouteErrorResponse, Link, useNavigation, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useT } from "~/i18n/react";
import { unsavedTexts, type UnsavedText } from "~/unsaved-text";
import { UnsavedTexts } from "./unsaved-texts";

/** The texts of the latest refused post, for the error page (useSentTexts). */
export const SentTexts = createContext<UnsavedText[] | null>(null);

/**
 * What a refused write sent. Without JavaScript, and on the page's first render, the
 * root loader's `unsaved` (decision 079). After that the loaders do not run again for
 * an action's 4xx, so the shell keeps what each post sends instead: a post sets it; a
 * post that redirected (it was saved), a GET form and a plain page request clear it.
 */
export function useSentTexts() {
  const fromServer = (useRouteLoaderData("root") as { unsaved?: UnsavedText[] } | undefined)?.unsaved ?? null;
  const navigation = useNavigation();
  const [sent, setSent] = useState<UnsavedText[] | null>(fromServer);
  useEffect(() => {
    if (navigation.state === "idle") return;
    const posted = navigation.formMethod?.toUpperCase() === "POST" ? navigation.formData : undefined;
    const saved = (navigation.location.state as { _isRedirect?: boolean } | null)?._isRedirect === true;
    setSent(posted && !saved ? unsavedTexts(posted) : null);
  }, [navigation]);
  return sent;
}

/** `notFoundHint`: what a route knows about why its page may be gone, shown on its 404. */
export function ErrorPage({ error, notFoundHint }: { error: unknown; notFoundHint?: ReactNode }) {
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const [title, body] =
    status === 404
      ? [t("error.notFound.title"), t("error.notFound.body")]
      : status === 403
        ? [t("error.forbidden.title"), t("error.forbidden.body")]
        : status >= 400 && status < 500
          ? [t("error.badRequest.title"), t("error.badRequest.body")]
          : [t("error.server.title"), t("error.server.body")];
  return (
    <section className="error-page" aria-labelledby="error-title">
      <p className="muted">{t("error.status", { status })}</p>
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {status === 404 ? notFoundHint : null}
      <UnsavedTexts texts={useContext(SentTexts)} intro={t("unsaved.intro")} />
      <p>
        <Link to="/">{t("error.goHome")}</Link>
      </p>
    </section>
  );
}

/**
 * A route's own error boundary. Every route with an action exports it: when an
 * action throws (403 for a member, 404 for an outsider), Remix runs only the
 * loaders above the boundary, so with the boundary in the route the root loader
 * still runs and the page keeps the shell and the user's language. Without it
 * the root boundary renders with no root data at all.
 */
export function ErrorBoundary() {
  return <ErrorPage error={useRouteError()} />;
}
