import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { FormErrors, SelectField, SubmitButton, TextareaField, TextField, translateError, useEmptiedAfterSave, validateOnSubmit } from "~/components/forms";
import {
  AuthorName,
  CategoryName,
  DateTime,
  DiffLegend,
  Markdown,
  NormLink,
  proposalTitle,
  StatusBadge,
  TeamText,
  Turnout,
  useLiveTitle,
  WordDiff,
} from "~/components/norms";
import { CancelLink } from "~/components/cancel-link";
import { ConcretenessPanel } from "~/components/concreteness-panel";
import { wordDiff } from "~/domain/diff";
import { NORM_CATEGORY_ORDER } from "~/domain/norms";
import { parseClosesAt, VOTE_CHOICES, voterCount, type VoteChoice } from "~/domain/votes";
import { redirectWithFlash } from "~/flash.server";
import { parseRowId, savedAtOf, singleValue } from "~/form-data";
import { msg } from "~/forms";
import type { MessageKey } from "~/i18n";
import { addLocalDays, formatDate, parseLocalDateTime } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { markdownToText, normLinksOf, renderMarkdown } from "~/markdown.server";
import {
  addComment,
  castVote,
  editComment,
  removeComment,
  CLOSED_STATUSES,
  closeDueVotes,
  closeEarly,
  editDraft,
  findRebasedCopy,
  getProposalMeta,
  getProposalPage,
  openVote,
  rebase,
  withdraw,
  type Actor,
  type CommentRefusal,
} from "~/models/proposals.server";
import { forbidden, notFound, requireMember } from "~/permissions.server";
import { commentSchema, editSchema, openVoteSchema, voteSchema } from "~/proposal-forms";
import { repeatSince } from "~/double-click.server";

export { ErrorBoundary } from "~/components/error-page";
export { reloadAfterConflict as shouldRevalidate } from "~/revalidation";


/** Proposal ids are positive integers; anything else is a page that does not exist. */
function parseProposalId(value: string | undefined) {
  return parseRowId(value) ?? notFound();
}

