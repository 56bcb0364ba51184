import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { FieldError, FormErrors, SelectField, SubmitButton, TextareaField, TextField, translateError, useEmptiedAfterSave, validateOnSubmit } from "~/components/forms";
import { DUE_YEARS, parseDueDay } from "~/domain/dates";
import { parseRowId, savedAtOf, singleFields, singleValue } from "~/form-data";
import { MemberResultList } from "~/components/member-results";
import { redirectWithFlash } from "~/flash.server";
import { choice, msg, optionalText, requiredText, rowId } from "~/forms";
import { formatDate, formatDay, todayIso } from "~/i18n/format";
import { useT } from "~/i18n/react";
import { normLinksOf, renderMarkdown } from "~/markdown.server";
import { countLeadsOf } from "~/models/teams.server";
import { closeDueCycles, memberResultsFor } from "~/models/checkins.server";
import {
  addAction,
  addNote,
  editNote,
  replanAction,
  findConversationScope,
  loadConversation,
  markHeld,
  noteRevisions,
  setActionDone,
} from "~/models/conversations.server";
import { listActiveNorms } from "~/models/norms.server";
import { forbidden, notFound, requireMember } from "~/permissions.server";
import { repeatSince } from "~/double-click.server";
import type { PageTitleData } from "~/root";
import { UnsavedTexts } from "~/components/unsaved-texts";
import { CancelLink } from "~/components/cancel-link";
import { unsavedTexts } from "~/unsaved-text";
import { shortened } from "~/shorten";

export { ErrorBoundary } from "~/components/error-page";
export { reloadAfterConflict as shouldRevalidate } from "~/revalidation";

const NOTE_MAX = 20_000;

const noteSchema = z.object({
  intent: z.literal("note"),
  body: requiredText(NOTE_MAX),
  visibility: choice(["shared", "private"]).optional().default("shared"),
});

const editNoteSchema = z.object({
  intent: z.literal("edit-note"),
  noteId: rowId(),
  body: requiredText(NOTE_MAX),
});

const dueDayMessage = { range: msg("conversation.dueYears", { min: DUE_YEARS.min, max: DUE_YEARS.max }), past: msg("conversation.duePast"), invalid: msg("conversation.invalidDay") };

const dueDay = (today: string) =>
  z.string({ error: (iss) => msg(Array.isArray(iss.input) ? "form.repeated" : "conversation.invalidDay") }).superRefine((v, ctx) => {
    const parsed = parseDueDay(v, today);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: dueDayMessage[parsed.error] });
  });

/**
 * The norm code must be one of the team's active norms (codes are compared case-insensitively);
 * `today` (an ISO day in the display zone) is the earliest due date.
 */
function actionSchemaFor(codes: string[], today: string) {
  const known = new Set(codes.map((c) => c.toLowerCase()));
  return z.object({
    intent: z.literal("action"),
    text: requiredText(1000),
    normCode: optionalText(20).refine((c) => c.trim() === "" || known.has(c.trim().toLowerCase()), {
      error: msg("conversation.unknownNorm"),
    }),
    dueOn: dueDay(today).optional(),
  });
}

const doneSchema = z.object({
  intent: z.enum(["action-done", "action-undone", "action-drop"]),
  actionId: rowId(),
});

const replanSchemaFor = (today: string) => z.object({ intent: z.literal("action-due"), actionId: rowId(), dueOn: dueDay(today).optional() });

