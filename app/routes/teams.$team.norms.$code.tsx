import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AuthorName, CategoryName, DateTime, DiffLegend, Markdown, StatusBadge, TeamText, WordDiff } from "~/components/norms";
import { wordDiff } from "~/domain/diff";
import { parseNormCode } from "~/domain/norms";
import type { MessageKey } from "~/i18n";
import { useT } from "~/i18n/react";
import { markdownToText, normLinksOf, renderMarkdown } from "~/markdown.server";
import { normTrend } from "~/models/checkins.server";
import { openActionCountForNorm } from "~/models/conversations.server";
import { getNormPage } from "~/models/norms.server";
import { NormTrendPanel } from "~/components/norm-health";
import { closeDueVotes } from "~/models/proposals.server";
import { notFound, requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireMember(request, params);
  const links = normLinksOf(team);
  if (!params.code || parseNormCode(params.code) === null) notFound();
  closeDueVotes(team.id);
  const page = getNormPage(team.id, params.code);
  if (!page) notFound();
  const { norm } = page;
  const outcome = (p: NonNullable<(typeof page.versions)[number]["proposal"]>) => ({
    id: Number(p.id),
    kind: p.kind,
    status: p.status,
    authorName: p.authorName,
    closedAt: p.closedAt,
    rule: p.decisionRule,
    members: p.memberCountAtClose ?? 0,
    agree: p.tallyAgree ?? 0,
    object: p.tallyObject ?? 0,
    abstain: p.tallyAbstain ?? 0,
  });
  return {
    teamId: team.id,
    norm: {
      code: norm.code,
      status: norm.status,
      title: norm.title,
      category: norm.category,
      bodyHtml: renderMarkdown(norm.body, links),
      currentVersion: norm.currentVersion,
      createdAt: norm.createdAt,
      retiredAt: norm.retiredAt,
    },
    // Newest first, each with what changed since the version before it.
    versions: page.versions
      .map((v, i) => {
        const previous = i > 0 ? page.versions[i - 1] : null;
        return {
          version: v.version,
          title: v.title,
          category: v.category,
          createdAt: v.createdAt,
          bodyHtml: renderMarkdown(v.body, links),
          diff: previous ? { title: wordDiff(previous.title, v.title), body: wordDiff(markdownToText(previous.body), markdownToText(v.body)) } : null,
          proposal: v.proposal ? outcome(v.proposal) : null,
        };
      })
      .reverse(),
    retirement: page.retirement
      ? {
          at: page.retirement.at,
          agreementVersion: page.retirement.agreementVersion,
          proposal: page.retirement.proposal ? outcome(page.retirement.proposal) : null,
          reasonHtml: page.retirement.proposal ? renderMarkdown(page.retirement.proposal.body ?? "", links) : null,
        }
      : null,
    // Work in progress first (a vote, then drafts), then the rest newest first.
    proposals: [...page.proposals].sort((a, b) => openRank(a.status) - openRank(b.status) || b.id - a.id),
    // Where the norm came up in check-ins: the team's trend over closed cycles and
    // how many open actions point at it (a count only; no note or action text).
    trend: normTrend(team.id, norm.id),
    openActions: openActionCountForNorm(team.id, norm.id),
  };
}

type Outcome = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["versions"][number]["proposal"]>;

function OutcomeLine({ teamId, p }: { teamId: string; p: Outcome }) {
  const t = useT();
  return (
    <p className="muted">
      <Link to={`/teams/${teamId}/proposals/${p.id}`}>{t("proposal.number", { id: p.id })}</Link>{" "}
      {t("norm.madeBy", { name: p.authorName ?? t("proposal.formerMember") })} ·{" "}
      {t.plural("norm.outcome", p.members, {
        rule: t(`vote.ruleName.${p.rule ?? "majority"}`),
        agree: p.agree,
        object: p.object,
        abstain: p.abstain,
      })}
    </p>
  );
}