function refusalMessage(r: Exclude<CommentRefusal, { refused: "not-found" | "forbidden" }>, intent: string, code: string) {
  // Nothing was typed for a removal: no "your text is below".
  if (intent === "remove-comment") return msg("comments.refused.closedRemove");
  // Why the author may no longer change their comment.
  if (intent === "edit-comment") {
    if (r.refused === "changed-meanwhile") return msg("comments.changedMeanwhile");
    return r.refused === "removed" ? msg("comments.refused.removed") : msg("comments.refused.closed");
  }
  // A vote that reaches a decided proposal came after the close, whoever closed it (sweep, lead or clock).
  if (intent === "vote" && r.refused === "state" && CLOSED_STATUSES.includes(r.status)) return msg("vote.refused.tooLate");
  switch (r.refused) {
    case "too-late":
      return msg("vote.refused.tooLate");
    case "stale":
      return msg("proposal.refused.stale", { code });
    case "norm-retired":
      return msg("proposal.refused.normRetired", { code });
    case "changed-meanwhile":
      return msg("proposal.refused.changedMeanwhile");
    case "removed":
      return msg("comments.refused.removed");
    case "state":
      return r.status === "draft"
        ? msg("proposal.refused.draft")
        : r.status === "voting"
          ? msg("proposal.refused.voting")
          : r.status === "withdrawn"
            ? msg("proposal.refused.withdrawn")
            : msg("proposal.refused.decided");
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  const links = normLinksOf(team);
  const id = parseProposalId(params.id);
  closeDueVotes(team.id);
  const page = getProposalPage(team.id, id);
  if (!page) notFound();
  const { proposal: p, norm } = page;
  const isAuthor = p.authorId === user.id;
  const open = p.status === "draft" || p.status === "voting";
  const closed = p.status === "adopted" || p.status === "rejected" || p.status === "conflict";
  const base = page.baseVersion;
  const current = page.currentVersion;
  const stale = !!norm && open && (norm.status === "retired" || norm.currentVersion !== p.baseVersion);
  const counted = page.votes.filter((v) => v.member !== null);
  // Only a conflict is copied by a rebase; the copy replaces the rebase button with a link.
  const rebasedAs = p.status === "conflict" ? findRebasedCopy(team.id, p.id) : null;
  const mine = page.votes.find((v) => v.userId === user.id) ?? null;
  // `?comment=<id>` opens the edit form of one's own comment, or a lead's remove button
  // for someone else's: a link, so it works without JavaScript (as a note's, decision 072).
  const openedComment = parseRowId(new URL(request.url).searchParams.get("comment"));

  return {
    teamId: team.id,
    voteDays: team.voteDays,
    now: Date.now(),
    proposal: {
      id: p.id,
      kind: p.kind,
      status: p.status,
      title: p.title,
      body: p.body,
      bodyHtml: renderMarkdown(p.body, links),
      category: p.category,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      votingOpenedAt: p.votingOpenedAt,
      closesAt: p.closesAt,
      closedAt: p.closedAt,
      decisionRule: p.decisionRule,
      quorumPercent: p.quorumPercent,
      outcomeReason: p.outcomeReason,
      rebasedFromId: p.rebasedFromId,
      rebasedAs,
      earlyClose: p.closedBy !== null,
      tally: closed ? { agree: p.tallyAgree ?? 0, object: p.tallyObject ?? 0, abstain: p.tallyAbstain ?? 0 } : null,
      memberCountAtClose: p.memberCountAtClose,
    },
    author: { name: page.authorName, isMe: isAuthor },
    norm: norm
      ? {
          code: norm.code,
          status: norm.status,
          currentVersion: norm.currentVersion,
          baseVersion: p.baseVersion,
          current: current ? { title: current.title, bodyHtml: renderMarkdown(current.body, links), category: current.category } : null,
        }
      : null,
    stale,
    // A change is shown against the version it was written for.
    diff:
      p.kind === "change" && base
        ? {
            version: base.version,
            title: wordDiff(base.title, p.title),
            // The words as read, not the Markdown marks around them.
            body: wordDiff(markdownToText(base.body), markdownToText(p.body)),
            categoryFrom: base.category !== p.category ? base.category : null,
          }
        : null,
    comments: page.comments.map((c) => {
      const removed = c.removedAt !== null;
      const own = c.authorId === user.id;
      const canEdit = !removed && own && open;
      const canRemove = !removed && (isLead || (own && open));
      const opened = (canEdit || canRemove) && c.id === openedComment;
      return {
        id: c.id,
        authorName: c.authorName,
        createdAt: c.createdAt,
        editedAt: removed ? null : c.editedAt,
        removed: removed ? { at: c.removedAt ?? c.createdAt, by: c.removedAs ?? "author" } : null,
        html: removed ? "" : renderMarkdown(c.body, links),
        canEdit,
        canRemove,
        opened,
        // The raw text (and the time of its last save) only in the open edit form.
        body: opened && canEdit ? c.body : "",
        savedAt: c.editedAt ?? c.createdAt,
      };
    }),
    // Running: only the count and the member's own vote. Who voted what is shown after the close.
    turnout: { voters: counted.length, members: page.memberCount },
    myVote: mine && p.status === "voting" ? { choice: mine.choice, reason: mine.reason, updatedAt: mine.updatedAt } : null,
    votes: closed ? counted.map((v) => ({ name: v.name, choice: v.choice, reason: v.reason })) : null,
    can: {
      edit: isAuthor && p.status === "draft",
      openVote: (isAuthor || isLead) && p.status === "draft",
      vote: p.status === "voting",
      close: isLead && p.status === "voting",
      withdraw: (isAuthor || isLead) && open,
      comment: open,
      rebase: isAuthor && norm?.status === "active" && ((p.status === "conflict" && rebasedAs === null) || (p.status === "draft" && stale)),
    },
  };
}

type ActionResult = { intent: string; result?: SubmissionResult<string[]>; error?: string; commentId?: number };

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, user, isLead } = await requireMember(request, params);
  const id = parseProposalId(params.id);
  const formData = await request.formData();
  // Sent twice, the intent names no one action: the default case refuses it.
  const value = singleValue(formData, "intent");
  const intent = typeof value === "string" ? value : "";
  const actor: Actor = { id: user.id, isLead };
  const here = `/teams/${team.id}/proposals/${id}`;
  const p = getProposalMeta(team.id, id);
  if (!p) notFound();
  const isAuthor = p.authorId === user.id;

  // Permission before validation: a member who may not do this learns nothing from a 400.
  if (intent === "edit" && !isAuthor) forbidden();
  if ((intent === "open-vote" || intent === "withdraw") && !isAuthor && !isLead) forbidden();
  if (intent === "close" && !isLead) forbidden();
  if (intent === "rebase" && !isAuthor) forbidden();

  // `commentId`: which comment's form the answer is for (edit-comment, remove-comment).
  const refuse = (r: CommentRefusal, result?: SubmissionResult<string[]>, commentId?: number) => {
    if (r.refused === "not-found") notFound();
    if (r.refused === "forbidden") forbidden();
    return data<ActionResult>({ intent, commentId, result, error: refusalMessage(r, intent, p.normCode ?? "") }, { status: 409 });
  };
  const invalid = (result: SubmissionResult<string[]>, commentId?: number) => data<ActionResult>({ intent, commentId, result }, { status: 400 });

  switch (intent) {
    case "edit": {
      const submission = parseWithZod(formData, { schema: editSchema(p.kind) });
      if (submission.status !== "success") return invalid(submission.reply());
      const r = editDraft(team.id, actor, id, {
        ...submission.value,
        title: submission.value.title ?? "",
        savedAt: savedAtOf(formData),
      });
      if ("refused" in r) return refuse(r, submission.reply());
      return redirectWithFlash(here, { key: "proposal.saved" });
    }
    case "comment": {
      const submission = parseWithZod(formData, { schema: commentSchema });
      if (submission.status !== "success") return invalid(submission.reply());
      const now = Date.now();
      const r = addComment(team.id, actor, id, submission.value.body, now, repeatSince(request, now));
      if ("refused" in r) return refuse(r, submission.reply());
      // At the new comment: on a long thread, #comments would be its top.
      return redirectWithFlash(`${here}#comment-${r.id}`, { key: "proposal.commented" });
    }
    case "edit-comment": {
      const commentId = parseRowId(singleValue(formData, "commentId")) ?? notFound();
      const submission = parseWithZod(formData, { schema: commentSchema });
      if (submission.status !== "success") return invalid(submission.reply(), commentId);
      const r = editComment(team.id, actor, id, commentId, submission.value.body, savedAtOf(formData) ?? null);
      if ("refused" in r) return refuse(r, submission.reply(), commentId);
      return redirectWithFlash(`${here}#comment-${commentId}`, { key: "comments.savedFlash" });
    }
    case "remove-comment": {
      const commentId = parseRowId(singleValue(formData, "commentId")) ?? notFound();
      const r = removeComment(team.id, actor, id, commentId);
      if ("refused" in r) return refuse(r, undefined, commentId);
      return redirectWithFlash(`${here}#comment-${commentId}`, { key: "comments.removedFlash" });
    }
    case "open-vote": {
      const submission = parseWithZod(formData, { schema: openVoteSchema });
      if (submission.status !== "success") return invalid(submission.reply());
      const now = Date.now();
      const parsed = parseClosesAt(submission.value.closesAt, now, (v) => parseLocalDateTime(v));
      if (!parsed.ok) {
        const error = parsed.error === "invalid" ? msg("form.invalidDate") : parsed.error === "past" ? msg("vote.closesAt.past") : msg("vote.closesAt.tooFar");
        return invalid(submission.reply({ fieldErrors: { closesAt: [error] } }));
      }
      const r = openVote(team.id, actor, id, parsed.closesAt, now);
      if ("refused" in r) return refuse(r, submission.reply());
      return redirectWithFlash(here, { key: "proposal.voteOpened" });
    }
    case "vote": {
      const submission = parseWithZod(formData, { schema: voteSchema });
      if (submission.status !== "success") return invalid(submission.reply());
      const r = castVote(team.id, actor, id, submission.value.choice, submission.value.reason);
      if ("refused" in r) return refuse(r, submission.reply());
      return redirectWithFlash(here, { key: "vote.saved" });
    }
    case "close": {
      const r = closeEarly(team.id, actor, id);
      if ("refused" in r) return refuse(r);
      return redirectWithFlash(here, { key: `proposal.closed.${r.status}` as MessageKey });
    }
    case "withdraw": {
      const r = withdraw(team.id, actor, id);
      if ("refused" in r) return refuse(r);
      return redirectWithFlash(here, { key: "proposal.withdrawnFlash" });
    }
    case "rebase": {
      const r = rebase(team.id, actor, id);
      if ("refused" in r) return refuse(r);
      // Where the author and the adopted change touched the same words, the author's
      // stand, and the diff would undo the adopted ones: the message says to look.
      return redirectWithFlash(`/teams/${team.id}/proposals/${r.id}`, { key: r.overlaps.length ? "proposal.rebasedOverlapFlash" : "proposal.rebasedFlash" });
    }
    default:
      return data<ActionResult>({ intent, error: msg("form.invalidChoice") }, { status: 400 });
  }
}