async function scope(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireMember(request, params);
  // A cycle past its closing time is closed (and its results frozen) before it is read.
  closeDueCycles(Date.now(), ctx.team.id);
  // "0x1", "1.0" and "01" are not cycle 1: a URL names a row one way only.
  const cycleId = parseRowId(params.cycle) ?? notFound();
  const memberId = params.userId ?? "";
  // A member sees only their own conversation; anyone else's does not exist for them.
  if (!ctx.isLead && memberId !== ctx.user.id) notFound();
  const found = findConversationScope(ctx.team.id, cycleId, memberId);
  if (!found) notFound();
  // In their own conversation a lead is its member (decision 040): private notes about
  // them stay with the other leads, and they do not set their own actions or mark it held.
  const leadHere = ctx.isLead && memberId !== ctx.user.id;
  return { ctx, cycle: found, memberId, leadHere };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, cycle, memberId, leadHere } = await scope(request, params);
  const links = normLinksOf(ctx.team);
  const page = loadConversation(ctx.team.id, cycle, memberId, leadHere);
  // Only a note that was edited has a history to read.
  const revisions =
    page.conversation && page.notes.some((n) => n.revisions > 0) ? noteRevisions(ctx.team.id, page.conversation.id, leadHere) : [];
  // `?edit=<note id>` opens the edit form of one of the viewer's own notes: a link, so it
  // works without JavaScript, and the page carries no hidden form per note.
  const query = new URL(request.url).searchParams;
  const editId = parseRowId(query.get("edit"));
  // `?action=<id>` opens a lead's follow-up form for one open action (a new date, or drop it).
  const replanId = leadHere ? parseRowId(query.get("action")) : null;
  const withReplan = <A extends { id: number; doneAt: number | null }>(list: A[]) =>
    list.map((a) => ({ ...a, replanning: a.id === replanId && a.doneAt === null }));
  return {
    teamId: ctx.team.id,
    // A lead on their own page is its member; "your lead" there means the other leads.
    viewer: { isLead: leadHere, isMember: memberId === ctx.user.id, isLeadSelf: ctx.isLead && memberId === ctx.user.id },
    // A team's only lead, on their own page: nobody can hold this conversation with them.
    noOtherLead: ctx.isLead && memberId === ctx.user.id && countLeadsOf(ctx.team.id) <= 1,
    cycle: { id: cycle.cycleId, title: cycle.title, status: cycle.status, closesAt: cycle.closesAt },
    member: { id: memberId, name: cycle.memberName, left: !cycle.inTeam },
    held: page.conversation?.heldAt ? { at: page.conversation.heldAt, by: page.conversation.heldByName } : null,
    // Only the member (their own page) and leads get here; the results come from the
    // tables frozen at close, so they carry no rater and nothing below the threshold.
    results: cycle.status === "closed" ? memberResultsFor(ctx.team.id, { id: cycle.cycleId, closedAt: cycle.closedAt }, memberId, ctx.user.id) : null,
    threshold: cycle.anonymityThreshold ?? 3,
    notes: page.notes.map(({ authorId, body, ...n }) => {
      const editing = authorId === ctx.user.id && n.id === editId;
      return {
        ...n,
        // Who wrote a note is shown by name; no user id goes to the page.
        mine: authorId === ctx.user.id,
        html: renderMarkdown(body, links),
        editing,
        // The raw text is only needed in the open edit form.
        body: editing ? body : "",
        revisions: revisions
          .filter((r) => r.noteId === n.id)
          .map((r) => ({ editedAt: r.editedAt, html: renderMarkdown(r.body, links) })),
      };
    }),
    actions: withReplan(page.actions),
    carriedOver: withReplan(page.carriedOver),
    norms: listActiveNorms(ctx.team.id).map((n) => ({ id: n.id, code: n.code, title: n.title })),
    today: todayIso(),
    pageTitle: (memberId === ctx.user.id
      ? { key: "title.myConversation", params: { cycle: cycle.title } }
      : { key: "title.conversationWith", params: { name: cycle.memberName, cycle: cycle.title } }) satisfies PageTitleData,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, cycle, memberId, leadHere } = await scope(request, params);
  const formData = await request.formData();
  // A doubled intent (two forms' worth of fields) is refused by the default case below.
  const intent = singleValue(formData, "intent");
  const back = `/teams/${ctx.team.id}/checkins/${cycle.cycleId}/conversations/${memberId}`;

  // Removed from the team: the conversation stays as a record, closed to new notes and actions.
  const left = (forIntent: "note" | "action", result: SubmissionResult<string[]>) =>
    data({ intent: forIntent, result, error: msg("conversation.memberLeftRefusal") }, { status: 409 });

  switch (intent) {
    case "note": {
      const submission = parseWithZod(formData, { schema: noteSchema });
      if (submission.status !== "success") return data({ intent: "note" as const, result: submission.reply() }, { status: 400 });
      // Members add shared replies; private notes are for the team's leads only.
      if (submission.value.visibility === "private" && !leadHere) forbidden();
      const now = Date.now();
      // Checked again inside the write: a removal may land between the page's read and this post.
      const noteId = addNote(ctx.team.id, cycle.cycleId, memberId, ctx.user.id, submission.value.visibility, submission.value.body, now, repeatSince(request, now));
      if (noteId === null) return left("note", submission.reply());
      // The form keeps the last visibility chosen (for a run of private notes): say which one
      // this note got, so a lead who meant to share sees at once that it stayed private.
      const key = !leadHere ? "conversation.noteAdded" : submission.value.visibility === "private" ? "conversation.noteAddedPrivate" : "conversation.noteAddedShared";
      // Back at what was just added: on a long conversation the form and the new note are far below the top.
      return redirectWithFlash(`${back}#note-${noteId}`, { key });
    }
    case "edit-note": {
      const submission = parseWithZod(formData, { schema: editNoteSchema });
      if (submission.status !== "success") {
        return data({ intent: `edit-note-${formData.get("noteId")}` as const, result: submission.reply() }, { status: 400 });
      }
      const { noteId, body } = submission.value;
      const result = editNote(ctx.team.id, cycle.cycleId, memberId, noteId, ctx.user.id, leadHere, body, savedAtOf(formData));
      if (result === "not-found") notFound();
      if (result === "not-author") forbidden();
      if (result === "changed-meanwhile") {
        const reply = submission.reply({ formErrors: [msg("conversation.noteChangedMeanwhile")] });
        return data({ intent: `edit-note-${noteId}` as const, result: reply }, { status: 409 });
      }
      return redirectWithFlash(`${back}#note-${noteId}`, { key: "conversation.noteEdited" });
    }
    case "action": {
      if (!leadHere) forbidden();
      const norms = listActiveNorms(ctx.team.id);
      const schema = actionSchemaFor(norms.map((n) => n.code), todayIso());
      const submission = parseWithZod(formData, { schema });
      if (submission.status !== "success") return data({ intent: "action" as const, result: submission.reply() }, { status: 400 });
      const code = submission.value.normCode.trim().toLowerCase();
      const now = Date.now();
      const norm = code ? norms.find((n) => n.code.toLowerCase() === code) : null;
      const actionId = addAction(ctx.team.id, cycle.cycleId, memberId, cycle.memberName, ctx.user.id, {
        text: submission.value.text,
        normId: norm?.id ?? null,
        dueOn: submission.value.dueOn ?? null,
      }, now, repeatSince(request, now));
      if (actionId === null) return left("action", submission.reply());
      return redirectWithFlash(`${back}#action-${actionId}`, { key: "conversation.actionAdded" });
    }
    case "action-done":
    case "action-undone":
    case "action-drop": {
      if (intent === "action-drop" && !leadHere) forbidden();
      const fields = singleFields(formData);
      if (!fields) return data({ intent: "action-done" as const, error: msg("form.repeated") }, { status: 400 });
      const parsed = doneSchema.safeParse(fields);
      if (!parsed.success) return data({ intent: "action-done" as const, error: msg("form.invalidChoice") }, { status: 400 });
      const { actionId } = parsed.data;
      if (intent === "action-drop") {
        const r = replanAction(ctx.team.id, memberId, actionId, ctx.user.id, "drop", cycle.cycleId);
        if (r === "not-found") notFound();
        if (r === "closed") return data({ intent: "action-done" as const, error: msg("conversation.actionClosedMeanwhile") }, { status: 409 });
        return redirectWithFlash(`${back}#action-${actionId}`, { key: "conversation.actionDropped" });
      }
      const r = setActionDone(ctx.team.id, memberId, actionId, { id: ctx.user.id, isLead: leadHere }, intent === "action-done", cycle.cycleId);
      if (r === "not-found") notFound();
      if (r === "forbidden") forbidden();
      if (r === "dropped") return data({ intent: "action-done" as const, error: msg("conversation.actionClosedMeanwhile") }, { status: 409 });
      return redirectWithFlash(`${back}#action-${actionId}`, { key: intent === "action-done" ? "conversation.actionDone" : "conversation.actionReopened" });
    }
    case "action-due": {
      if (!leadHere) forbidden();
      const submission = parseWithZod(formData, { schema: replanSchemaFor(todayIso()) });
      const actionId = parseRowId(singleValue(formData, "actionId")) ?? notFound();
      if (submission.status !== "success") return data({ intent: `action-due-${actionId}`, result: submission.reply() }, { status: 400 });
      const r = replanAction(ctx.team.id, memberId, actionId, ctx.user.id, { dueOn: submission.value.dueOn ?? null }, cycle.cycleId);
      if (r === "not-found") notFound();
      if (r === "closed" || r === "left") {
        const error = r === "left" ? msg("conversation.memberLeftRefusal") : msg("conversation.actionClosedMeanwhile");
        return data({ intent: `action-due-${actionId}`, result: submission.reply(), error }, { status: 409 });
      }
      return redirectWithFlash(`${back}#action-${actionId}`, { key: "conversation.actionReplanned" });
    }
    case "held": {
      if (!leadHere) forbidden();
      if (!markHeld(ctx.team.id, cycle.cycleId, memberId, cycle.memberName, ctx.user.id)) {
        return data({ intent: "held" as const, error: msg("conversation.memberLeftRefusal") }, { status: 409 });
      }
      return redirectWithFlash(back, { key: "conversation.heldSaved" });
    }
    default:
      return data({ intent: "unknown" as const, error: msg("form.invalidChoice") }, { status: 400 });
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Conversation() {
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const { viewer, member, cycle } = page;
  const resultFor = (intent: string) =>
    actionData && "result" in actionData && actionData.intent === intent ? actionData.result : undefined;
  // Before the conversation the member's first job is to say what they want to discuss.
  const preparing = viewer.isMember && !page.held;
  return (
    <section>
      <p className="muted">
        <Link to={`/teams/${page.teamId}/checkins/${cycle.id}`}>{cycle.title}</Link>
      </p>
      <h1>{viewer.isMember ? t("conversation.titleOwn") : t("conversation.title", { name: member.name })}</h1>
      {actionData && "error" in actionData ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          <p>{translateError(t, actionData.error)}</p>
        </div>
      ) : null}
      {member.left ? (
        <>
          <p className="notice">{t("conversation.memberLeft", { name: member.name })}</p>
          {/* The form that was refused is not on the page any more: its text, to copy. */}
          <UnsavedTexts
            texts={actionData && "error" in actionData && "result" in actionData ? unsavedTexts(textFields(actionData.result as SubmissionResult<string[]>)) : null}
            intro={t("unsaved.intro")}
          />
        </>
      ) : null}
      <p>
        {page.held
          ? t("conversation.heldOn", { date: formatDate(t.locale, page.held.at), name: page.held.by ?? "" })
          : t("conversation.notHeldYet")}
      </p>
      {viewer.isLead && !page.held && !member.left ? (
        <Form method="post">
          <SubmitButton name="intent" value="held" className="button secondary">
            {t("conversation.markHeld")}
          </SubmitButton>
        </Form>
      ) : null}

      {/* On a phone the results fill several screens before the actions and notes a lead
          writes during the talk: a way straight there, and back after each save. */}
      <nav aria-label={t("conversation.onThisPage")} className="jump-links">
        <a href="#results-title">{t("conversation.jump.results")}</a>
        <a href="#actions-title">{t("conversation.actions")}</a>
        <a href="#notes-title">{t("conversation.notes")}</a>
      </nav>

      {preparing ? (
        <section className="panel" aria-labelledby="prepare-title">
          <h2 id="prepare-title">{t("conversation.prepare.title")}</h2>
          {page.noOtherLead ? (
            <p>
              {t("conversation.prepare.onlyLead")} <Link to={`/teams/${page.teamId}/members`}>{t("conversation.prepare.makeLead")}</Link>
            </p>
          ) : (
            <p>{t("conversation.prepare.body")}</p>
          )}
          <NoteForm page={page} resultFor={resultFor} inPanel />
        </section>
      ) : null}

      <ResultsSection page={page} />
      <ActionsSection page={page} resultFor={resultFor} />
      <NotesSection page={page} resultFor={resultFor} withForm={!preparing && !member.left} />
      <NormsAtHand page={page} />
    </section>
  );
}

