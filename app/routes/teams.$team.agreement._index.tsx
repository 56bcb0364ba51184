import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { SubmitButton, translateError } from "~/components/submit-button";
import { CategoryName, DateTime, Markdown, NormLink, PrintButton, TeamText, WordDiff, DiffLegend } from "~/components/norms";
import { agreementChanges, groupByCategory } from "~/domain/agreement";
import { wordDiff } from "~/domain/diff";
import { redirectWithFlash } from "~/flash.server";
import { parseRowId, singleFields } from "~/form-data";
import { msg } from "~/form-messages";
import { formatDate } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { markdownToText, normLinksOf, renderMarkdown } from "~/markdown.server";
import { acknowledge, getAgreementPage, parseVersionParam, type AgreementNorm } from "~/models/agreement.server";
import { closeDueVotes } from "~/models/proposals.server";
import { notFound, requireMember } from "~/permissions.server";
import { ScrollBox } from "~/components/scroll-box";

export { ErrorBoundary } from "~/components/error-page";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  closeDueVotes(team.id);
  const requested = parseVersionParam(new URL(request.url).searchParams.get("version"));
  const page = getAgreementPage(team.id, user.id, requested, isLead);
  if (!page) notFound();
  const links = normLinksOf(team);
  const render = (n: AgreementNorm) => ({ code: n.code, title: n.title, category: n.category, bodyHtml: renderMarkdown(n.body, links) });
  const changes = page.previousNorms ? agreementChanges(page.previousNorms, page.norms) : null;
  const coverage = page.coverage;
  return {
    teamId: team.id,
    teamName: team.name,
    latest: page.latest,
    isLatest: page.isLatest,
    shown: page.shown,
    groups: groupByCategory(page.norms).map((g) => ({ category: g.category, norms: g.norms.map(render) })),
    acknowledged: page.acknowledged,
    changes: changes
      ? {
          since: page.acknowledged?.version ?? 0,
          added: changes.added.map(render),
          changed: changes.changed.map(({ before, after }) => ({
            code: after.code,
            title: after.title,
            fromVersion: before.version,
            toVersion: after.version,
            titleDiff: wordDiff(before.title, after.title),
            bodyDiff: wordDiff(markdownToText(before.body), markdownToText(after.body)),
          })),
          retired: changes.retired.map((n) => ({ code: n.code, title: n.title })),
        }
      : null,
    coverage: coverage
      ? { members: coverage.map((m) => ({ name: m.name, role: m.role, at: m.at, lastRead: m.lastRead })), done: coverage.filter((m) => m.at !== null).length }
      : null,
  };
}

// One hidden number, checked by hand: importing zod here would put all of it into
// this page's client bundle (zod configures itself on import), and the agreement
// is the page every new hire opens first.
function parseAcknowledgement(form: FormData) {
  const fields = singleFields(form);
  // Digits only: Number() would read "1e0", "0x1" and " 1 " as version 1.
  const version = parseRowId(fields?.version);
  const ok = fields?.intent === "acknowledge" && version !== null && version <= 1_000_000_000;
  return ok ? { version } : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  const parsed = parseAcknowledgement(await request.formData());
  if (!parsed) return data({ error: msg("agreement.ack.invalid") }, { status: 400 });
  const result = acknowledge(team.id, user.id, parsed.version);
  if (result === "no-such-version") return data({ error: msg("agreement.ack.invalid") }, { status: 400 });
  return redirectWithFlash(`/teams/${team.id}/agreement`, { key: "agreement.ack.done", params: { version: parsed.version } });
}

export default function Agreement() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const base = `/teams/${d.teamId}/agreement`;
  const needsAck = d.isLatest && d.latest > 0 && (d.acknowledged?.version ?? 0) < d.latest;
  return (
    <article className="agreement">
      <h1>{t("agreement.title")}</h1>
      {d.shown ? (
        <p className="lead">
          {t("agreement.versionLine", { version: d.shown.version, team: d.teamName })} · <DateTime ms={d.shown.createdAt} style="date" />
        </p>
      ) : null}
      <p className="actions no-print">
        <Link to={`${base}/history`}>{t("agreement.history")}</Link>
        {d.latest > 0 ? (
          <a href={d.isLatest ? `${base}.md` : `${base}.md?version=${d.shown?.version}`} download>
            {t("agreement.download")}
          </a>
        ) : null}
        {d.latest > 0 ? <PrintButton /> : null}
        {/* The confirmation comes after the whole text: on a phone screens further down. */}
        {needsAck ? <a href="#confirm">{t("agreement.ack.jump", { version: d.latest })}</a> : null}
      </p>

      {actionData?.error ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          <p>{translateError(t, actionData.error)}</p>
        </div>
      ) : null}

      {!d.isLatest && d.shown ? (
        <div className="notice" role="note">
          <p>
            {t("agreement.olderVersion", { version: d.shown.version, latest: d.latest })} <Link to={base}>{t("agreement.readCurrent")}</Link>
          </p>
        </div>
      ) : null}

      {d.latest === 0 ? (
        <div className="panel">
          <p>{t("agreement.empty")}</p>
          <p>
            <Link to={`/teams/${d.teamId}/proposals/new`}>{t("team.home.draftFirst")}</Link>
          </p>
        </div>
      ) : null}

      {d.isLatest && d.acknowledged && d.acknowledged.version === d.latest ? (
        <p className="ack-done">
          {t("agreement.ack.doneOn", { version: d.latest, date: formatDate(t.locale, d.acknowledged.at) })}
        </p>
      ) : null}

      {needsAck && d.changes ? <Changes /> : null}
      {needsAck && !d.acknowledged ? (
        <div className="notice no-print" role="note">
          <p>{t("agreement.ack.newMember", { version: d.latest })}</p>
        </div>
      ) : null}

      {d.groups.map((g) => (
        <section key={g.category} aria-labelledby={`cat-${g.category}`} className="category">
          <h2 id={`cat-${g.category}`}>
            <CategoryName category={g.category} />
          </h2>
          {g.norms.map((n) => (
            <article key={n.code} className="norm" aria-labelledby={`norm-${n.code}`}>
              <h3 id={`norm-${n.code}`}>
                <NormLink teamId={d.teamId} code={n.code} /> · <TeamText>{n.title}</TeamText>
              </h3>
              <Markdown html={n.bodyHtml} norm />
            </article>
          ))}
        </section>
      ))}

      {needsAck ? <AckForm version={d.latest} /> : null}
      {d.coverage && d.isLatest ? <Coverage /> : null}
    </article>
  );
}

