import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AuthorName, DateTime, proposalTitle, StatusBadge } from "~/components/norms";
import type { MessageKey } from "~/i18n";
import { formatNumber } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { closeDueVotes, listClosedProposals, listProposals, type ClosedFilter, type ClosedProposalItem, type ProposalListItem } from "~/models/proposals.server";
import { ENDED_STATUSES, isEndedStatus } from "~/proposal-forms";
import { requireMember } from "~/permissions.server";
import { shortened } from "~/shorten";


/**
 * The closed list's filters as asked in the query string. A value the list cannot use
 * (an unknown status, a page that is not a whole number from 1, a year that is not four
 * digits) is ignored, as if it were not there; listClosedProposals also drops what this
 * team has no use for and turns a page past the end into the last page. The page never
 * fails on its query string.
 */
function askedFilter(params: URLSearchParams): ClosedFilter {
  const status = params.get("status");
  const norm = (params.get("norm") ?? "").trim().toUpperCase();
  const year = (params.get("year") ?? "").trim();
  const page = (params.get("page") ?? "").trim();
  return {
    status: isEndedStatus(status) ? status : null,
    normCode: norm !== "" && norm.length <= 20 ? norm : null,
    year: /^\d{4}$/.test(year) ? Number(year) : null,
    // Digits only: "-1", "2.5", "1e3" and "abc" are not page numbers. A huge one is the last page.
    page: /^\d+$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueVotes(team.id);
  // Open work in full, as always; the closed proposals filtered and a page at a time.
  const { proposals: open, memberCount } = listProposals(team.id, user.id, "open");
  const closed = listClosedProposals(team.id, askedFilter(new URL(request.url).searchParams));
  return {
    teamId: team.id,
    memberCount,
    voting: open.filter((p) => p.status === "voting").sort((a, b) => (a.closesAt ?? 0) - (b.closesAt ?? 0)),
    drafts: open.filter((p) => p.status === "draft"),
    closed,
  };
}

/** The list's address with these filters (defaults left out), at the closed list. */
function closedHref(teamId: string, f: ClosedFilter) {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (f.normCode) q.set("norm", f.normCode);
  if (f.year !== null) q.set("year", String(f.year));
  if (f.page > 1) q.set("page", String(f.page));
  const search = q.toString();
  return `/teams/${teamId}/proposals${search ? `?${search}` : ""}#group-closed`;
}

const NORM_LABEL_MAX = 70;

export default function Proposals() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const groups: [string, MessageKey, MessageKey, ProposalListItem[]][] = [
    ["voting", "proposals.group.voting", "proposals.empty.voting", d.voting],
    ["drafts", "proposals.group.drafts", "proposals.empty.drafts", d.drafts],
  ];
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
      <ClosedProposals teamId={d.teamId} memberCount={d.memberCount} closed={d.closed} />
    </section>
  );
}

type Closed = SerializeFrom<typeof loader>["closed"];

