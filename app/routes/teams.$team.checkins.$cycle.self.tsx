import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { closedRatingReply, RatingPage, ratingDefaults, ratingEntries, ratingSchema } from "~/components/rating-form";
import { takesRatings } from "~/domain/checkins";
import { redirectWithFlash } from "~/flash.server";
import { normLinksOf, renderMarkdown } from "~/markdown.server";
import { useT } from "~/i18n/react";
import {
  closeDueCycles,
  cycleNormList,
  cycleNormTexts,
  isParticipant,
  mySelfRatings,
  requireCycle,
  saveSelfRatings,
} from "~/models/checkins.server";
import { notFound, requireMember } from "~/permissions.server";
import type { PageTitleData } from "~/root";

export { ErrorBoundary } from "~/components/error-page";
export { reloadAfterConflict as shouldRevalidate } from "~/revalidation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  // Only participants have a self rating in this cycle.
  if (!isParticipant(team.id, cycle.id, user.id)) notFound();
  // Each norm's explanation goes with its scale: what is rated, as the team wrote it.
  const links = normLinksOf(team);
  const norms = cycleNormTexts(team.id, cycle.id).map(({ body, ...n }) => ({ ...n, bodyHtml: renderMarkdown(body, links) }));
  return {
    teamId: team.id,
    cycle: { id: cycle.id, title: cycle.title, open: cycle.status === "open", closedAt: cycle.closedAt },
    norms,
    defaults: ratingDefaults(norms, mySelfRatings(cycle.id, user.id), "example"),
    pageTitle: { key: "title.selfRatingIn", params: { cycle: cycle.title } } satisfies PageTitleData,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  const cycle = requireCycle(team.id, params.cycle);
  if (!isParticipant(team.id, cycle.id, user.id)) notFound();
  const norms = cycleNormList(team.id, cycle.id);
  const submission = parseWithZod(await request.formData(), {
    schema: ratingSchema(norms.map((n) => n.code), "example"),
  });
  if (submission.status !== "success") {
    // Closed meanwhile: that is the news, not which fields to fix.
    if (!takesRatings(cycle, Date.now())) return data(closedRatingReply(submission.reply()), { status: 409 });
    return data(submission.reply(), { status: 400 });
  }
  const outcome = saveSelfRatings(team.id, cycle.id, user.id, ratingEntries(submission.value, norms, "example"));
  if (outcome === "closed") return data(closedRatingReply(submission.reply()), { status: 409 });
  if (outcome === "not-allowed") notFound();
  return redirectWithFlash(`/teams/${team.id}/checkins/${cycle.id}`, { key: "checkins.self.saved" });
}

export default function SelfRating() {
  const { teamId, cycle, norms, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <RatingPage
      id="self-rating"
      teamId={teamId}
      cycle={cycle}
      heading={t("checkins.self.title")}
      intro={t("checkins.self.intro")}
      norms={norms}
      textKind="example"
      textLabel={t("checkins.self.example")}
      textHint={t("checkins.self.exampleHint")}
      submitLabel={t("checkins.self.submit")}
      defaultValue={defaults}
      lastResult={lastResult}
    />
  );
}
