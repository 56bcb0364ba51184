import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NormTodoItems, normTodos, OpenProposals } from "~/components/team-home-norms";
import { useT } from "~/i18n/react";
import { agreementTodo } from "~/models/agreement.server";
import { closeDueVotes, listProposals } from "~/models/proposals.server";
import { requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, role, isLead } = await requireMember(request, params);
  closeDueVotes(team.id);
  const open = listProposals(team.id, user.id, "open");
  return {
    team: { id: team.id, name: team.name, description: team.description },
    role,
    isLead,
    memberCount: open.memberCount,
    norms: { teamId: team.id, memberCount: open.memberCount, open: open.proposals, agreement: agreementTodo(team.id, user.id) },
  };
}

export default function TeamHome() {
  const { team, role, isLead, memberCount, norms } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${team.id}`;
  const todos = normTodos(norms);
  const hasTodos = todos.votes.length > 0 || todos.readVersion !== null;
  const firstSteps = norms.agreement.latest === 0 && norms.open.length === 0;
  return (
    <section>
      <h1>{team.name}</h1>
      {team.description ? <p className="lead">{team.description}</p> : null}
      <p className="muted">{t("team.home.yourRole", { role: t(`role.${role}`) })}</p>

      <section aria-labelledby="todos-title" className="panel">
        <h2 id="todos-title">{t("team.home.todos")}</h2>
        {hasTodos ? (
          <ul className="todos">
            <NormTodoItems d={norms} />
          </ul>
        ) : (
          <p>{t("team.home.noTodos")}</p>
        )}
      </section>

      <OpenProposals d={norms} />

      {firstSteps || (isLead && memberCount < 2) ? (
        <section aria-labelledby="start-title" className="panel">
          <h2 id="start-title">{t("team.home.getStarted")}</h2>
          <ul className="cards">
            {firstSteps ? (
              <li className="card">
                <h3>
                  <Link to={`${base}/proposals/new`}>{t("team.home.draftFirst")}</Link>
                </h3>
                <p>{t("team.home.draftFirstHelp")}</p>
              </li>
            ) : null}
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
      ) : null}
    </section>
  );
}
