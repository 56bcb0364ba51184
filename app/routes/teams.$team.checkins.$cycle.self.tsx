import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { RatingForm, ratingDefaults, ratingEntries, ratingSchema } from "~/components/rating-form";
import { msg } from "~/forms";
import { redirectWithFlash } from "~/flash.server";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import {
  closeDueCycles,
  cycleNormList,
  isParticipant,
  mySelfRatings,
  requireCycle,
  saveSelfRatings,
} from "~/models/checkins.server";
import { notFound, requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  // Only participants have a self rating in this cycle.
  if (!isParticipant(cycle.id, user.id)) notFound();
  const norms = cycleNormList(cycle.id);
  return {
    teamId: team.id,
    cycle: { id: cycle.id, title: cycle.title, open: cycle.status === "open", closedAt: cycle.closedAt },
    norms,
    defaults: ratingDefaults(norms, mySelfRatings(cycle.id, user.id), "example"),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  const cycle = requireCycle(team.id, params.cycle);
  if (!isParticipant(cycle.id, user.id)) notFound();
  const norms = cycleNormList(cycle.id);
  const submission = parseWithZod(await request.formData(), {
    schema: ratingSchema(norms.map((n) => n.code), "example"),
  });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = saveSelfRatings(team.id, cycle.id, user.id, ratingEntries(submission.value, norms, "example"));
  if (outcome === "closed") return data(submission.reply({ formErrors: [msg("checkins.error.closed")] }), { status: 409 });
  if (outcome === "not-allowed") notFound();
  return redirectWithFlash(`/teams/${team.id}/checkins/${cycle.id}`, { key: "checkins.self.saved" });
}

export default function SelfRating() {
  const { teamId, cycle, norms, defaults } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="narrow">
      <p>
        <Link to={`/teams/${teamId}/checkins/${cycle.id}`}>{cycle.title}</Link>
      </p>
      <h1>{t("checkins.self.title")}</h1>
      {cycle.open ? (
        <p>{t("checkins.self.intro")}</p>
      ) : (
        <p className="notice">
          {t("checkins.form.closedView", { date: formatDate(t.locale, cycle.closedAt ?? 0, "datetime") })}
        </p>
      )}
      {cycle.open || lastResult ? (
        <RatingForm
          id="self-rating"
          norms={norms}
          textKind="example"
          textLabel={t("checkins.self.example")}
          textHint={t("checkins.self.exampleHint")}
          submitLabel={t("checkins.self.submit")}
          defaultValue={defaults}
          lastResult={lastResult}
          editable={cycle.open}
        />
      ) : null}
    </section>
  );
}
