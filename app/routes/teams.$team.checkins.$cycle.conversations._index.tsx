import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseRowId } from "~/form-data";
import { todayIso } from "~/i18n/format";
import { ScrollBox } from "~/components/scroll-box";
import { useT } from "~/i18n/react";
import { conversationOverview, findCycleTitle } from "~/models/conversations.server";
import { countLeadsOf } from "~/models/teams.server";
import { notFound, requireLead } from "~/permissions.server";
import type { PageTitleData } from "~/root";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireLead(request, params);
  const cycleId = parseRowId(params.cycle) ?? notFound();
  const cycle = findCycleTitle(team.id, cycleId);
  if (!cycle) notFound();
  const rows = conversationOverview(team.id, cycleId, todayIso()).map((r) => ({ ...r, own: r.userId === user.id }));
  // A lead's own conversation is held by another lead; with none, say how to get one.
  const pageTitle: PageTitleData = { key: "title.conversationsNamed", params: { cycle: cycle.title } };
  return { teamId: team.id, cycle, rows, otherLead: countLeadsOf(team.id) > 1, pageTitle };
}

export default function ConversationOverview() {
  const { teamId, cycle, rows, otherLead } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${teamId}/checkins/${cycle.id}`;
  return (
    <section>
      <p className="muted">
        <Link to={base}>{cycle.title}</Link>
      </p>
      <h1>{t("conversation.overview.title", { title: cycle.title })}</h1>
      {rows.length === 0 ? (
        <p>{t("conversation.overview.empty")}</p>
      ) : (
        <ScrollBox label={t("conversation.overview.title", { title: cycle.title })}>
          <table className="table">
            <caption className="visually-hidden">{t("conversation.overview.title", { title: cycle.title })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("conversation.overview.member")}</th>
                <th scope="col">{t("conversation.overview.held")}</th>
                <th scope="col">{t("conversation.overview.open")}</th>
                <th scope="col">{t("conversation.overview.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">
                    <Link
                      to={`${base}/conversations/${r.userId}`}
                      aria-label={r.own ? t("conversation.overview.open.own", { name: r.name }) : t("conversation.overview.open.label", { name: r.name })}
                    >
                      {r.name}
                    </Link>
                    {r.inTeam ? null : <span className="muted">{` (${t("conversation.overview.left")})`}</span>}
                  </th>
                  {/* The lead's own conversation is held by another lead (decision 040). */}
                  <td>
                    {r.heldAt
                      ? t("conversation.overview.isHeld")
                      : r.own
                        ? t(otherLead ? "conversation.overview.ownNotHeld" : "conversation.overview.ownNoOtherLead")
                        : t("conversation.overview.notHeld")}
                  </td>
                  <td>{r.openActions}</td>
                  <td>{r.overdueActions > 0 ? <strong>{r.overdueActions}</strong> : 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
