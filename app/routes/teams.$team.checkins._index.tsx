import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { closeDueCycles, listCycles } from "~/models/checkins.server";
import { requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, isLead } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycles = listCycles(team.id);
  return {
    teamId: team.id,
    isLead,
    running: cycles.filter((c) => c.status === "open"),
    closed: cycles.filter((c) => c.status === "closed"),
  };
}

export default function Checkins() {
  const { teamId, isLead, running, closed } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${teamId}/checkins`;
  return (
    <section>
      <h1>{t("checkins.title")}</h1>
      <p className="lead">{t("checkins.intro")}</p>
      {isLead ? (
        <p>
          <Link to={`${base}/new`} className="button">
            {t("checkins.open")}
          </Link>
        </p>
      ) : null}

      <section aria-labelledby="running-title" className="panel">
        <h2 id="running-title">{t("checkins.running")}</h2>
        {running.length === 0 ? <p className="muted">{t("checkins.noneRunning")}</p> : null}
        <ul className="status-list">
          {running.map((c) => (
            <li key={c.id}>
              <Link to={`${base}/${c.id}`}>{c.title}</Link>
              <span className="muted">
                {t("checkins.closesOn", { date: formatDate(t.locale, c.closesAt, "datetime") })} ·{" "}
                {t.plural("checkins.normCount", c.normCount)} · {t.plural("checkins.participants", c.participantCount)}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="closed-title" className="panel">
        <h2 id="closed-title">{t("checkins.closedList")}</h2>
        {closed.length === 0 ? <p className="muted">{t("checkins.noneClosed")}</p> : null}
        <ul className="status-list">
          {closed.map((c) => (
            <li key={c.id}>
              <Link to={`${base}/${c.id}`}>{c.title}</Link>
              <span className="muted">{t("checkins.closedOn", { date: formatDate(t.locale, c.closedAt ?? c.closesAt) })}</span>
              <Link to={`${base}/${c.id}/results`}>{t("checkins.viewResults", { cycle: c.title })}</Link>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
