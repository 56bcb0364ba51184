import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime, proposalTitle } from "~/components/norms";
import { OpenProposals } from "~/components/team-home-norms";
import { dueDayToMs, orderTodos } from "~/domain/todos";
import { formatDate, formatDay, todayIso } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { agreementTodo } from "~/models/agreement.server";
import { checkinTodos, latestClosedCycleFor, runningCycles } from "~/models/checkins.server";
import { conversationsToHold, openActionsForMember } from "~/models/conversations.server";
import { closeDueVotes, listProposals, type ProposalListItem } from "~/models/proposals.server";
import { requireMember } from "~/permissions.server";

type HomeTodo =
  | { kind: "vote"; id: string; dueAt: number; proposal: ProposalListItem }
  | { kind: "draft"; id: string; dueAt: null; proposal: ProposalListItem }
  | { kind: "self-rating"; id: string; dueAt: number; cycleId: number; cycle: string }
  | { kind: "peer-rating"; id: string; dueAt: number; cycleId: number; cycle: string; userId: string; name: string }
  | {
      kind: "action";
      id: string;
      dueAt: number | null;
      cycleId: number;
      text: string;
      dueOn: string | null;
      normCode: string | null;
    }
  | { kind: "acknowledge"; id: string; dueAt: null; version: number; firstTime: boolean };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, role, isLead } = await requireMember(request, params);
  // Close whatever is due first, so the lists below are current without waiting for the sweep.
  closeDueVotes(team.id);
  const checkins = checkinTodos(team.id, user.id);
  const open = listProposals(team.id, user.id, "open");
  const agreement = agreementTodo(team.id, user.id);
  const actions = openActionsForMember(team.id, user.id);

  const todos: HomeTodo[] = [
    ...open.proposals
      .filter((p) => p.status === "voting" && !p.myVote)
      .map((p) => ({ kind: "vote" as const, id: `vote-${p.id}`, dueAt: p.closesAt ?? 0, proposal: p })),
    // Nothing is decided while a draft waits for its author to open the vote.
    ...open.proposals
      .filter((p) => p.status === "draft" && p.authorId === user.id)
      .map((p) => ({ kind: "draft" as const, id: `draft-${String(p.id).padStart(10, "0")}`, dueAt: null, proposal: p })),
    ...checkins.flatMap((c) => [
      ...(c.selfOpen
        ? [{ kind: "self-rating" as const, id: `self-${c.cycleId}`, dueAt: c.closesAt, cycleId: c.cycleId, cycle: c.title }]
        : []),
      ...c.peersOpen.map((p) => ({
        kind: "peer-rating" as const,
        id: `peer-${c.cycleId}-${p.userId}`,
        dueAt: c.closesAt,
        cycleId: c.cycleId,
        cycle: c.title,
        userId: p.userId,
        name: p.name,
      })),
    ]),
    ...actions.map((a) => ({
      kind: "action" as const,
      id: `action-${String(a.id).padStart(10, "0")}`,
      dueAt: dueDayToMs(a.dueOn),
      cycleId: a.cycleId,
      text: a.text,
      dueOn: a.dueOn,
      normCode: a.normCode,
    })),
    ...(agreement.needsReading
      ? [{ kind: "acknowledge" as const, id: "acknowledge", dueAt: null, version: agreement.latest, firstTime: agreement.acknowledged === null }]
      : []),
  ];

  return {
    team: { id: team.id, name: team.name, description: team.description },
    userId: user.id,
    role,
    isLead,
    memberCount: open.memberCount,
    todos: orderTodos(todos),
    today: todayIso(),
    running: runningCycles(team.id, user.id),
    // What a lead follows up in the team: conversations not held yet, members who have
    // not confirmed the current agreement. Empty when everything is done.
    followUp: isLead
      ? {
          conversations: conversationsToHold(team.id, user.id),
          coverage: agreement.latest > 0 && agreement.coverage.confirmed < agreement.coverage.members ? agreement.coverage : null,
        }
      : null,
    latestResults: latestClosedCycleFor(team.id, user.id),
    norms: {
      teamId: team.id,
      memberCount: open.memberCount,
      open: open.proposals,
      agreement: { latest: agreement.latest, acknowledged: agreement.acknowledged, needsReading: agreement.needsReading },
    },
  };
}

