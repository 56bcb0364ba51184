import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/i18n/react";

export function ErrorPage({ error }: { error: unknown }) {
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