/** The member's results of this cycle: for a lead about the member, for the member about themselves. */
function ResultsSection({ page }: { page: LoaderData }) {
  const t = useT();
  const own = page.viewer.isMember;
  const base = `/teams/${page.teamId}/checkins/${page.cycle.id}`;
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title" tabIndex={-1}>
        {own ? t("conversation.resultsTitleOwn") : t("conversation.resultsTitle", { name: page.member.name })}
      </h2>
      {page.results === null ? (
        <p className="notice">{t("checkins.results.notYet", { date: formatDate(t.locale, page.cycle.closesAt, "datetime") })}</p>
      ) : page.results.member === null ? (
        <p className="muted">{t("conversation.noResults")}</p>
      ) : (
        <>
          <p className="hint">
            {own ? t("checkins.results.intro") : t("checkins.results.membersHelp", { threshold: page.threshold })}
          </p>
          <MemberResultList
            norms={page.results.norms}
            results={page.results.member.norms}
            Heading="h3"
            name={own ? undefined : page.member.name}
          />
        </>
      )}
      <p>
        <Link to={`${base}/results`}>{own ? t("conversation.myResults") : t("conversation.results")}</Link>
      </p>
    </section>
  );
}

// The norm too: the next action is about something else more often than not. A note's
// visibility stays as chosen (a run of private notes; the flash says which it got).
const ACTION_TEXT = ["text", "normCode", "dueOn"] as const;
const NOTE_TEXT = ["body"] as const;

