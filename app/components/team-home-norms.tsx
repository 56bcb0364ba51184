import { Link } from "@remix-run/react";
import type { ProposalListItem } from "~/models/proposals.server";
import { useT } from "../i18n/react";
import { DateTime, proposalTitle, StatusBadge } from "./norms";

export type NormsHome = {
  teamId: string;
  memberCount: number;
  open: ProposalListItem[];
  agreement: { latest: number; acknowledged: number | null; needsReading: boolean };
};

export function OpenProposals({ d }: { d: NormsHome }) {
  const t = useT();
  const voting = d.open.filter((p) => p.status === "voting").sort((a, b) => (a.closesAt ?? 0) - (b.closesAt ?? 0));
  const drafts = d.open.filter((p) => p.status === "draft");
  return (
    <section aria-labelledby="h-open-proposals" className="panel">
      <h2 id="h-open-proposals">{t("team.home.openProposals")}</h2>
      {d.open.length === 0 ? (
        <p>{t("team.home.noProposals")}</p>
      ) : (
        <ul className="proposal-list">
          {[...voting, ...drafts].map((p) => (
            <li key={p.id} className="proposal-item">
              <Link to={`/teams/${d.teamId}/proposals/${p.id}`}>{proposalTitle(t, p)}</Link>{" "}
              <StatusBadge status={p.status} />
              {p.status === "voting" ? (
                <span className="muted">
                  {" "}
                  · {t.plural("vote.turnoutShort", d.memberCount, { voters: p.voteCount })} · {t("vote.closesOnShort")}{" "}
                  <DateTime ms={p.closesAt ?? 0} />
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/teams/${d.teamId}/proposals`}>{t("home.allProposals")}</Link>
      </p>
    </section>
  );
}
