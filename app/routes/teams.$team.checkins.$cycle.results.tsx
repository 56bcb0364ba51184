import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MemberResultList } from "~/components/member-results";
import { ScrollBox } from "~/components/scroll-box";
import { sparklinePoints } from "~/domain/norm-trend";
import { formatDate, formatMean } from "~/i18n/format";
import { useT } from "~/i18n/react";
import {
  closeDueCycles,
  cycleResultsFor,
  isParticipant,
  memberResultsFor,
  participantNameOf,
  requireCycle,
  type MemberOverviewRow,
} from "~/models/checkins.server";
import { forbidden, notFound, requireMember } from "~/permissions.server";
import type { PageTitleData } from "~/root";

// Privacy: everything here comes from the tables frozen at close, which hold no
// rater, no per-rater value and no rating time. A member's page carries no other
// user's id. A lead's overview names each member's id only in that member's own
// row (links to their results and conversation); `?member=<userId>` shows one
// member's results, and carries no other member's name or id.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  const head = {
    teamId: team.id,
    isLead,
    cycle: { id: cycle.id, title: cycle.title, closesAt: cycle.closesAt, closedAt: cycle.closedAt },
    threshold: cycle.anonymityThreshold ?? 3,
    pageTitle: { key: "title.resultsOf", params: { cycle: cycle.title } } satisfies PageTitleData,
  };
  const closed = cycle.status === "closed";

  // One member's results: leads only. A member may pass their own id (it shows
  // their own page); any other id is a 403 before anything is looked up, so the
  // answer never tells a member whether an id took part.
  // An empty ?member= (a form or a hand-edited link) means no member: the overview.
  const memberId = new URL(request.url).searchParams.get("member") || null;
  if (memberId !== null && !(memberId === user.id && !isLead)) {
    if (!isLead) forbidden();
    if (!closed) {
      if (!isParticipant(team.id, cycle.id, memberId)) notFound();
      return { ...head, results: null, detail: null };
    }
    const name = participantNameOf(team.id, cycle.id, memberId) ?? notFound();
    const { norms, member } = memberResultsFor(team.id, cycle, memberId, user.id);
    if (!member) notFound();
    const pageTitle: PageTitleData = { key: "title.memberResults", params: { name, cycle: cycle.title } };
    return { ...head, results: null, detail: { norms, member: { ...member, name } }, pageTitle };
  }

  if (!closed) return { ...head, results: null, detail: null };
  return { ...head, results: cycleResultsFor(team.id, cycle, user.id, isLead), detail: null };
}

