import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, SelectField, SubmitButton, TextareaField, TextField, translateError, validateOnSubmit } from "~/components/forms";
import { Markdown, useLiveTitle } from "~/components/norms";
import { ConcretenessPanel } from "~/components/concreteness-panel";
import { NORM_CATEGORY_ORDER } from "~/domain/norms";
import { redirectWithFlash } from "~/flash.server";
import { parseRowId } from "~/form-data";
import { msg } from "~/forms";
import { useT } from "~/i18n/react";
import { normLinksOf, renderMarkdown } from "~/markdown.server";
import { listActiveNorms } from "~/models/norms.server";
import { createProposal, endedProposalText } from "~/models/proposals.server";
import { requireMember } from "~/permissions.server";
import { newProposalSchema } from "~/proposal-forms";
import { repeatSince } from "~/double-click.server";

export { ErrorBoundary } from "~/components/error-page";

type Kind = "add" | "change" | "retire";

/**
 * What a refused post asked for, left by the action for the loader that renders the
 * refusal. The page's own forms carry kind and norm in the URL; a script posting the
 * contract's fields to the bare URL does not, and its refused change or retirement came
 * back as an empty "add" form, the norm code it sent gone.
 */
type RefusedProposal = { refusedProposal?: { kind: Kind; normCode: string } };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { team } = await requireMember(request, params);
  const links = normLinksOf(team);
  const url = new URL(request.url);
  const norms = listActiveNorms(team.id);
  // Only for an active norm: for any other code the add form keeps the typed text.
  const posted = (context as RefusedProposal).refusedProposal;
  const refused = posted && norms.some((n) => n.code === posted.normCode) ? posted : undefined;
  const requestedKind = refused?.kind ?? url.searchParams.get("kind");
  const kind: Kind = requestedKind === "change" || requestedKind === "retire" ? requestedKind : "add";
  const code = refused?.normCode ?? url.searchParams.get("normCode");
  // change/retire start from a chosen norm; without one, the page offers the choice (a GET form, no JavaScript needed).
  const norm = kind !== "add" && code ? (norms.find((n) => n.code === code) ?? null) : null;
  // "Propose again" from a rejected or withdrawn proposal: its text, for the same kind and norm.
  const ended = refused ? null : endedProposalText(team.id, parseRowId(url.searchParams.get("from")) ?? 0);
  const again = ended && ended.kind === kind && (kind === "add" || ended.normCode === norm?.code) ? ended : null;
  return {
    teamId: team.id,
    kind: kind !== "add" && !norm ? ("choose" as const) : kind,
    chooseFor: kind !== "add" && !norm ? kind : null,
    unknownCode: kind !== "add" && code && !norm ? code.slice(0, 40) : null,
    norm: norm
      ? { code: norm.code, title: norm.title, body: norm.body, category: norm.category, bodyHtml: renderMarkdown(norm.body, links) }
      : null,
    norms: norms.map((n) => ({ code: n.code, title: n.title })),
    again: again ? { id: again.id, title: again.title, body: again.body, category: again.category } : null,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: newProposalSchema });
  if (submission.status !== "success") {
    const kind = formData.get("kind");
    const normCode = formData.get("normCode");
    if ((kind === "change" || kind === "retire") && typeof normCode === "string") {
      (context as RefusedProposal).refusedProposal = { kind, normCode };
    }
    return data(submission.reply(), { status: 400 });
  }
  const v = submission.value;
  const now = Date.now();
  const id = createProposal(
    team.id,
    user.id,
    v.kind === "add"
      ? { kind: "add", title: v.title ?? "", body: v.body, category: v.category! }
      : v.kind === "change"
        ? { kind: "change", normCode: v.normCode ?? "", title: v.title ?? "", body: v.body, category: v.category }
        : { kind: "retire", normCode: v.normCode ?? "", body: v.body },
    now,
    repeatSince(request, now),
  );
  if (id === null) {
    // A code is a dozen characters; a longer one is quoted only in part.
    const code = (v.normCode ?? "").slice(0, 40);
    return data(submission.reply({ fieldErrors: { normCode: [msg("proposal.unknownNorm", { code })] } }), { status: 400 });
  }
  return redirectWithFlash(`/teams/${team.id}/proposals/${id}`, { key: "proposal.created" });
}

