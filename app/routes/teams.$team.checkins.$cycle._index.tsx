import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { singleValue } from "~/form-data";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton } from "~/components/forms";
import { redirectWithFlash } from "~/flash.server";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { peersEach } from "~/domain/peer-assignment";
import { effectiveThreshold } from "~/domain/checkin-results";
import { closeCycleEarly, closeDueCycles, cyclePage, requireCycle } from "~/models/checkins.server";
import { requireLead, requireMember } from "~/permissions.server";
import type { PageTitleData } from "~/root";

export { ErrorBoundary } from "~/components/error-page";
export { reloadAfterConflict as shouldRevalidate } from "~/revalidation";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  const page = cyclePage(cycle, user.id, isLead);
  const threshold = effectiveThreshold(cycle.anonymityThreshold ?? team.anonymityThreshold);
  const perPerson = peersEach(page.participantCount, cycle.peersPerMember);
  return {
    teamId: team.id,
    // Only for the link to the viewer's own conversation.
    userId: user.id,
    isLead,
    cycle: { id: cycle.id, title: cycle.title, status: cycle.status, closesAt: cycle.closesAt, closedAt: cycle.closedAt },
    ...page,
    threshold,
    // Why peer results will stay hidden, if they will: too few people, or too few raters each.
    hiddenReason:
      page.participantCount < threshold + 1
        ? ("small-team" as const)
        : perPerson < threshold
          ? ("few-peers" as const)
          : null,
    perPerson,
    // What the lead asked for: more than the others there are to rate is capped, and said.
    peersAsked: cycle.peersPerMember,
    pageTitle: { key: "title.checkinNamed", params: { cycle: cycle.title } } satisfies PageTitleData,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireLead(request, params);
  const cycle = requireCycle(team.id, params.cycle);
  const form = await request.formData();
  if (singleValue(form, "intent") !== "close") return data({ error: "checkins.error.unknownIntent" as const }, { status: 400 });
  if (!closeCycleEarly(team.id, cycle.id, user.id)) {
    return data({ error: "checkins.error.alreadyClosed" as const }, { status: 409 });
  }
  return redirectWithFlash(`/teams/${team.id}/checkins/${cycle.id}/results`, { key: "checkins.cycle.closed" });
}

export default function CyclePage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/teams/${d.teamId}/checkins/${d.cycle.id}`;
  const open = d.cycle.status === "open";
  return (
    <section>
      <h1>{d.cycle.title}</h1>
      <p>
        <span className="badge">{t(`checkins.cycle.status.${d.cycle.status}`)}</span>{" "}
        {open
          ? t("checkins.cycle.closesAt", { date: formatDate(t.locale, d.cycle.closesAt, "datetime") })
          : t("checkins.cycle.closedAt", { date: formatDate(t.locale, d.cycle.closedAt ?? d.cycle.closesAt, "datetime") })}
      </p>
      {actionData?.error ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          <p>{t(actionData.error)}</p>
        </div>
      ) : null}
      {!open ? (
        <p>
          <Link to={`${base}/results`} className="button">
            {t("checkins.cycle.seeResults")}
          </Link>
        </p>
      ) : null}
      {d.isLead || d.isParticipant ? (
        <ul className="inline-links">
          {d.isLead ? (
            <li>
              <Link to={`${base}/conversations`}>{t("conversation.overview.link")}</Link>
            </li>
          ) : null}
          {d.isParticipant ? (
            <li>
              <Link to={`${base}/conversations/${d.userId}`}>{t("conversation.myConversation")}</Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      {open && d.hiddenReason === "small-team" ? (
        <p className="notice">{t("checkins.cycle.smallTeam", { needed: d.threshold + 1, threshold: d.threshold })}</p>
      ) : null}
      {open && d.hiddenReason === "few-peers" ? (
        <p className="notice">{t.plural("checkins.cycle.fewPeers", d.perPerson, { threshold: d.threshold })}</p>
      ) : null}

      {open && !d.isParticipant ? <p className="notice">{t("checkins.cycle.notParticipant")}</p> : null}
      {d.tasks ? (
        <section aria-labelledby="tasks-title" className="panel">
          <h2 id="tasks-title">{t("checkins.cycle.myTasks")}</h2>
          <h3>{t("checkins.cycle.selfTitle")}</h3>
          <p>{d.tasks.selfDone ? t("checkins.cycle.selfDone") : t("checkins.cycle.selfTodo")}</p>
          <p>
            <Link to={`${base}/self`} className={d.tasks.selfDone ? "button secondary" : "button"}>
              {d.tasks.selfDone ? t("checkins.cycle.selfChange") : t("checkins.cycle.selfStart")}
            </Link>
          </p>
          <h3>{t("checkins.cycle.peersTitle")}</h3>
          <p className="hint">{t("checkins.cycle.peersHelp")}</p>
          {d.tasks.peers.length === 0 ? <p className="muted">{t("checkins.cycle.noPeers")}</p> : null}
          <ul className="status-list">
            {d.tasks.peers.map((p) => (
              <li key={p.userId}>
                <Link to={`${base}/peers/${p.userId}`}>{t("checkins.cycle.ratePeer", { name: p.name })}</Link>
                <span className={p.done ? "badge" : "muted"}>
                  {p.done ? t("checkins.cycle.peerDone") : t("checkins.cycle.peerTodo")}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {d.completion ? (
        <section aria-labelledby="progress-title" className="panel">
          <h2 id="progress-title">{t("checkins.cycle.progress")}</h2>
          <p className="hint">{t("checkins.cycle.progressHelp")}</p>
          {/* With nobody to rate, the small-team notice above says why. */}
          {d.perPerson > 0 ? (
            <p>
              {t.plural("checkins.cycle.peersEach", d.perPerson)}
              {d.perPerson < d.peersAsked
                ? ` ${t("checkins.cycle.peersCapped", { asked: d.peersAsked, participants: d.participantCount })}`
                : null}
            </p>
          ) : null}
          <ul>
            <li>{t("checkins.cycle.selfCount", { done: d.completion.selfDone, total: d.completion.selfTotal })}</li>
            <li>{t("checkins.cycle.peerCount", { done: d.completion.peerDone, total: d.completion.peerTotal })}</li>
          </ul>
          {open ? (
            <Form method="post">
              <h3>{t("checkins.cycle.closeTitle")}</h3>
              <p>{t("checkins.cycle.closeHelp")}</p>
              <SubmitButton name="intent" value="close" className="button danger" confirm={t("checkins.cycle.confirmClose")}>
                {t("checkins.cycle.close")}
              </SubmitButton>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="norms-title">
        <h2 id="norms-title">{t("checkins.cycle.norms")}</h2>
        <ul>
          {d.norms.map((n) => (
            <li key={n.normId}>
              <Link to={`/teams/${d.teamId}/norms/${n.code}`}>{n.code}</Link> — {n.title}{" "}
              <span className="muted">({t("checkins.form.normVersion", { version: n.version })})</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