export default function NormPage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const n = d.norm;
  const newProposal = `/teams/${d.teamId}/proposals/new`;
  return (
    <article className="norm-page">
      <p className="muted">
        <Link to={`/teams/${d.teamId}/agreement`}>{t("agreement.title")}</Link> / {n.code}
      </p>
      <h1>
        {n.code} · <TeamText>{n.title}</TeamText>
      </h1>
      <p className="meta">
        {n.status === "retired" ? (
          <span className="badge status-retired">{t("norm.status.retired")}</span>
        ) : (
          <span className="badge status-adopted">{t("norm.status.active")}</span>
        )}{" "}
        <CategoryName category={n.category} /> · {t("norm.versionLine", { version: n.currentVersion })}
      </p>

      {d.retirement ? (
        <div className="notice" role="note">
          <p>
            <strong>
              {t("norm.retiredOn")} <DateTime ms={d.retirement.at} style="date" />
            </strong>{" "}
            {t("norm.retiredInVersion", { version: d.retirement.agreementVersion })}
          </p>
          {d.retirement.proposal ? <OutcomeLine teamId={d.teamId} p={d.retirement.proposal} /> : null}
          {d.retirement.reasonHtml ? <Markdown html={d.retirement.reasonHtml} /> : null}
        </div>
      ) : null}

      <section aria-labelledby="h-current" className="panel">
        <h2 id="h-current">{n.status === "retired" ? t("norm.lastText") : t("norm.currentText")}</h2>
        <p className="norm-title">{n.title}</p>
        <Markdown html={n.bodyHtml} norm />
        {n.status === "active" ? (
          <p className="actions no-print">
            <Link to={`${newProposal}?kind=change&normCode=${n.code}`}>{t("norm.proposeChange")}</Link>
            <Link to={`${newProposal}?kind=retire&normCode=${n.code}`}>{t("norm.proposeRetire")}</Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="h-checkins" className="panel">
        <h2 id="h-checkins">{t("norm.inCheckins")}</h2>
        <p>
          {d.trend.length ? t.plural("norm.inCheckins.cycles", d.trend.length) : t("norm.inCheckins.cyclesNone")}{" "}
          {d.openActions ? t.plural("norm.inCheckins.actions", d.openActions) : t("norm.inCheckins.actionsNone")}
        </p>
      </section>
      {d.trend.length > 0 ? <NormTrendPanel code={n.code} points={d.trend} /> : null}

      {d.proposals.length > 0 ? (
        <section aria-labelledby="h-proposals" className="no-print">
          <h2 id="h-proposals">{t("norm.proposals")}</h2>
          <ul>
            {d.proposals.map((p) => (
              <li key={p.id}>
                <Link to={`/teams/${d.teamId}/proposals/${p.id}`}>{t("proposal.number", { id: p.id })}</Link>{" "}
                {p.kind !== "retire" && p.title ? (
                  <>
                    <TeamText>{p.title}</TeamText> ·{" "}
                  </>
                ) : null}
                {t(`proposal.kind.${p.kind}` as MessageKey)} · <StatusBadge status={p.status} /> · <AuthorName name={p.authorName} /> ·{" "}
                <DateTime ms={p.closedAt ?? p.createdAt} style="date" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="h-versions">
        <h2 id="h-versions">{t.plural("norm.versions", d.versions.length)}</h2>
        <ol className="versions" reversed>
          {d.versions.slice(0, VERSIONS_SHOWN).map((v) => (
            <VersionItem key={v.version} v={v} teamId={d.teamId} />
          ))}
        </ol>
        {/* Years of changes stay one click away instead of screens of text (still in the page, so printing and search find them). */}
        {d.versions.length > VERSIONS_SHOWN ? (
          <details className="older-versions">
            <summary>{t.plural("norm.olderVersions", d.versions.length - VERSIONS_SHOWN)}</summary>
            <ol className="versions" reversed start={d.versions.length - VERSIONS_SHOWN}>
              {d.versions.slice(VERSIONS_SHOWN).map((v) => (
                <VersionItem key={v.version} v={v} teamId={d.teamId} />
              ))}
            </ol>
          </details>
        ) : null}
      </section>
    </article>
  );
}

const OPEN_FIRST = ["voting", "draft"];
const openRank = (status: string) => (OPEN_FIRST.includes(status) ? OPEN_FIRST.indexOf(status) : OPEN_FIRST.length);

/** The latest versions shown in full; older ones fold away (a norm may have dozens after years). */
const VERSIONS_SHOWN = 5;

function VersionItem({ v, teamId }: { v: ReturnType<typeof useLoaderData<typeof loader>>["versions"][number]; teamId: string }) {
  const t = useT();
  return (
    <li className="panel">
      <h3>
        {t("norm.versionN", { version: v.version })} · <DateTime ms={v.createdAt} style="date" />
      </h3>
      {v.proposal ? <OutcomeLine teamId={teamId} p={v.proposal} /> : null}
      <p className="norm-title">
        <TeamText>{v.title}</TeamText>
      </p>
      <Markdown html={v.bodyHtml} norm />
      {v.diff ? (
        <details>
          <summary>{t("norm.changesFrom", { version: v.version - 1 })}</summary>
          <DiffLegend />
          <WordDiff diff={v.diff.title} label={t("proposal.diff.titleField")} />
          <WordDiff diff={v.diff.body} label={t("proposal.diff.bodyField")} />
        </details>
      ) : null}
    </li>
  );
}
