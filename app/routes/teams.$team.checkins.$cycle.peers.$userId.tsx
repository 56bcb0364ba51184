import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams, useRouteError } from "@remix-run/react";
import { ErrorPage } from "~/components/error-page";
import { closedRatingReply, RatingPage, ratingDefaults, ratingEntries, ratingSchema } from "~/components/rating-form";
import { takesRatings } from "~/domain/checkins";
import { redirectWithFlash } from "~/flash.server";
import { normLinksOf, renderMarkdown } from "~/markdown.server";
import { useT } from "~/i18n/react";
import { closeDueCycles, cycleNormList, cycleNormTexts, peerFormData, requireCycle, savePeerRatings } from "~/models/checkins.server";
import { notFound, requireMember } from "~/permissions.server";
import type { PageTitleData } from "~/root";

/**
 * Its 404 says why a rating form that was there may be gone: the colleague is no longer
 * in the team, and need not be rated. The same words for any 404 here, so they tell an
 * outsider nothing.
 */
export function ErrorBoundary() {
  const t = useT();
  const { team, cycle } = useParams();
  return (
    <ErrorPage
      error={useRouteError()}
      notFoundHint={
        <p>
          {t("checkins.peer.goneHint")} <Link to={`/teams/${team}/checkins/${cycle}`}>{t("checkins.peer.toCycle")}</Link>
        </p>
      }
    />
  );
}
export { reloadAfterConflict as shouldRevalidate } from "~/revalidation";

// Only the colleagues assigned to the signed-in member can be rated here; anyone
// else (themselves, an unassigned colleague, an unknown id) is a 404.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  const peer = peerFormData(cycle.id, user.id, params.userId ?? "") ?? notFound();
  // Each norm's explanation goes with its scale: what is rated, as the team wrote it.
  const links = normLinksOf(team);
  const norms = cycleNormTexts(team.id, cycle.id).map(({ body, ...n }) => ({ ...n, bodyHtml: renderMarkdown(body, links) }));
  return {
    teamId: team.id,
    cycle: { id: cycle.id, title: cycle.title, open: cycle.status === "open", closedAt: cycle.closedAt },
    name: peer.name,
    norms,
    defaults: ratingDefaults(norms, peer.existing, "observation"),
    pageTitle: { key: "title.peerRatingOf", params: { name: peer.name, cycle: cycle.title } } satisfies PageTitleData,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  const cycle = requireCycle(team.id, params.cycle);
  const rateeId = params.userId ?? "";
  const peer = peerFormData(cycle.id, user.id, rateeId) ?? notFound();
  const norms = cycleNormList(team.id, cycle.id);
  const submission = parseWithZod(await request.formData(), {
    schema: ratingSchema(norms.map((n) => n.code), "observation"),
  });
  if (submission.status !== "success") {
    // Closed meanwhile: that is the news, not which fields to fix.
    if (!takesRatings(cycle, Date.now())) return data(closedRatingReply(submission.reply()), { status: 409 });
    return data(submission.reply(), { status: 400 });
  }
  const outcome = savePeerRatings(team.id, cycle.id, user.id, rateeId, ratingEntries(submission.value, norms, "observation"));
  if (outcome === "closed") return data(closedRatingReply(submission.reply()), { status: 409 });
  if (outcome === "not-allowed") notFound();
  return redirectWithFlash(`/teams/${team.id}/checkins/${cycle.id}`, { key: "checkins.peer.saved", params: { name: peer.name } });
}

export default function PeerRating() {
  const { teamId, cycle, name, norms, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <RatingPage
      id="peer-rating"
      teamId={teamId}
      cycle={cycle}
      heading={t("checkins.peer.title", { name })}
      intro={t("checkins.peer.intro", { name })}
      norms={norms}
      textKind="observation"
      textLabel={t("checkins.peer.observation")}
      textHint={t("checkins.peer.observationHint", { name })}
      submitLabel={t("checkins.peer.submit", { name })}
      defaultValue={defaults}
      lastResult={lastResult}
    />
  );
}