export default function ProposalPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionResult | undefined;
  const t = useT();
  const p = d.proposal;
  const resultFor = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined);
  const heading = proposalTitle(t, { ...p, normCode: d.norm?.code ?? null, normTitle: d.norm?.current?.title ?? null });

  return (
    <article className="proposal">
      <p className="muted">
        <Link to={`/teams/${d.teamId}/proposals`}>{t("proposals.title")}</Link> / {t("proposal.number", { id: p.id })}
      </p>
      <h1>{heading}</h1>
      <p className="meta">
        <StatusBadge status={p.status} /> {t(`proposal.kind.${p.kind}`)} ·{" "}
        {t("proposal.byOn", { name: d.author.name ?? t("proposal.formerMember"), date: formatDate(t.locale, p.createdAt) })}
        {p.category ? (
          <>
            {" "}
            · <CategoryName category={p.category} />
          </>
        ) : null}
        {p.rebasedFromId ? (
          <>
            {" "}
            · <Link to={`/teams/${d.teamId}/proposals/${p.rebasedFromId}`}>{t("proposal.rebasedFrom", { id: p.rebasedFromId })}</Link>
          </>
        ) : null}
      </p>

      {actionData?.error ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          <p>{translateError(t, actionData.error)}</p>
        </div>
      ) : null}
      {actionData?.error && actionData.result && !formShown(d, actionData) ? (
        <KeptText intent={actionData.intent} result={actionData.result} retire={p.kind === "retire"} />
      ) : null}

      <StatusPanel />

      {d.norm && d.stale ? (
        <div className="notice" role="note">
          <p>
            {d.norm.status === "retired"
              ? t("proposal.stale.retired", { code: d.norm.code })
              : t("proposal.stale.changed", { code: d.norm.code, version: d.norm.currentVersion })}
          </p>
          {p.status === "voting" && d.norm.status === "active" ? (
            // Voters and the author were left wondering what their votes would do.
            <p>
              {t(d.author.isMe ? "proposal.stale.whileVotingYours" : "proposal.stale.whileVoting", { version: d.norm.currentVersion })}
              {d.can.withdraw ? ` ${t("proposal.stale.stopNow")}` : null}
            </p>
          ) : null}
          {d.can.rebase ? <RebaseForm /> : null}
        </div>
      ) : null}

      <section aria-labelledby="h-text" className="panel">
        <h2 id="h-text">{p.kind === "retire" ? t("proposal.retireReason") : t("proposal.text")}</h2>
        {p.kind === "retire" ? (
          <>
            <Markdown html={p.bodyHtml} />
            {d.norm?.current ? (
              <>
                <h3>
                  {t(
                    p.status === "adopted" ? "proposal.retiredWhat" : p.status === "draft" || p.status === "voting" ? "proposal.retireWhat" : "proposal.notRetiredWhat",
                    { code: d.norm.code },
                  )}
                </h3>
                <blockquote className="norm-quote">
                  <p>
                    <strong>
                      <TeamText>{d.norm.current.title}</TeamText>
                    </strong>
                  </p>
                  <Markdown html={d.norm.current.bodyHtml} norm />
                </blockquote>
              </>
            ) : null}
          </>
        ) : (
          <>
            <p className="norm-title">
              <TeamText>{p.title}</TeamText>
            </p>
            {p.body.trim() ? <Markdown html={p.bodyHtml} norm /> : <p className="muted">{t("proposal.noBody")}</p>}
          </>
        )}
      </section>

      {d.diff && d.norm ? (
        <section aria-labelledby="h-diff" className="panel">
          <h2 id="h-diff">{t("proposal.diff.title", { code: d.norm.code, version: d.diff.version })}</h2>
          <DiffLegend />
          <h3>{t("proposal.diff.titleField")}</h3>
          <WordDiff diff={d.diff.title} label={t("proposal.diff.titleField")} />
          <h3>{t("proposal.diff.bodyField")}</h3>
          <WordDiff diff={d.diff.body} label={t("proposal.diff.bodyField")} />
          {d.diff.categoryFrom && p.category ? (
            <p>
              {t("proposal.diff.category", { from: t(`category.${d.diff.categoryFrom}`), to: t(`category.${p.category}`) })}
            </p>
          ) : null}
        </section>
      ) : null}

      {p.status === "draft" && p.kind !== "retire" && !d.can.edit ? <ConcretenessPanel title={p.title} /> : null}
      {d.can.edit ? <EditForm lastResult={resultFor("edit")} /> : null}
      {d.can.openVote ? <OpenVoteForm lastResult={resultFor("open-vote")} /> : null}
      {d.can.vote ? <VoteForm lastResult={resultFor("vote")} /> : null}
      {d.votes ? <Outcome /> : null}
      {p.status === "rejected" || p.status === "withdrawn" ? (
        // Not the end of the idea: a new proposal that starts from this text.
        <p>
          <Link to={againLink(d.teamId, p.id, p.kind, d.norm?.code ?? null)} className="button secondary">
            {t("proposal.again")}
          </Link>
        </p>
      ) : null}

      <Comments lastResult={resultFor("comment")} sent={actionData} />

      {d.can.close || d.can.withdraw ? (
        <section aria-labelledby="h-manage" className="panel">
          <h2 id="h-manage">{t("proposal.manage")}</h2>
          {d.can.close ? (
            // Who has not voted yet is public (the turnout); how they would vote is not.
            <p className="hint">
              {d.turnout.members > d.turnout.voters
                ? t.plural("proposal.closeHint", d.turnout.members - d.turnout.voters)
                : t("proposal.closeHintAll")}
            </p>
          ) : null}
          <div className="actions">
            {d.can.close ? (
              <Form method="post">
                <SubmitButton name="intent" value="close" className="button secondary" confirm={t("proposal.confirmClose")}>
                  {t("proposal.closeNow")}
                </SubmitButton>
              </Form>
            ) : null}
            {d.can.withdraw ? (
              <Form method="post">
                <SubmitButton name="intent" value="withdraw" className="button danger" confirm={t("proposal.confirmWithdraw")}>
                  {t("proposal.withdraw")}
                </SubmitButton>
              </Form>
            ) : null}
          </div>
        </section>
      ) : null}
    </article>
  );
}