function ActionsSection({ page, resultFor }: { page: LoaderData; resultFor: (intent: string) => any }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "new-action",
    lastResult: resultFor("action"),
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: actionSchemaFor(page.norms.map((n) => n.code), page.today) }),
  });
  useEmptiedAfterSave(form.id, "action", resultFor("action") !== undefined, ACTION_TEXT);
  const canToggle = page.viewer.isLead || page.viewer.isMember;
  return (
    <section aria-labelledby="actions-title">
      <h2 id="actions-title" tabIndex={-1}>
        {t("conversation.actions")}
      </h2>
      {page.carriedOver.length > 0 ? (
        <>
          <h3>{t("conversation.carriedOver")}</h3>
          <ActionList actions={page.carriedOver} page={page} canToggle={canToggle} resultFor={resultFor} showCycle />
          <h3>{t("conversation.agreedHere")}</h3>
        </>
      ) : null}
      {page.actions.length === 0 ? <p>{page.carriedOver.length > 0 ? t("conversation.noActionsHere") : t("conversation.noActions")}</p> : null}
      {page.actions.length > 0 ? <ActionList actions={page.actions} page={page} canToggle={canToggle} resultFor={resultFor} /> : null}
      {page.viewer.isLead && !page.member.left ? (
        <Form method="post" {...getFormProps(form)} className="panel">
          <h3>{t("conversation.newAction")}</h3>
          <input type="hidden" name="intent" value="action" />
          <TextareaField field={fields.text} label={t("conversation.actionText")} rows={2} />
          <SelectField
            field={fields.normCode}
            label={t("conversation.actionNorm")}
            optional
            options={[
              { value: "", label: t("conversation.noNorm") },
              ...page.norms.map((n) => ({ value: n.code, label: `${n.code} — ${n.title}` })),
            ]}
          />
          <TextField field={fields.dueOn} label={t("conversation.actionDue")} type="date" min={page.today} optional />
          <SubmitButton intent="action">
            {t("conversation.addAction")}
          </SubmitButton>
        </Form>
      ) : null}
    </section>
  );
}