export default function NewProposal() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const t = useT();
  const base = `/teams/${d.teamId}/proposals/new`;
  return (
    <section className="narrow">
      <h1>{t("proposal.new.title")}</h1>
      <nav aria-label={t("proposal.new.kindNav")} className="kind-tabs">
        <ul>
          {(["add", "change", "retire"] as const).map((k) => {
            const current = d.kind === k || d.chooseFor === k;
            return (
              <li key={k}>
                <Link to={k === "add" ? base : `${base}?kind=${k}`} aria-current={current ? "page" : undefined}>
                  {t(`proposal.new.kind.${k}`)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {d.kind === "choose" ? (
        <>
          <ChooseNorm />
          <RefusedText values={lastResult?.initialValue} />
        </>
      ) : (
        <ProposalForm key={`${d.kind}-${d.norm?.code ?? ""}`} lastResult={lastResult} />
      )}
    </section>
  );
}

/** Step one of a change or retirement: which norm (a GET form, so it works without JavaScript). */
function ChooseNorm() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  if (d.norms.length === 0) {
    return (
      <p>
        {t("proposal.new.noNorms")} <Link to={`/teams/${d.teamId}/proposals/new`}>{t("proposal.new.kind.add")}</Link>
      </p>
    );
  }
  return (
    <Form method="get" className="panel">
      {d.unknownCode ? (
        <p className="form-error" role="alert" tabIndex={-1}>
          {t("proposal.unknownNorm", { code: d.unknownCode })}
        </p>
      ) : null}
      <input type="hidden" name="kind" value={d.chooseFor ?? "change"} />
      <div className="field">
        <label htmlFor="choose-norm">{t("proposal.field.norm")}</label>
        <select id="choose-norm" name="normCode">
          {d.norms.map((n) => (
            <option key={n.code} value={n.code}>
              {n.code} · {n.title}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button">
        {t("proposal.new.continue")}
      </button>
    </Form>
  );
}

/**
 * A change or retirement refused because its norm is no longer active (retired while
 * it was being written) comes back to the choice of norm, which has no place for what
 * was typed: it is shown here to copy, so nothing written is lost.
 */
function RefusedText({ values }: { values?: Record<string, unknown> | null }) {
  const t = useT();
  const title = typeof values?.title === "string" ? values.title : "";
  const body = typeof values?.body === "string" ? values.body : "";
  const category = NORM_CATEGORY_ORDER.find((c) => c === values?.category);
  if (!title.trim() && !body.trim()) return null;
  return (
    <section aria-labelledby="refused-text-title" className="panel">
      <h2 id="refused-text-title">{t("proposal.new.refusedText")}</h2>
      <p>{t("proposal.new.refusedTextHelp")}</p>
      {title.trim() ? (
        <div className="field">
          <label htmlFor="refused-title">{t("proposal.field.title")}</label>
          <textarea id="refused-title" readOnly rows={2} value={title} />
        </div>
      ) : null}
      {body.trim() ? (
        <div className="field">
          <label htmlFor="refused-body">{t(values?.kind === "retire" ? "proposal.field.reason" : "proposal.field.body")}</label>
          <textarea id="refused-body" readOnly rows={10} value={body} />
        </div>
      ) : null}
      {category ? (
        <p>{`${t("proposal.field.category")}: ${t(`category.${category}`)}`}</p>
      ) : null}
    </section>
  );
}

function ProposalForm({ lastResult }: { lastResult: ReturnType<typeof useActionData<typeof action>> }) {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const kind = d.kind as Kind;
  const [form, fields] = useForm({
    id: "proposal",
    lastResult,
    defaultValue: d.again
      ? { title: d.again.title, body: d.again.body, category: d.again.category ?? undefined }
      : d.norm && kind === "change"
        ? { title: d.norm.title, body: d.norm.body, category: d.norm.category }
        : undefined,
    ...validateOnSubmit,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: newProposalSchema }),
  });
  const live = useLiveTitle(String(fields.title.initialValue ?? ""));
  const action = d.norm ? `?kind=${kind}&normCode=${encodeURIComponent(d.norm.code)}` : undefined;
  return (
    <Form method="post" action={action} {...getFormProps(form)} onInput={live.onInput}>
      <FormErrors form={form} />
      <input type="hidden" name="kind" value={kind} />
      {d.norm ? <input type="hidden" name="normCode" value={d.norm.code} /> : null}
      {fields.kind.errors?.length || fields.normCode.errors?.length ? (
        <div className="form-error" role="alert" tabIndex={-1}>
          {[...(fields.kind.errors ?? []), ...(fields.normCode.errors ?? [])].map((e) => (
            <p key={e}>{translateError(t, e)}</p>
          ))}
        </div>
      ) : null}

      {d.again ? (
        <p className="notice">
          {t("proposal.new.again", { id: d.again.id })}
        </p>
      ) : null}
      {kind === "add" ? <p>{t("proposal.new.addHelp")}</p> : null}
      {d.norm && kind === "change" ? <p>{t("proposal.new.changeHelp", { code: d.norm.code })}</p> : null}
      {d.norm && kind === "retire" ? (
        <>
          <p>{t("proposal.new.retireHelp", { code: d.norm.code })}</p>
          <blockquote className="norm-quote">
            <p>
              <strong>
                {d.norm.code} · {d.norm.title}
              </strong>
            </p>
            <Markdown html={d.norm.bodyHtml} norm />
          </blockquote>
        </>
      ) : null}

      {kind === "retire" ? (
        <TextareaField field={fields.body} label={t("proposal.field.reason")} hint={t("proposal.field.reasonHint")} rows={6} />
      ) : (
        <>
          <TextField field={fields.title} label={t("proposal.field.title")} hint={t("proposal.field.titleHint")} />
          <ConcretenessPanel title={live.title} />
          <TextareaField field={fields.body} label={t("proposal.field.body")} hint={t("proposal.field.bodyHint")} optional rows={10} />
          <SelectField
            field={fields.category}
            label={t("proposal.field.category")}
            options={[
              ...(kind === "add" ? [{ value: "", label: t("proposal.field.chooseCategory") }] : []),
              ...NORM_CATEGORY_ORDER.map((c) => ({ value: c, label: t(`category.${c}`) })),
            ]}
          />
        </>
      )}
      <SubmitButton>{t("proposal.new.submit")}</SubmitButton>
    </Form>
  );
}
