import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckinTodoList } from "~/components/checkin-todos";
import { useT } from "~/i18n/react";
import { formatDate } from "~/i18n/format";
import { checkinTodos, runningCycles } from "~/models/checkins.server";
import { countMembersOf } from "~/models/teams.server";
import { requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, role, isLead } = await requireMember(request, params);
  // First: it also closes cycles whose time is up, so the running list below is current.
  const todos = checkinTodos(team.id, user.id);
  return {
    checkinTodos: todos,
    runningCycles: runningCycles(team.id),
    team: { id: team.id, name: team.name, description: team.description },
    role,
    isLead,
    memberCount: countMembersOf(team.id),
  };
}

export default function TeamHome() {
  const { team, role, isLead, memberCount, checkinTodos, runningCycles } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${team.id}`;
  return (
    <section>
      <h1>{team.name}</h1>
      {team.description ? <p className="lead">{team.description}</p> : null}
      <p className="muted">{t("team.home.yourRole", { role: t(`role.${role}`) })}</p>

      <section aria-labelledby="todos-title" className="panel">
        <h2 id="todos-title">{t("team.home.todos")}</h2>
        {checkinTodos.length === 0 ? <p>{t("team.home.noTodos")}</p> : <CheckinTodoList teamId={team.id} todos={checkinTodos} />}
      </section>

      <section aria-labelledby="checkin-title" className="panel">
        <h2 id="checkin-title">{t("team.home.currentCheckin")}</h2>
        {runningCycles.length === 0 ? (
          <p>{t("team.home.noCheckin")}</p>
        ) : (
          <ul className="status-list">
            {runningCycles.map((c) => (
              <li key={c.id}>
                <Link to={`${base}/checkins/${c.id}`}>{c.title}</Link>
                <span className="muted">{t("checkins.closesOn", { date: formatDate(t.locale, c.closesAt, "datetime") })}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="start-title" className="panel">
        <h2 id="start-title">{t("team.home.getStarted")}</h2>
        <ul className="cards">
          <li className="card">
            <h3>
              <Link to={`${base}/proposals/new`}>{t("team.home.draftFirst")}</Link>
            </h3>
            <p>{t("team.home.draftFirstHelp")}</p>
          </li>
          {isLead && memberCount < 2 ? (
            <li className="card">
              <h3>
                <Link to={`${base}/members`}>{t("team.home.inviteTeam")}</Link>
              </h3>
              <p>{t("team.home.inviteTeamHelp")}</p>
            </li>
          ) : null}
        </ul>
      </section>
    </section>
  );
}