function ActionList({
  actions,
  page,
  canToggle,
  resultFor,
  showCycle,
}: {
  actions: LoaderData["actions"];
  page: LoaderData;
  canToggle: boolean;
  resultFor: (intent: string) => any;
  showCycle?: boolean;
}) {
  const t = useT();
  const { today, teamId } = page;
  const here = `/teams/${teamId}/checkins/${page.cycle.id}/conversations/${page.member.id}`;
  return (
    <ul className="action-list">
      {actions.map((a) => {
        const overdue = !a.doneAt && a.dueOn !== null && a.dueOn < today;
        const dropped = a.closedAs === "dropped";
        const replanResult = resultFor(`action-due-${a.id}`);
        return (
          <li key={a.id} id={`action-${a.id}`} tabIndex={-1} className={a.doneAt ? "done" : undefined}>
            <p id={`action-${a.id}-text`}>
              {a.doneAt ? <span className="badge">{dropped ? t("conversation.dropped") : t("conversation.done")}</span> : null}
              {overdue ? <span className="badge overdue">{t("conversation.overdue")}</span> : null} {a.text}
            </p>
            <p className="muted">
              {a.normCode ? (
                <>
                  <Link to={`/teams/${teamId}/norms/${a.normCode}`}>{a.normCode}</Link>
                  {a.normRetired ? ` (${t("conversation.normRetired")})` : null}
                  {" · "}
                </>
              ) : null}
              {a.dueOn ? t("conversation.dueOn", { date: formatDay(t.locale, a.dueOn) }) : t("conversation.noDue")}
              {showCycle ? ` · ${t("conversation.fromCycle", { title: a.cycleTitle })}` : null}
              {a.doneAt
                ? ` · ${t(dropped ? "conversation.droppedOn" : "conversation.doneOn", {
                    date: formatDate(t.locale, a.doneAt),
                    name: a.closedByName ?? t("proposal.formerMember"),
                  })}`
                : null}
            </p>
            {page.viewer.isLead && !a.doneAt && (a.replanning || replanResult) ? (
              <ReplanForm action={a} here={here} today={today} lastResult={replanResult} left={page.member.left} />
            ) : page.viewer.isLead && !a.doneAt ? (
              <p>
                {/* A plain link, as in the results tables (decision 050): a Remix <Link> per open action
                    resolved its route on every render of a long conversation. */}
                <a href={`${here}?action=${a.id}`} id={`replan-link-${a.id}`} aria-describedby={`action-${a.id}-text`}>
                  {page.member.left ? t("conversation.drop") : t("conversation.followUp")}
                </a>
              </p>
            ) : null}
            {canToggle && !(dropped && !page.viewer.isLead) ? (
              <Form method="post">
                <input type="hidden" name="actionId" value={a.id} />
                <button
                  type="submit"
                  name="intent"
                  value={a.doneAt ? "action-undone" : "action-done"}
                  className="button secondary"
                  aria-label={`${a.doneAt ? t("conversation.reopen") : t("conversation.markDone")}: ${shortened(a.text, 80)}`}
                >
                  {a.doneAt ? t("conversation.reopen") : t("conversation.markDone")}
                </button>
              </Form>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * A lead's follow-up of an open action that was not done by its date: a new date (or
 * none), or dropped as no longer relevant. Opened by a link, so the list carries no form
 * per action and it works without JavaScript.
 */
function ReplanForm({
  action: a,
  here,
  today,
  lastResult,
  left,
}: {
  action: LoaderData["actions"][number];
  here: string;
  today: string;
  lastResult: any;
  left: boolean;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: `action-due-${a.id}`,
    lastResult,
    // A date already past is what needs replacing: the field starts empty then.
    defaultValue: { dueOn: a.dueOn && a.dueOn >= today ? a.dueOn : "" },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: replanSchemaFor(today) }),
  });
  const back = <CancelLink to={`${here}#action-${a.id}`} focus={`replan-link-${a.id}`} />;
  return (
    <div className="panel">
      {/* Someone who left: their work is closed out, not planned anew. */}
      {left ? (
        <p>{back}</p>
      ) : (
      <Form method="post" action={here} {...getFormProps(form)}>
        <input type="hidden" name="intent" value="action-due" />
        <input type="hidden" name="actionId" value={a.id} />
        <FormErrors form={form} />
        <TextField field={fields.dueOn} label={t("conversation.newDue")} hint={t("conversation.newDueHint")} type="date" min={today} optional autoFocus={!lastResult} />
        <div className="actions">
          <SubmitButton intent="action-due">{t("conversation.saveDue")}</SubmitButton>
          {back}
        </div>
      </Form>
      )}
      <Form method="post" action={here} className="actions">
        <input type="hidden" name="intent" value="action-drop" />
        <input type="hidden" name="actionId" value={a.id} />
        <SubmitButton intent="action-drop" className="button danger" confirm={t("conversation.confirmDrop")}>
          {t("conversation.drop")}
        </SubmitButton>
      </Form>
    </div>
  );
}

function NotesSection({
  page,
  resultFor,
  withForm,
}: {
  page: LoaderData;
  resultFor: (intent: string) => any;
  withForm: boolean;
}) {
  const t = useT();
  const actionData = useActionData<typeof action>();
  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title" tabIndex={-1}>
        {t("conversation.notes")}
      </h2>
      {page.notes.length === 0 ? <p>{t("conversation.noNotes")}</p> : null}
      <ol className="notes">
        {page.notes.map((note) => (
          <li key={note.id} id={`note-${note.id}`} tabIndex={-1} className={`note ${note.visibility}`}>
            <p className="muted" id={`note-${note.id}-by`}>
              <span className="badge">
                {note.visibility === "private" ? t("conversation.private") : t("conversation.shared")}
              </span>{" "}
              {t("conversation.noteBy", { name: note.authorName ?? "—", date: formatDate(t.locale, note.createdAt, "datetime") })}
              {note.revisions.length > 0 ? ` · ${t("conversation.edited", { date: formatDate(t.locale, note.updatedAt, "datetime") })}` : null}
            </p>
            <div className="prose" dangerouslySetInnerHTML={{ __html: note.html }} />
            {note.revisions.length > 0 ? (
              <details>
                <summary>{t.plural("conversation.history", note.revisions.length)}</summary>
                <ol>
                  {note.revisions.map((r, i) => (
                    <li key={i}>
                      <p className="muted">{t("conversation.versionUntil", { date: formatDate(t.locale, r.editedAt, "datetime") })}</p>
                      <div className="prose" dangerouslySetInnerHTML={{ __html: r.html }} />
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            {note.mine ? <EditNote note={note} page={page} resultFor={resultFor} afterPost={!!actionData} /> : null}
          </li>
        ))}
      </ol>
      {withForm ? <NoteForm page={page} resultFor={resultFor} /> : null}
    </section>
  );
}

/** The one "new note" form of the page: in the prepare panel for a member before the conversation, else under the notes. */
function NoteForm({ page, resultFor, inPanel }: { page: LoaderData; resultFor: (intent: string) => any; inPanel?: boolean }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "new-note",
    lastResult: resultFor("note"),
    defaultValue: { visibility: "shared" },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: noteSchema }),
  });
  useEmptiedAfterSave(form.id, "note", resultFor("note") !== undefined, NOTE_TEXT);
  const own = page.viewer.isMember;
  return (
    <Form method="post" {...getFormProps(form)} className={inPanel ? undefined : "panel"}>
      <h3>{own ? t("conversation.newNoteMember") : t("conversation.newNote")}</h3>
      <input type="hidden" name="intent" value="note" />
      <TextareaField
        field={fields.body}
        label={t("conversation.noteBody")}
        hint={
          !own
            ? t("conversation.noteHintLead")
            : !page.viewer.isLeadSelf
              ? t("conversation.noteHintMember")
              : page.noOtherLead
                ? undefined
                : t("conversation.noteHintOwnLead")
        }
      />
      {page.viewer.isLead ? (
        <fieldset aria-describedby={fields.visibility.errors ? fields.visibility.errorId : undefined}>
          <legend>{t("conversation.visibility")}</legend>
          {(["shared", "private"] as const).map((v) => (
            <div key={v} className="radio">
              <input
                type="radio"
                id={`visibility-${v}`}
                name="visibility"
                value={v}
                defaultChecked={(fields.visibility.initialValue ?? "shared") === v}
              />
              <label htmlFor={`visibility-${v}`}>
                {v === "shared" ? t("conversation.visibility.shared") : t("conversation.visibility.private")}
              </label>
            </div>
          ))}
          <FieldError field={fields.visibility} />
        </fieldset>
      ) : (
        <input type="hidden" name="visibility" value="shared" />
      )}
      <SubmitButton intent="note">{t("conversation.addNote")}</SubmitButton>
    </Form>
  );
}

/** The author's way to change a note: a link that opens the form for this one note. */
function EditNote({
  note,
  page,
  resultFor,
  afterPost,
}: {
  note: LoaderData["notes"][number];
  page: LoaderData;
  resultFor: (intent: string) => any;
  afterPost: boolean;
}) {
  const t = useT();
  const lastResult = resultFor(`edit-note-${note.id}`);
  const here = `/teams/${page.teamId}/checkins/${page.cycle.id}/conversations/${page.member.id}`;
  // A refused edit keeps its form open, with what was typed, whatever the URL says.
  if (!note.editing && !lastResult) {
    return (
      <p>
        {/* No #fragment: a browser skips autofocus on a page opened at one. The note's
            author and date tell the links of several notes apart. */}
        <Link to={`${here}?edit=${note.id}`} id={`edit-link-${note.id}`} aria-describedby={`note-${note.id}-by`} preventScrollReset>
          {t("conversation.editNote")}
          {/* Several notes' links would read alike out of context: the note's time names it. */}
          <span className="visually-hidden">: {formatDate(t.locale, note.createdAt, "datetime")}</span>
        </Link>
      </p>
    );
  }
  // The cursor goes to the text when the form was opened, not when another form on the
  // page was just refused (that form's error field takes focus then).
  return <EditNoteForm note={note} here={here} lastResult={lastResult} autoFocus={!afterPost} />;
}

function EditNoteForm({ note, here, lastResult, autoFocus }: { note: LoaderData["notes"][number]; here: string; lastResult: any; autoFocus: boolean }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `edit-note-${note.id}`,
    lastResult,
    defaultValue: { body: note.body, noteId: String(note.id) },
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: editNoteSchema }),
  });
  return (
    <Form method="post" action={here} {...getFormProps(form)} className="panel">
      <input type="hidden" name="intent" value="edit-note" />
      <input type="hidden" name="noteId" value={note.id} />
      <input type="hidden" name="savedAt" value={note.updatedAt} />
      <FormErrors form={form} />
      <TextareaField field={fields.body} label={t("conversation.editNoteBody")} autoFocus={autoFocus} />
      <div className="actions">
        <SubmitButton intent="edit-note">{t("conversation.saveNote")}</SubmitButton>
        <CancelLink to={`${here}#note-${note.id}`} focus={`edit-link-${note.id}`} />
      </div>
    </Form>
  );
}

// Plain links, as in the results tables (decision 050): a Remix <Link> resolves its route on every render.
function NormsAtHand({ page }: { page: LoaderData }) {
  const t = useT();
  if (page.norms.length === 0) return null;
  return (
    <section aria-labelledby="norms-title">
      <h2 id="norms-title">{t("conversation.normsAtHand")}</h2>
      <ul>
        {page.norms.map((n) => (
          <li key={n.id}>
            <a href={`/teams/${page.teamId}/norms/${n.code}`}>{n.code}</a>
            {` ${n.title}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The typed fields of a refused form's reply, as the unsaved-texts panel lists them. */
function textFields(result: SubmissionResult<string[]>): [string, string][] {
  return Object.entries(result.initialValue ?? {}).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : []));
}
