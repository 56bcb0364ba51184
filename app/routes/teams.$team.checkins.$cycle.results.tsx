import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MemberResultList } from "~/components/member-results";
import { Figure, NormHealthChart } from "~/components/norm-health";
import { ScrollBox } from "~/components/scroll-box";
import type { Distribution } from "~/domain/checkin-results";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import {
  closeDueCycles,
  cycleResultsFor,
  requireCycle,
  type CycleNorm,
  type TeamNormFigures,
} from "~/models/checkins.server";
import { requireMember } from "~/permissions.server";

// Privacy: everything here comes from the tables frozen at close, which hold no
// rater, no per-rater value and no rating time. A member's page carries no other
// user's id; a lead's names each member's id only in that member's own block (the
// link to their conversation). Observations come in their shuffled order.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  closeDueCycles(Date.now(), team.id);
  const cycle = requireCycle(team.id, params.cycle);
  const head = { teamId: team.id, isLead, cycle: { id: cycle.id, title: cycle.title, closesAt: cycle.closesAt, closedAt: cycle.closedAt } };
  if (cycle.status !== "closed") return { ...head, results: null };
  return { ...head, results: cycleResultsFor(team.id, cycle, user.id, isLead) };
}

export default function Results() {
  const { teamId, cycle, results } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section>
      <p>
        <Link to={`/teams/${teamId}/checkins/${cycle.id}`}>{cycle.title}</Link>
      </p>
      <h1>
        {t("checkins.results.title")}: {cycle.title}
      </h1>
      {results === null ? (
        <section aria-labelledby="not-yet-title" className="notice">
          <h2 id="not-yet-title">{t("checkins.results.notYetTitle")}</h2>
          <p>{t("checkins.results.notYet", { date: formatDate(t.locale, cycle.closesAt, "datetime") })}</p>
        </section>
      ) : (
        <ClosedResults results={results} base={`/teams/${teamId}/checkins/${cycle.id}`} />
      )}
    </section>
  );
}

type Loaded = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["results"]>;

function ClosedResults({ results, base }: { results: Loaded; base: string }) {
  const t = useT();
  const normById = new Map(results.norms.map((n) => [n.normId, n]));
  return (
    <>
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

      <section aria-labelledby="team-title" className="panel">
        <h2 id="team-title">{t("checkins.results.team")}</h2>
        <p>{t("checkins.results.teamHelp")}</p>
        {results.team.map((figures) => {
          const norm = normById.get(figures.normId)!;
          return (
            <TeamNorm key={norm.normId} norm={norm} figures={figures} health={results.health[norm.normId] ?? []} />
          );
        })}
      </section>

      {results.members.length > 0 ? (
        <section aria-labelledby="members-title" className="panel">
          <h2 id="members-title">{t("checkins.results.members")}</h2>
          <p className="hint">{t("checkins.results.membersHelp", { threshold: results.threshold })}</p>
          {results.members.map((m, i) => (
            <section key={i} aria-labelledby={`member-${i + 1}`}>
              <h3 id={`member-${i + 1}`}>
                {m.name}
                {m.isMe ? <span className="muted"> ({t("shell.you")})</span> : null}
              </h3>
              <MemberResultList norms={results.norms} results={m.norms} Heading="h4" name={m.isMe ? undefined : m.name} />
              {m.isMe ? null : (
                <p>
                  <Link to={`${base}/conversations/${m.userId}`}>{t("conversation.withMember", { name: m.name })}</Link>
                </p>
              )}
            </section>
          ))}
        </section>
      ) : null}
    </>
  );
}

function TeamNorm({ norm, figures, health }: { norm: CycleNorm; figures: TeamNormFigures; health: Loaded["health"][number] }) {
  const t = useT();
  return (
    <section aria-labelledby={`team-${norm.code}`} className="result">
      <h3 id={`team-${norm.code}`}>
        {norm.code} — {norm.title}
      </h3>
      <dl className="result-figures">
        <dt>{t("checkins.results.meanSelf")}</dt>
        <dd>{figures.meanSelf !== null ? <Figure value={figures.meanSelf} /> : t("checkins.results.teamHidden")}</dd>
        <dt>{t("checkins.results.meanPeer")}</dt>
        <dd>{figures.meanPeer !== null ? <Figure value={figures.meanPeer} /> : t("checkins.results.teamHidden")}</dd>
      </dl>
      {figures.selfDistribution || figures.peerDistribution ? (
        <DistributionTable code={norm.code} self={figures.selfDistribution} peer={figures.peerDistribution} />
      ) : null}
      <h4>{t("checkins.results.health")}</h4>
      <NormHealthChart id={`health-${norm.code}`} code={norm.code} points={health} />
    </section>
  );
}

function DistributionTable({ code, self, peer }: { code: string; self: Distribution | null; peer: Distribution | null }) {
  const t = useT();
  const cell = (d: Distribution | null, i: number) => (d ? d[i] : <Figure value={null} />);
  const caption = t("checkins.results.distribution", { code });
  return (
    <ScrollBox label={caption}>
      <table className="table distribution">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("checkins.results.rating")}</th>
            <th scope="col">{t("checkins.results.selfRatings")}</th>
            <th scope="col">{t("checkins.results.peerRatings")}</th>
          </tr>
        </thead>
        <tbody>
          {([1, 2, 3, 4, 5] as const).map((v, i) => (
            <tr key={v}>
              <th scope="row">{t(`checkins.scale.${v}`)}</th>
              <td>{cell(self, i)}</td>
              <td>{cell(peer, i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
