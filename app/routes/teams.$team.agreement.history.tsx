import type { LoaderFunctionArgs } from "@remix-run/node";
import { ScrollBox } from "~/components/scroll-box";
import { Link, useLoaderData } from "@remix-run/react";
import { DateTime, NormLink } from "~/components/norms";
import { useT } from "~/i18n/react";
import { getAgreementHistory } from "~/models/agreement.server";
import { closeDueVotes } from "~/models/proposals.server";
import { requireMember } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireMember(request, params);
  closeDueVotes(team.id);
  return { teamId: team.id, versions: getAgreementHistory(team.id) };
}

export default function AgreementHistory() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${d.teamId}/agreement`;
  const latest = d.versions[0]?.version ?? 0;
  return (
    <section>
      <p className="muted">
        <Link to={base}>{t("agreement.title")}</Link>
      </p>
      <h1>{t("agreement.history")}</h1>
      {d.versions.length === 0 ? (
        <p>{t("agreement.empty")}</p>
      ) : (
        <ScrollBox label={t("agreement.history")}>
          <table className="table">
            <caption className="visually-hidden">{t("agreement.history")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("agreement.history.version")}</th>
                <th scope="col">{t("agreement.history.date")}</th>
                <th scope="col">{t("agreement.history.change")}</th>
                <th scope="col">{t("agreement.history.proposal")}</th>
              </tr>
            </thead>
            <tbody>
              {d.versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">
                    <Link to={v.version === latest ? base : `${base}?version=${v.version}`}>
                      {t("agreement.history.versionN", { version: v.version })}
                    </Link>
                    {v.version === latest ? <span className="muted"> ({t("agreement.history.current")})</span> : null}
                  </th>
                  <td>
                    <DateTime ms={v.createdAt} style="date" />
                  </td>
                  <td>
                    {t(`agreement.history.kind.${v.changeKind}`)}{" "}
                    {v.code ? <NormLink teamId={d.teamId} code={v.code} /> : null}
                    {v.changeKind === "change" ? ` (${t("agreement.history.normVersion", { version: v.normVersion ?? 0 })})` : ""}
                    {v.title ? `: ${v.title}` : ""}
                  </td>
                  <td>
                    {v.proposalId ? (
                      <Link to={`/teams/${d.teamId}/proposals/${v.proposalId}`}>{t("proposal.number", { id: v.proposalId })}</Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
    </section>
  );
}
