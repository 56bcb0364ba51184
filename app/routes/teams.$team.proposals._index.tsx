import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthorName, DateTime, proposalTitle, StatusBadge } from "~/components/norms";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { closeDueVotes, listProposals, type ProposalListItem } from "~/models/proposals.server";
import { requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueVotes(team.id);
  const { proposals, memberCount } = listProposals(team.id, user.id);
  const by = (...statuses: ProposalListItem["status"][]) => proposals.filter((p) => statuses.includes(p.status));
  return {
    teamId: team.id,
    memberCount,
    voting: by("voting").sort((a, b) => (a.closesAt ?? 0) - (b.closesAt ?? 0)),
    drafts: by("draft"),
    decided: by("adopted", "rejected", "conflict").sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0)),
    withdrawn: by("withdrawn"),
  };
}

export default function Proposals() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const groups: [string, MessageKey, MessageKey, ProposalListItem[]][] = [
    ["voting", "proposals.group.voting", "proposals.empty.voting", d.voting],
    ["drafts", "proposals.group.drafts", "proposals.empty.drafts", d.drafts],
    ["decided", "proposals.group.decided", "proposals.empty.decided", d.decided],
  ];
  if (d.withdrawn.length) groups.push(["withdrawn", "proposals.group.withdrawn", "proposals.empty.decided", d.withdrawn]);
  return (
    <section>
      <div className="page-head">
        <h1>{t("proposals.title")}</h1>
        <Link to={`/teams/${d.teamId}/proposals/new`} className="button">
          {t("proposals.new")}
        </Link>
      </div>
      <p className="lead">{t("proposals.intro")}</p>
      {groups.map(([id, title, empty, items]) => (
        <section key={id} aria-labelledby={`group-${id}`}>
          <h2 id={`group-${id}`}>
            {t(title)} <span className="muted">({items.length})</span>
          </h2>
          {items.length === 0 ? (
            <p className="muted">{t(empty)}</p>
          ) : (
            <ul className="proposal-list">
              {items.map((p) => (
                <ProposalItem key={p.id} p={p} teamId={d.teamId} memberCount={d.memberCount} />
              ))}
            </ul>
          )}
        </section>
      ))}
    </section>
  );
}

function ProposalItem({ p, teamId, memberCount }: { p: ProposalListItem; teamId: string; memberCount: number }) {
  const t = useT();
  return (
    <li className="proposal-item">
      <p className="proposal-item-title">
        <Link to={`/teams/${teamId}/proposals/${p.id}`}>{proposalTitle(t, p)}</Link>
      </p>
      <p className="muted">
        <StatusBadge status={p.status} /> {t(`proposal.kind.${p.kind}`)} · <AuthorName name={p.authorName} /> ·{" "}
        {p.status === "voting" && p.closesAt ? (
          <>
            {t("vote.closesOnShort")} <DateTime ms={p.closesAt} /> ·{" "}
            {t.plural("vote.turnoutShort", memberCount, { voters: p.voteCount })}
            {" · "}
            {p.myVote ? t("vote.youVoted") : <strong>{t("vote.youHaveNotVoted")}</strong>}
          </>
        ) : p.closedAt ? (
          <DateTime ms={p.closedAt} style="date" />
        ) : (
          <DateTime ms={p.updatedAt} style="date" />
        )}
      </p>
    </li>
  );
}
