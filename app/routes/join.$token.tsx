import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { getCurrentSession, requireUser } from "~/auth.server";
import { SubmitButton } from "~/components/forms";
import { redirectWithFlash } from "~/flash.server";
import { useT } from "~/i18n/react";
import { findUsableInvite, isMember, joinTeam, removedSince } from "~/models/teams.server";
import type { PageTitleData } from "~/root";

export { ErrorBoundary } from "~/components/error-page";

const UNUSABLE_TITLE = { key: "join.invalid.title", params: {} } satisfies PageTitleData;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const invite = findUsableInvite(params.token ?? "");
  if (!invite) {
    return data(
      { invite: null, signedIn: false, alreadyMember: false, removed: false, pageTitle: UNUSABLE_TITLE },
      { status: 404 },
    );
  }
  const current = await getCurrentSession(request);
  return {
    invite: { teamId: invite.teamId, teamName: invite.teamName },
    signedIn: !!current,
    alreadyMember: current ? isMember(invite.teamId, current.user.id) : false,
    removed: current ? removedSince(invite.teamId, current.user.id, invite.createdAt) : false,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const joined = joinTeam(params.token ?? "", user.id);
  if ("refused" in joined) {
    const pageTitle = joined.refused === "invalid" ? UNUSABLE_TITLE : null;
    return data({ refused: joined.refused, pageTitle }, { status: joined.refused === "removed" ? 403 : 404 });
  }
  const invite = findUsableInvite(params.token ?? "");
  return redirectWithFlash(`/teams/${joined.teamId}`, { key: "join.joined", params: { team: invite?.teamName ?? "" } });
}

export default function Join() {
  const { invite, signedIn, alreadyMember, removed: removedBefore } = useLoaderData<typeof loader>();
  // A join refused meanwhile (the link revoked, or a lead removed this person): with
  // JavaScript the page is not loaded again after a refusal, so the answer says what changed.
  const refused = useActionData<typeof action>()?.refused;
  const removed = removedBefore || refused === "removed";
  const t = useT();
  const location = useLocation();
  if (!invite || (refused && refused !== "removed")) {
    return (
      <section className="narrow">
        <h1>{t("join.invalid.title")}</h1>
        <p>{t("join.invalid.body")}</p>
        <p>
          <Link to="/">{t("error.goHome")}</Link>
        </p>
      </section>
    );
  }
  const here = location.pathname;
  return (
    <section className="narrow">
      <h1>{t("join.title", { team: invite.teamName })}</h1>
      <p>{t("join.body", { team: invite.teamName })}</p>
      {removed ? (
        <p>{t("join.removed")}</p>
      ) : alreadyMember ? (
        <p>
          {t("join.already")} <Link to={`/teams/${invite.teamId}`}>{invite.teamName}</Link>
        </p>
      ) : signedIn ? (
        <Form method="post">
          <SubmitButton>{t("join.submit")}</SubmitButton>
        </Form>
      ) : (
        <SignInFirst team={invite.teamName} here={here} />
      )}
    </section>
  );
}

function SignInFirst({ team, here }: { team: string; here: string }) {
  const t = useT();
  const back = encodeURIComponent(here || "");
  return (
    <>
      <p>{t("join.signInFirst", { team })}</p>
      <p className="actions">
        <Link className="button" to={`/signup?redirectTo=${back}`}>
          {t("shell.signup")}
        </Link>
        <Link to={`/login?redirectTo=${back}`}>{t("shell.login")}</Link>
      </p>
    </>
  );
}