function ClosedProposals({ teamId, memberCount, closed }: { teamId: string; memberCount: number; closed: Closed }) {
  const t = useT();
  const { filter, counts, rows, pages, pageSize, matching } = closed;
  const n = (value: number) => formatNumber(t.locale, value, 0);
  const filtered = filter.status !== null || filter.normCode !== null || filter.year !== null;
  const first = (filter.page - 1) * pageSize + 1;
  return (
    <section aria-labelledby="group-closed">
      <h2 id="group-closed" tabIndex={-1}>
        {t("proposals.group.closed")} <span className="muted">({n(closed.all)})</span>
      </h2>
      {closed.all === 0 ? (
        <p className="muted">{t("proposals.empty.decided")}</p>
      ) : (
        <>
          {/* A plain GET form: works without JavaScript; the key resets its choices after a navigation. */}
          <Form method="get" action={`/teams/${teamId}/proposals#group-closed`} className="filters" key={closedHref(teamId, filter)} preventScrollReset>
            <div className="filter">
              <label htmlFor="filter-status">{t("proposals.filter.status")}</label>
              <select id="filter-status" name="status" defaultValue={filter.status ?? ""}>
                <option value="">{t("proposals.filter.allStatuses")}</option>
                {ENDED_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`proposal.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="filter">
              <label htmlFor="filter-norm">{t("proposals.filter.norm")}</label>
              <select id="filter-norm" name="norm" defaultValue={filter.normCode ?? ""}>
                <option value="">{t("proposals.filter.allNorms")}</option>
                {closed.norms.map((norm) => {
                  const code = norm.status === "retired" ? t("proposals.filter.retiredNorm", { code: norm.code }) : norm.code;
                  return (
                    <option key={norm.code} value={norm.code}>
                      {norm.title ? shortened(`${code} · ${norm.title}`, NORM_LABEL_MAX) : code}
                    </option>
                  );
                })}
              </select>
            </div>
            <div className="filter">
              <label htmlFor="filter-year">{t("proposals.filter.year")}</label>
              <select id="filter-year" name="year" defaultValue={filter.year === null ? "" : String(filter.year)}>
                <option value="">{t("proposals.filter.allYears")}</option>
                {closed.years.map((y) => (
                  <option key={y} value={String(y)}>
                    {y}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button secondary">
              {t("proposals.filter.submit")}
            </button>
            {filtered ? <Link to={closedHref(teamId, { status: null, normCode: null, year: null, page: 1 })}>{t("proposals.filter.clear")}</Link> : null}
          </Form>
          <p className="closed-tally">
            {t("proposals.closed.tally", {
              adopted: n(counts.adopted),
              rejected: n(counts.rejected),
              conflict: n(counts.conflict),
              withdrawn: n(counts.withdrawn),
            })}
          </p>
          <p className="closed-found" role="status">
            <strong>{matching === 0 ? t("proposals.closed.none") : t.plural("proposals.closed.found", matching)}</strong>
            {pages > 1 ? (
              <>
                {" "}
                {t("proposals.closed.showing", { from: n(first), to: n(first + rows.length - 1), page: n(filter.page), pages: n(pages) })}
              </>
            ) : null}
          </p>
          {rows.length > 0 ? (
            <ul className="proposal-list">
              {rows.map((p) => (
                <ProposalItem key={p.id} p={p} teamId={teamId} memberCount={memberCount} />
              ))}
            </ul>
          ) : null}
          {pages > 1 ? (
            <nav className="pager" aria-label={t("proposals.pager.label")}>
              {filter.page > 1 ? (
                <Link to={closedHref(teamId, { ...filter, page: filter.page - 1 })} rel="prev">
                  {t("proposals.pager.newer")}
                </Link>
              ) : null}
              <span>{t("proposals.pager.position", { page: n(filter.page), pages: n(pages) })}</span>
              {filter.page < pages ? (
                <Link to={closedHref(teamId, { ...filter, page: filter.page + 1 })} rel="next">
                  {t("proposals.pager.older")}
                </Link>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </section>
  );
}

type Item = Omit<ClosedProposalItem, "closedAt"> &
  Pick<ProposalListItem, "closedAt"> &
  Partial<Pick<ProposalListItem, "closesAt" | "updatedAt" | "voteCount" | "myVote">>;

function ProposalItem({ p, teamId, memberCount }: { p: Item; teamId: string; memberCount: number }) {
  const t = useT();
  return (
    <li className="proposal-item">
      <p className="proposal-item-title">
        <Link to={`/teams/${teamId}/proposals/${p.id}`}>{proposalTitle(t, p)}</Link>
      </p>
      <p className="muted">
        <StatusBadge status={p.status} /> {t(`proposal.kind.${p.kind}`)}
        {/* An adopted new norm names the code it got. */}
        {p.kind === "add" && p.normCode ? ` ${p.normCode}` : ""} · <AuthorName name={p.authorName} /> ·{" "}
        {p.status === "voting" && p.closesAt ? (
          <>
            {t("vote.closesOnShort")} <DateTime ms={p.closesAt} /> ·{" "}
            {t.plural("vote.turnoutShort", memberCount, { voters: p.voteCount ?? 0 })}
            {" · "}
            {p.myVote ? t("vote.youVoted") : <strong>{t("vote.youHaveNotVoted")}</strong>}
          </>
        ) : p.closedAt ? (
          <DateTime ms={p.closedAt} style="date" />
        ) : p.updatedAt ? (
          <DateTime ms={p.updatedAt} style="date" />
        ) : null}
      </p>
    </li>
  );
}