function AckForm({ version }: { version: number }) {
  const t = useT();
  return (
    <Form method="post" className="panel ack" id="confirm" tabIndex={-1}>
      <input type="hidden" name="intent" value="acknowledge" />
      <input type="hidden" name="version" value={version} />
      <p>{t("agreement.ack.help")}</p>
      <SubmitButton>{t("agreement.ack.button", { version })}</SubmitButton>
    </Form>
  );
}

function Changes() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const c = d.changes;
  if (!c) return null;
  return (
    <section aria-labelledby="h-changes" className="panel changes">
      <h2 id="h-changes">{t("agreement.changes.title", { since: c.since, latest: d.latest })}</h2>
      {/* Struck and underlined words appear only under a changed norm. */}
      {c.changed.length ? <DiffLegend /> : null}
      {c.added.length ? (
        <>
          <h3>{t("agreement.changes.added")}</h3>
          {c.added.map((n) => (
            <div key={n.code} className="change">
              <p>
                <strong>
                  <NormLink teamId={d.teamId} code={n.code} /> · <TeamText>{n.title}</TeamText>
                </strong>
              </p>
              <Markdown html={n.bodyHtml} norm />
            </div>
          ))}
        </>
      ) : null}
      {c.changed.length ? (
        <>
          <h3>{t("agreement.changes.changed")}</h3>
          {c.changed.map((n) => (
            <div key={n.code} className="change">
              <p>
                <strong>
                  <NormLink teamId={d.teamId} code={n.code} /> · <TeamText>{n.title}</TeamText>
                </strong>{" "}
                <span className="muted">{t("agreement.changes.versions", { from: n.fromVersion, to: n.toVersion })}</span>
              </p>
              <WordDiff diff={n.titleDiff} label={t("proposal.diff.titleField")} />
              <WordDiff diff={n.bodyDiff} label={t("proposal.diff.bodyField")} />
            </div>
          ))}
        </>
      ) : null}
      {c.retired.length ? (
        <>
          <h3>{t("agreement.changes.retired")}</h3>
          <ul>
            {c.retired.map((n) => (
              <li key={n.code}>
                <NormLink teamId={d.teamId} code={n.code} /> ·{" "}
                <del>
                  <TeamText>{n.title}</TeamText>
                </del>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Coverage() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  if (!d.coverage) return null;
  return (
    <section aria-labelledby="h-coverage" className="panel no-print">
      <h2 id="h-coverage">{t("agreement.coverage.title", { version: d.latest })}</h2>
      <p>{t.plural("agreement.coverage.summary", d.coverage.members.length, { done: d.coverage.done })}</p>
      {/* Named apart from its section: two landmarks with one name cannot be told apart. */}
      <ScrollBox label={t("agreement.coverage.table", { version: d.latest })}>
      <table className="table">
        <caption className="visually-hidden">{t("agreement.coverage.table", { version: d.latest })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            {/* On a phone the role goes under the name, so what was read fits the screen. */}
            <th scope="col" className="wide-only">
              {t("members.role")}
            </th>
            <th scope="col">{t("agreement.coverage.status")}</th>
          </tr>
        </thead>
        <tbody>
          {d.coverage.members.map((m, i) => (
            <tr key={i}>
              <th scope="row">
                {m.name}
                <span className="narrow-only muted">{t(`role.${m.role}`)}</span>
              </th>
              <td className="wide-only">{t(`role.${m.role}`)}</td>
              <td>
                {m.at ? (
                  t("agreement.coverage.readOn", { date: formatDate(t.locale, m.at) })
                ) : (
                  <>
                    <strong>{t("agreement.coverage.notYet")}</strong>{" "}
                    <span className="muted">
                      {m.lastRead ? t("agreement.coverage.lastRead", { version: m.lastRead }) : t("agreement.coverage.neverRead")}
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </ScrollBox>
    </section>
  );
}