function useData() {
  return useLoaderData<typeof loader>();
}

function StatusPanel() {
  const d = useData();
  const t = useT();
  const p = d.proposal;
  if (p.status === "draft") return <p className="status-line">{t("proposal.statusLine.draft")}</p>;
  if (p.status === "withdrawn")
    return <p className="status-line">{t("proposal.statusLine.withdrawn", { date: formatDate(t.locale, p.closedAt ?? p.updatedAt) })}</p>;
  if (p.status === "voting" && p.closesAt !== null) {
    return (
      <section aria-labelledby="h-voting" className="panel voting">
        <h2 id="h-voting">{t("vote.open.title")}</h2>
        <p>
          {t("vote.closesOn", { date: formatDate(t.locale, p.closesAt, "datetime") })}{" "}
          {t(`vote.rule.${p.decisionRule ?? "majority"}`)}
        </p>
        <Turnout voters={d.turnout.voters} members={d.turnout.members} quorumPercent={p.quorumPercent ?? 0} closed={false} />
        <p className="muted">{t("vote.secretUntilClose")}</p>
      </section>
    );
  }
  return null;
}

function Outcome() {
  const d = useData();
  const t = useT();
  const p = d.proposal;
  if (!d.votes || !p.tally) return null;
  const members = p.memberCountAtClose ?? 0;
  return (
    <section aria-labelledby="h-outcome" className={`panel outcome outcome-${p.status}`}>
      <h2 id="h-outcome">{t("vote.outcome.title")}</h2>
      <p className="outcome-line">
        <strong>{t(`proposal.status.${p.status}`)}</strong>
        {" — "}
        {t(`vote.reason.${p.outcomeReason ?? "no-quorum"}` as MessageKey, { code: d.norm?.code ?? "" })}
      </p>
      <p>
        {t(p.earlyClose ? "vote.closedEarlyOn" : "vote.closedOn", { date: formatDate(t.locale, p.closedAt ?? 0, "datetime") })}{" "}
        {t(`vote.rule.${p.decisionRule ?? "majority"}`)}
      </p>
      <Turnout voters={voterCount(p.tally)} members={members} quorumPercent={p.quorumPercent ?? 0} closed />
      <table className="table tally">
        <caption className="visually-hidden">{t("vote.tally")}</caption>
        <thead>
          <tr>
            {VOTE_CHOICES.map((c) => (
              <th scope="col" key={c}>
                {t(`vote.choice.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {VOTE_CHOICES.map((c) => (
              <td key={c} data-choice={c}>
                {p.tally?.[c]}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      {d.norm && p.status === "adopted" ? (
        <p>
          <NormLink teamId={d.teamId} code={d.norm.code}>
            {t("proposal.seeNorm", { code: d.norm.code })}
          </NormLink>
        </p>
      ) : null}
      {p.status === "conflict" && d.can.rebase ? <RebaseForm /> : null}
      {p.rebasedAs ? (
        <p>
          <Link to={`/teams/${d.teamId}/proposals/${p.rebasedAs}`}>{t("proposal.rebasedTo", { id: p.rebasedAs })}</Link>
        </p>
      ) : null}
      <h3>{t("vote.byName")}</h3>
      {d.votes.length === 0 ? (
        <p className="muted">{t("vote.nobodyVoted")}</p>
      ) : (
        <table className="table votes">
          <caption className="visually-hidden">{t("vote.byName")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("members.name")}</th>
              <th scope="col">{t("vote.choice")}</th>
              <th scope="col">{t("vote.reason")}</th>
            </tr>
          </thead>
          <tbody>
            {d.votes.map((v, i) => (
              <tr key={i}>
                <th scope="row">{v.name}</th>
                <td>{t(`vote.choice.${v.choice}`)}</td>
                <td className="pre-wrap">{v.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RebaseForm() {
  const t = useT();
  return (
    <Form method="post">
      <p>{t("proposal.rebaseHelp")}</p>
      <SubmitButton name="intent" value="rebase" className="button secondary">
        {t("proposal.rebase")}
      </SubmitButton>
    </Form>
  );
}

// A write refused because the proposal moved on (the vote opened or closed, the draft
// was withdrawn) no longer finds its form on the page: what the user wrote is shown
// here to copy instead of being dropped.
function formShown(d: { can: { edit: boolean; comment: boolean; vote: boolean }; comments: { id: number; canEdit: boolean }[] }, sent: ActionResult) {
  const { can } = d;
  switch (sent.intent) {
    case "edit":
      return can.edit;
    case "comment":
      return can.comment;
    case "vote":
      return can.vote;
    case "edit-comment":
      return d.comments.some((c) => c.id === sent.commentId && c.canEdit);
    default:
      return true;
  }
}

function KeptText({ intent, result, retire }: { intent: string; result: SubmissionResult<string[]>; retire: boolean }) {
  const t = useT();
  // Per intent, the fields a person types, with their form's label.
  const typed: Record<string, [name: string, label: string][]> = {
    edit: [
      ["title", t("proposal.field.title")],
      ["body", retire ? t("proposal.field.reason") : t("proposal.field.body")],
    ],
    comment: [["body", t("comments.field")]],
    "edit-comment": [["body", t("comments.field")]],
    vote: [["reason", t("vote.field.reason")]],
  };
  const kept = (typed[intent] ?? []).flatMap(([name, label]) => {
    const value = result.initialValue?.[name];
    return typeof value === "string" && value.trim() !== "" ? [{ name, label, value }] : [];
  });
  if (kept.length === 0) return null;
  return (
    <section aria-labelledby="h-kept" className="panel">
      <h2 id="h-kept">{t("proposal.kept.title")}</h2>
      <p>{t("proposal.kept.help")}</p>
      {kept.map(({ name, label, value }) => (
        <div className="field" key={name}>
          <label htmlFor={`kept-${name}`}>{label}</label>
          <textarea id={`kept-${name}`} readOnly rows={name === "title" ? 2 : 6} defaultValue={value} />
        </div>
      ))}
    </section>
  );
}

function EditForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const d = useData();
  const t = useT();
  const p = d.proposal;
  const schema = editSchema(p.kind);
  const [form, fields] = useForm({
    id: "edit",
    lastResult,
    defaultValue: { title: p.title, body: p.body, category: p.category ?? undefined },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const live = useLiveTitle(String(fields.title.initialValue ?? p.title));
  return (
    <section aria-labelledby="h-edit" className="panel">
      <h2 id="h-edit">{t("proposal.edit.title")}</h2>
      <Form method="post" {...getFormProps(form)} onInput={live.onInput}>
        <input type="hidden" name="intent" value="edit" />
        <input type="hidden" name="savedAt" value={p.updatedAt} />
        <FormErrors form={form} />
        {p.kind === "retire" ? (
          <TextareaField field={fields.body} label={t("proposal.field.reason")} hint={t("proposal.field.reasonHint")} rows={6} />
        ) : (
          <>
            <TextField field={fields.title} label={t("proposal.field.title")} hint={t("proposal.field.titleHint")} />
            <ConcretenessPanel title={live.title} id="edit-hints" level={3} />
            <TextareaField field={fields.body} label={t("proposal.field.body")} hint={t("proposal.field.bodyHint")} optional rows={10} />
            <SelectField
              field={fields.category}
              label={t("proposal.field.category")}
              options={NORM_CATEGORY_ORDER.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            />
          </>
        )}
        <SubmitButton intent="edit">
          {t("proposal.edit.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function OpenVoteForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const d = useData();
  const t = useT();
  const [form, fields] = useForm({
    id: "open-vote",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: openVoteSchema }),
  });
  const formProps = getFormProps(form);
  // The vote is on the saved draft: text typed into the edit form above and not yet
  // saved would silently be left out, and gone once the page changes. Ask to save first.
  const [warned, setWarned] = useState(false);
  const saved = d.proposal;
  // Saved since the warning: it no longer applies.
  useEffect(() => setWarned(false), [saved.updatedAt]);
  return (
    <section aria-labelledby="h-open-vote" className="panel">
      <h2 id="h-open-vote">{t("vote.openForm.title")}</h2>
      <p>{t("vote.openForm.help")}</p>
      <Form
        method="post"
        {...formProps}
        onSubmit={(event) => {
          const edit = document.forms.namedItem("edit");
          const unsaved = !!edit && differsFromSaved(new FormData(edit), saved);
          setWarned(unsaved);
          if (unsaved) {
            event.preventDefault();
            edit.querySelector<HTMLElement>("button[type=submit]")?.focus();
            return;
          }
          formProps.onSubmit(event);
        }}
      >
        <FormErrors form={form} />
        {warned ? (
          <div className="form-error" role="alert" tabIndex={-1}>
            <p>{t("vote.openForm.unsavedEdit")}</p>
          </div>
        ) : null}
        <TextField
          field={fields.closesAt}
          type="datetime-local"
          optional
          label={t("vote.field.closesAt")}
          hint={t.plural("vote.field.closesAtHint", d.voteDays, {
            date: formatDate(t.locale, addLocalDays(d.now, d.voteDays), "datetime"),
          })}
        />
        <SubmitButton name="intent" value="open-vote">
          {t("vote.openForm.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function VoteForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const d = useData();
  const t = useT();
  const [form, fields] = useForm({
    id: "vote",
    lastResult,
    defaultValue: d.myVote ? { choice: d.myVote.choice, reason: d.myVote.reason } : undefined,
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: voteSchema }),
  });
  const chosen = String(fields.choice.initialValue ?? "");
  const choiceError = fields.choice.errors?.length ? fields.choice.errors.map((e) => translateError(t, e)).join(" ") : null;
  return (
    <section aria-labelledby="h-vote" className="panel">
      <h2 id="h-vote">{t("vote.form.title")}</h2>
      {d.myVote ? (
        <p>
          {t("vote.form.current", {
            choice: t(`vote.choice.${d.myVote.choice}`),
            date: formatDate(t.locale, d.myVote.updatedAt, "datetime"),
          })}
        </p>
      ) : (
        <p>{t("vote.form.notYet")}</p>
      )}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors form={form} />
        <fieldset aria-describedby={choiceError ? fields.choice.errorId : undefined}>
          <legend>{t("vote.choice")}</legend>
          {VOTE_CHOICES.map((c: VoteChoice) => (
            <div className="radio" key={c}>
              <input
                type="radio"
                id={`${fields.choice.id}-${c}`}
                name={fields.choice.name}
                value={c}
                defaultChecked={chosen === c}
                aria-invalid={choiceError ? true : undefined}
              />
              <label htmlFor={`${fields.choice.id}-${c}`}>
                <strong>{t(`vote.choice.${c}`)}</strong> <span className="muted">{t(c === "agree" ? `vote.choiceHelp.agree.${d.proposal.kind}` : `vote.choiceHelp.${c}`)}</span>
              </label>
            </div>
          ))}
          {choiceError ? (
            <p id={fields.choice.errorId} className="field-error">
              {choiceError}
            </p>
          ) : null}
        </fieldset>
        <TextareaField field={fields.reason} label={t("vote.field.reason")} hint={t("vote.field.reasonHint")} rows={3} />
        <SubmitButton name="intent" value="vote">
          {d.myVote ? t("vote.form.change") : t("vote.form.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

const COMMENT_TEXT = ["body"] as const;

function Comments({ lastResult, sent }: { lastResult?: SubmissionResult<string[]>; sent?: ActionResult }) {
  const d = useData();
  const t = useT();
  const [form, fields] = useForm({
    id: "comment",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  useEmptiedAfterSave(form.id, "comment", lastResult !== undefined, COMMENT_TEXT);
  return (
    <section aria-labelledby="h-comments" className="panel" id="comments">
      <h2 id="h-comments">{t.plural("comments.count", d.comments.length)}</h2>
      {/* Once closed, "0 comments" says it all; "no comments yet" would promise more. */}
      {d.comments.length === 0 && d.can.comment ? <p className="muted">{t("comments.none")}</p> : null}
      <ol className="comments">
        {d.comments.map((c) => (
          <li key={c.id} id={`comment-${c.id}`} tabIndex={-1}>
            <p className="comment-meta" id={`comment-${c.id}-by`}>
              <strong>
                <AuthorName name={c.authorName} />
              </strong>{" "}
              <span className="muted">
                <DateTime ms={c.createdAt} />
                {c.editedAt !== null ? ` · ${t("comments.edited", { date: formatDate(t.locale, c.editedAt, "datetime") })}` : null}
              </span>
            </p>
            {c.removed ? (
              <p className="muted">{t(`comments.removedBy.${c.removed.by}`, { date: formatDate(t.locale, c.removed.at, "datetime") })}</p>
            ) : (
              <Markdown html={c.html} />
            )}
            <CommentTools comment={c} teamId={d.teamId} proposalId={d.proposal.id} sent={sent?.commentId === c.id ? sent : undefined} />
          </li>
        ))}
      </ol>
      {d.can.comment ? (
        <Form method="post" {...getFormProps(form)}>
          <FormErrors form={form} />
          <TextareaField field={fields.body} label={t("comments.field")} hint={t("comments.markdownHint")} rows={4} />
          <SubmitButton name="intent" value="comment">
            {t("comments.submit")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="muted">{t("comments.closed")}</p>
      )}
    </section>
  );
}

/**
 * Whether the edit form holds other text than the saved draft. Line breaks are compared
 * as LF (a form sends CR LF); every other character counts, white space too, since
 * Markdown reads blank lines and trailing spaces.
 */
function differsFromSaved(form: FormData, saved: { title: string; body: string; category: string | null }) {
  const lf = (v: unknown) => String(v ?? "").replace(/\r\n?/g, "\n");
  return (["title", "body", "category"] as const).some((key) => form.has(key) && lf(form.get(key)) !== lf(saved[key]));
}

function againLink(teamId: string, id: number, kind: string, normCode: string | null) {
  const query = new URLSearchParams({ from: String(id) });
  if (kind !== "add" && normCode) {
    query.set("kind", kind);
    query.set("normCode", normCode);
  }
  return `/teams/${teamId}/proposals/new?${query}`;
}

type CommentRow = ReturnType<typeof useData>["comments"][number];

/**
 * Under a comment its author may still change, or a lead may remove: a link that opens
 * the form (two steps, so a removal is never one stray click, with or without JavaScript).
 */
function CommentTools({ comment: c, teamId, proposalId, sent }: { comment: CommentRow; teamId: string; proposalId: number; sent?: ActionResult }) {
  const t = useT();
  const here = `/teams/${teamId}/proposals/${proposalId}`;
  // A refused edit keeps its form open, with what was typed, whatever the URL says.
  const refusedEdit = sent?.intent === "edit-comment" && sent.result !== undefined && c.canEdit;
  if (!c.opened && !refusedEdit) {
    if (!c.canEdit && !c.canRemove) return null;
    return (
      <p className="comment-tools">
        {/* No #fragment: a browser skips autofocus on a page opened at one. */}
        <Link to={`${here}?comment=${c.id}`} id={`comment-link-${c.id}`} aria-describedby={`comment-${c.id}-by`} preventScrollReset>
          {c.canEdit ? t("comments.edit") : t("comments.remove")}
          <span className="visually-hidden">
            : {c.authorName ?? ""}, {formatDate(t.locale, c.createdAt, "datetime")}
          </span>
        </Link>
      </p>
    );
  }
  const back = <CancelLink to={`${here}#comment-${c.id}`} focus={`comment-link-${c.id}`} />;
  return (
    <div className="comment-tools">
      {c.canEdit ? <EditCommentForm comment={c} here={here} lastResult={refusedEdit ? sent?.result : undefined} /> : null}
      {c.canRemove ? (
        <Form method="post" action={here} className="actions">
          <input type="hidden" name="intent" value="remove-comment" />
          <input type="hidden" name="commentId" value={c.id} />
          <SubmitButton intent="remove-comment" className="button danger" confirm={t("comments.confirmRemove")}>
            {t("comments.removeNow")}
          </SubmitButton>
          {c.canEdit ? null : back}
        </Form>
      ) : null}
      {c.canEdit ? <p>{back}</p> : null}
    </div>
  );
}

function EditCommentForm({ comment: c, here, lastResult }: { comment: CommentRow; here: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `edit-comment-${c.id}`,
    lastResult,
    defaultValue: { body: c.body },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: commentSchema }),
  });
  return (
    <Form method="post" action={here} {...getFormProps(form)}>
      <input type="hidden" name="intent" value="edit-comment" />
      <input type="hidden" name="commentId" value={c.id} />
      <input type="hidden" name="savedAt" value={c.savedAt} />
      <FormErrors form={form} />
      <TextareaField field={fields.body} label={t("comments.editField")} hint={t("comments.markdownHint")} rows={4} autoFocus={!lastResult} />
      <SubmitButton intent="edit-comment">
        {t("comments.save")}
      </SubmitButton>
    </Form>
  );
}