export default function TeamHome() {
  const home = useLoaderData<typeof loader>();
  const { team, role, isLead, memberCount, norms } = home;
  const t = useT();
  const base = `/teams/${team.id}`;
  const firstSteps = norms.agreement.latest === 0 && norms.open.length === 0 && home.running.length === 0;
  // A new team's first steps come first: there is nothing else on the page yet.
  const start =
    firstSteps || (isLead && memberCount < 2) ? (
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
    ) : null;
  return (
    <section>
      <h1>{team.name}</h1>
      {team.description ? <p className="lead">{team.description}</p> : null}
      <p className="muted">{t("team.home.yourRole", { role: t(`role.${role}`) })}</p>
      {firstSteps ? start : null}

      <section aria-labelledby="todos-title" className="panel">
        <h2 id="todos-title">{t("team.home.todos")}</h2>
        {home.todos.length === 0 ? (
          <p>{t(firstSteps ? "team.home.nothingYet" : "team.home.noTodos")}</p>
        ) : (
          <ul className="todos status-list">
            {home.todos.map((todo) => (
              <li key={todo.id}>
                <TodoItem todo={todo} base={base} userId={home.userId} today={home.today} />
              </li>
            ))}
          </ul>
        )}
      </section>

      {home.followUp && (home.followUp.conversations || home.followUp.coverage) ? (
        <section aria-labelledby="follow-up-title" className="panel">
          <h2 id="follow-up-title">{t("team.home.followUp")}</h2>
          <ul className="status-list">
            {home.followUp.conversations ? (
              <li>
                <Link to={`${base}/checkins/${home.followUp.conversations.cycleId}/conversations`}>
                  {t("team.home.followUp.conversations", { cycle: home.followUp.conversations.title })}
                </Link>{" "}
                <span className="muted">
                  {t.plural("team.home.followUp.held", home.followUp.conversations.participants, {
                    held: home.followUp.conversations.held,
                  })}
                </span>
              </li>
            ) : null}
            {home.followUp.coverage ? (
              <li>
                <Link to={`${base}/agreement#h-coverage`}>{t("agreement.coverage.title", { version: norms.agreement.latest })}</Link>{" "}
                <span className="muted">
                  {t.plural("agreement.coverage.summary", home.followUp.coverage.members, { done: home.followUp.coverage.confirmed })}
                </span>
              </li>
            ) : null}
          </ul>
        </section>
      ) : null}

      {home.latestResults ? (
        <section aria-labelledby="results-title" className="panel">
          <h2 id="results-title">{t("team.home.latestResults")}</h2>
          <p>
            <Link to={`${base}/checkins/${home.latestResults.id}/results`}>{home.latestResults.title}</Link>{" "}
            {home.latestResults.closedAt ? (
              <span className="muted">{t("team.home.closedOn", { date: formatDate(t.locale, home.latestResults.closedAt) })}</span>
            ) : null}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="checkin-title" className="panel">
        <h2 id="checkin-title">{t("team.home.currentCheckin")}</h2>
        {home.running.length === 0 ? (
          <p>{t("team.home.noCheckin")}</p>
        ) : (
          <ul className="status-list">
            {home.running.map((c) => (
              <li key={c.id}>
                <Link to={`${base}/checkins/${c.id}`}>{c.title}</Link>{" "}
                <span className="muted">
                  {t("checkins.closesOn", { date: formatDate(t.locale, c.closesAt, "datetime") })}
                  {c.mine ? null : ` · ${t("team.home.notInCheckin")}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <OpenProposals d={norms} />

      {firstSteps ? null : start}
    </section>
  );
}

function TodoItem({ todo, base, userId, today }: { todo: HomeTodo; base: string; userId: string; today: string }) {
  const t = useT();
  switch (todo.kind) {
    case "vote":
      return (
        <>
          <Link to={`${base}/proposals/${todo.proposal.id}`}>{t("home.todo.vote", { title: proposalTitle(t, todo.proposal) })}</Link>{" "}
          <span className="muted">
            {t("vote.closesOnShort")} <DateTime ms={todo.dueAt} />
          </span>
        </>
      );
    case "draft":
      return (
        <Link to={`${base}/proposals/${todo.proposal.id}`}>
          {t(todo.proposal.stale ? "home.todo.draftStale" : "home.todo.draft", { title: proposalTitle(t, todo.proposal), code: todo.proposal.normCode ?? "" })}
        </Link>
      );
    case "self-rating":
      return (
        <Link to={`${base}/checkins/${todo.cycleId}/self`}>
          {t("checkins.todo.self", { cycle: todo.cycle, date: formatDate(t.locale, todo.dueAt, "datetime") })}
        </Link>
      );
    case "peer-rating":
      return (
        <Link to={`${base}/checkins/${todo.cycleId}/peers/${todo.userId}`}>
          {t("checkins.todo.peer", { name: todo.name, cycle: todo.cycle, date: formatDate(t.locale, todo.dueAt, "datetime") })}
        </Link>
      );
    case "action": {
      const overdue = todo.dueOn !== null && todo.dueOn < today;
      return (
        <>
          <Link to={`${base}/checkins/${todo.cycleId}/conversations/${userId}`}>{t("team.home.todo.action", { text: todo.text })}</Link>{" "}
          {overdue ? <span className="badge overdue">{t("conversation.overdue")}</span> : null}{" "}
          <span className="muted">
            {todo.normCode ? (
              <>
                <Link to={`${base}/norms/${todo.normCode}`}>{todo.normCode}</Link>
                {" · "}
              </>
            ) : null}
            {todo.dueOn ? t("conversation.dueOn", { date: formatDay(t.locale, todo.dueOn) }) : t("conversation.noDue")}
          </span>
        </>
      );
    }
    case "acknowledge":
      // Someone new to the team has no earlier version: for them it is the agreement, not a new version of it.
      return <Link to={`${base}/agreement`}>{t(todo.firstTime ? "home.todo.readFirst" : "home.todo.read", { version: todo.version })}</Link>;
  }
}
