import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { formatDate } from "~/i18n/format";
import { ScrollBox } from "~/components/scroll-box";
import { useT } from "~/i18n/react";
import { AUDIT_GROUPS, auditDetail, auditSubject, isAuditGroup, type AuditDetail, type SettingChange } from "~/domain/audit";
import type { DecisionRule } from "~/domain/votes";
import type { Locale } from "~/i18n/core";
import { listAudit, parseAuditCursor, type AuditKind } from "~/models/audit.server";
import { requireLead } from "~/permissions.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireLead(request, params);
  const url = new URL(request.url);
  const groupParam = url.searchParams.get("kind");
  const group = isAuditGroup(groupParam) ? groupParam : undefined;
  const before = parseAuditCursor(url.searchParams.get("before"));
  const { rows, nextBefore } = listAudit(team.id, { group, before });
  return {
    teamId: team.id,
    group: group ?? "",
    isFirstPage: !before,
    nextBefore,
    // The stored details stay on the server; the page gets only what it shows.
    rows: rows.map(({ data, ...row }) => ({ ...row, subject: auditSubject(row.kind, row.subject), detail: auditDetail(row.kind, data) })),
  };
}

export default function Audit() {
  const { teamId, group, rows, nextBefore, isFirstPage } = useLoaderData<typeof loader>();
  const t = useT();
  const base = `/teams/${teamId}/audit`;
  return (
    <section>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <Form method="get" className="actions">
        <label htmlFor="audit-kind">{t("audit.filter")}</label>
        <select id="audit-kind" name="kind" defaultValue={group}>
          <option value="">{t("audit.filter.all")}</option>
          {AUDIT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`audit.group.${g}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="button secondary">
          {t("audit.filter.submit")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <ScrollBox label={t("audit.title")}>
          <table className="table">
            <caption className="visually-hidden">{t("audit.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDate(t.locale, row.at, "datetime")}</td>
                  <td>{row.actorName ?? t("audit.system")}</td>
                  <td>
                    <AuditLine row={row} base={`/teams/${teamId}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      )}
      <p className="actions">
        {nextBefore ? (
          <Link to={`${base}?${new URLSearchParams({ ...(group ? { kind: group } : {}), before: nextBefore })}`}>
            {t("audit.older")}
          </Link>
        ) : null}
        {!isFirstPage ? <Link to={group ? `${base}?kind=${group}` : base}>{t("audit.newest")}</Link> : null}
      </p>
    </section>
  );
}

type Row = { kind: string; subject: string; detail: AuditDetail };

// Names a user wrote (a proposal's or check-in's title, a team's name) read as part of
// the sentence without quotes ("The vote on We call back. closed"); norm codes do not.
const TITLED = new Set(["team.created", "proposal.created", "proposal.vote-opened", "proposal.closed", "proposal.withdrawn", "proposal.comment-removed", "cycle.opened", "cycle.closed"]);

function AuditLine({ row, base }: { row: Row; base: string }) {
  const t = useT();
  const { detail } = row;
  const subject = TITLED.has(row.kind) && row.subject && !/^N-\d+$/.test(row.subject) ? t("audit.quoted", { text: row.subject }) : row.subject;
  if (detail?.kind === "role") {
    const role = (r: "lead" | "member") => t(`role.${r}`).toLocaleLowerCase(t.locale);
    return <>{t("audit.roleChanged", { subject, from: role(detail.from), to: role(detail.to) })}</>;
  }
  if (detail?.kind === "settings") {
    return <>{t("audit.settingsChanged", { changes: detail.changes.map((c) => settingChange(t, c)).join(", ") })}</>;
  }
  const text =
    detail?.kind === "outcome"
      ? t("audit.voteOutcome", { subject, outcome: t(`audit.outcome.${detail.outcome}`) })
      : t(`audit.kind.${row.kind as AuditKind}` satisfies MessageKey, { subject });
  // Rows about one proposal name it: two on one norm read alike.
  const proposalId = detail?.kind === "outcome" || detail?.kind === "proposal" ? detail.proposalId : null;
  if (proposalId === null) return <>{text}</>;
  return (
    <>
      {text} (<Link to={`${base}/proposals/${proposalId}`}>{t("proposal.number", { id: proposalId })}</Link>)
    </>
  );
}

function settingChange(t: ReturnType<typeof useT>, change: SettingChange) {
  if (change.from === undefined || change.to === undefined || change.key === "description") return t(`audit.setting.${change.key}`);
  const value = (v: string) =>
    change.key === "language" ? t(`audit.language.${v as Locale}`) : change.key === "decisionRule" ? t(`vote.ruleName.${v as DecisionRule}`) : v;
  return t(`audit.change.${change.key}`, { from: value(change.from), to: value(change.to) });
}