export default function Results() {
  const { teamId, cycle, results, detail, threshold } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${teamId}/checkins/${cycle.id}`;
  return (
    <section>
      <p>
        <Link to={base}>{cycle.title}</Link>
      </p>
      {detail ? (
        <MemberDetail detail={detail} base={base} cycleTitle={cycle.title} threshold={threshold} />
      ) : (
        <>
          <h1>
            {t("checkins.results.title")}: {cycle.title}
          </h1>
          {results === null ? (
            <section aria-labelledby="not-yet-title" className="notice">
              <h2 id="not-yet-title">{t("checkins.results.notYetTitle")}</h2>
              <p>{t("checkins.results.notYet", { date: formatDate(t.locale, cycle.closesAt, "datetime") })}</p>
            </section>
          ) : (
            <ClosedResults results={results} teamId={teamId} base={base} threshold={threshold} />
          )}
        </>
      )}
    </section>
  );
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;

function ClosedResults({ results, teamId, base, threshold }: { results: NonNullable<Loaded["results"]>; teamId: string; base: string; threshold: number }) {
  const t = useT();
  const forLead = results.members !== null;
  const hidden = t("checkins.results.teamHidden");
  const mine = (
    <section aria-labelledby="mine-title" className="panel">
      <h2 id="mine-title">{t("checkins.results.mine")}</h2>
      {results.mine ? (
        <>
          <p>{t("checkins.results.intro")}</p>
          <MemberResultList norms={results.norms} results={results.mine.norms} Heading="h3" />
          <p>
            <Link to={`${base}/conversations/${results.mine.userId}`}>{t("conversation.myConversation")}</Link>
          </p>
        </>
      ) : (
        <p className="muted">{t("checkins.results.notParticipant")}</p>
      )}
    </section>
  );
  const team = (
    <section aria-labelledby="team-title" className="panel">
      <h2 id="team-title">{t("checkins.results.team")}</h2>
      <p>{t("checkins.results.teamHelp")}</p>
      <ScrollBox label={t("checkins.results.teamCaption")}>
        <table className="table">
          <caption className="visually-hidden">{t("checkins.results.teamCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("checkins.results.norm")}</th>
              <th scope="col">{t("checkins.results.meanSelf")}</th>
              <th scope="col">{t("checkins.results.meanPeer")}</th>
              <th scope="col">{t("checkins.results.trend")}</th>
              {forLead ? (
                <>
                  <th scope="col">{t("checkins.results.blindSpotCount")}</th>
                  <th scope="col">{t("checkins.results.hiddenStrengthCount")}</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {results.norms.map((norm, i) => {
              const figures = results.team[i];
              return (
                <tr key={norm.normId}>
                  <th scope="row">
                    <a href={`/teams/${teamId}/norms/${norm.code}`}>
                      {`${norm.code} — ${norm.title}`}
                    </a>
                  </th>
                  <td>{figures.meanSelf !== null ? formatMean(t.locale, figures.meanSelf) : hidden}</td>
                  <td>{figures.meanPeer !== null ? formatMean(t.locale, figures.meanPeer) : hidden}</td>
                  <td>
                    <TrendCell values={results.trends[i]} />
                    {/* The figures before the change rated other words: not quite the same norm. */}
                    {results.trendsFrom[i] !== null ? (
                      <span className="trend-note">{t("checkins.results.trendSince", { from: results.trendsFrom[i] ?? 0, to: norm.version })}</span>
                    ) : null}
                  </td>
                  {forLead ? (
                    <>
                      <td>{figures.blindSpots}</td>
                      <td>{figures.hiddenStrengths}</td>
                    </>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
  // A lead comes for the team first (the contract's "for leads also team results");
  // their own results follow, where a member's page starts.
  return forLead ? (
    <>
      {team}
      {results.members && results.members.length > 0 ? (
        <MembersOverview members={results.members} base={base} threshold={threshold} />
      ) : null}
      {mine}
    </>
  ) : (
    <>
      {mine}
      {team}
    </>
  );
}

/**
 * The team's mean peer rating over the latest cycles: a small line (decorative, the
 * same numbers follow as text) and the figures oldest first. The full chart with its
 * table is on the norm's permalink.
 */
function TrendCell({ values }: { values: (number | null)[] }) {
  const t = useT();
  if (values.every((v) => v === null)) return <span className="muted">{t("checkins.results.trendNone")}</span>;
  const points = sparklinePoints(values, 60, 16);
  const shown = values.map((v) => (v === null ? "–" : formatMean(t.locale, v)));
  // Read out as figures in order, not as "right arrow": one label, no extra elements.
  return (
    <span className="trend-cell" role="img" aria-label={t("checkins.results.trendSpoken", { values: shown.join("; ") })}>
      {points ? (
        <svg className="sparkline" width="64" height="20" viewBox="-2 -2 64 20" aria-hidden="true" focusable="false">
          <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      ) : null}{" "}
      {shown.join(" → ")}
    </span>
  );
}

function MembersOverview({ members, base, threshold }: { members: MemberOverviewRow[]; base: string; threshold: number }) {
  const t = useT();
  // Thirty rows and more: the repeated texts are looked up once.
  const none = <span className="muted">{t("checkins.results.none")}</span>;
  const conversation = t("checkins.results.conversation");
  const codes = (list: string[]) => (list.length > 0 ? list.join(", ") : none);
  return (
    <section aria-labelledby="members-title" className="panel">
      <h2 id="members-title">{t("checkins.results.members")}</h2>
      <p className="hint">
        {t("checkins.results.membersHelp", { threshold })} {t("checkins.results.membersOpen")}
      </p>
      <ScrollBox label={t("checkins.results.membersCaption")}>
        <table className="table">
          <caption className="visually-hidden">{t("checkins.results.membersCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("checkins.results.member")}</th>
              <th scope="col">{t("checkins.results.blindSpots")}</th>
              <th scope="col">{t("checkins.results.hiddenStrengths")}</th>
              <th scope="col">{t("checkins.results.peerHiddenCount")}</th>
              <th scope="col">{t("checkins.results.conversation")}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <th scope="row">
                  <a href={`${base}/results?member=${encodeURIComponent(m.userId)}`}>{m.name}</a>
                  {m.isMe ? <span className="muted"> ({t("shell.you")})</span> : null}
                </th>
                <td>{codes(m.blindSpots)}</td>
                <td>{codes(m.hiddenStrengths)}</td>
                <td>{m.peerHidden}</td>
                <td>
                  <a href={`${base}/conversations/${m.userId}`} aria-label={t("conversation.withMember", { name: m.name })}>
                    {conversation}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </section>
  );
}

function MemberDetail({
  detail,
  base,
  cycleTitle,
  threshold,
}: {
  detail: NonNullable<Loaded["detail"]>;
  base: string;
  cycleTitle: string;
  threshold: number;
}) {
  const t = useT();
  const { member, norms } = detail;
  return (
    <>
      <h1>{t("checkins.results.memberTitle", { name: member.name, cycle: cycleTitle })}</h1>
      <p className="actions">
        <Link to={`${base}/results#members-title`}>{t("checkins.results.allMembers")}</Link>
        <Link to={`${base}/conversations/${member.userId}`}>
          {member.isMe ? t("conversation.myConversation") : t("conversation.withMember", { name: member.name })}
        </Link>
      </p>
      <p className="hint">{t("checkins.results.membersHelp", { threshold })}</p>
      <MemberResultList norms={norms} results={member.norms} Heading="h2" name={member.isMe ? undefined : member.name} />
    </>
  );
}
