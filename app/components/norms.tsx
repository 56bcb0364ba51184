import { Link, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import type { ProposalStatus } from "~/models/proposals.server";
import type { WordDiff as WordDiffResult } from "../domain/diff";
import type { NormCategory } from "../domain/norms";
import { quorumReached, votesForQuorum } from "../domain/votes";
import type { T } from "../i18n";
import { formatDate, formatNumber } from "../i18n/format";
import { useT } from "../i18n/react";

/**
 * The language a team writes in (its language setting), when the page around it is in
 * another: a Dutch norm on a page read in English is marked `lang="nl"`, so a screen
 * reader speaks it with a Dutch voice (WCAG 3.1.2). Undefined when they are the same.
 */
export function useTeamTextLang() {
  const t = useT();
  const root = useRouteLoaderData("root") as { currentTeam?: { language?: string } | null } | undefined;
  const lang = root?.currentTeam?.language;
  return lang && lang !== t.locale ? lang : undefined;
}

/** Text the team wrote (a norm's title), in the team's language. */
export function TeamText({ children }: { children: ReactNode }) {
  const lang = useTeamTextLang();
  return lang ? <span lang={lang}>{children}</span> : <>{children}</>;
}

/**
 * HTML produced by renderMarkdown on the server (sanitized there; never raw user input).
 * `norm`: a norm's text, in the team's language (see useTeamTextLang). Comments, notes
 * and reasons are in whatever language their writer used, so they get no `lang`.
 */
export function Markdown({ html, className = "prose", norm = false }: { html: string; className?: string; norm?: boolean }) {
  const lang = useTeamTextLang();
  return <div className={className} lang={norm ? lang : undefined} dangerouslySetInnerHTML={{ __html: html }} />;
}

export function CategoryName({ category }: { category: NormCategory }) {
  const t = useT();
  return <>{t(`category.${category}`)}</>;
}

export function StatusBadge({ status }: { status: ProposalStatus }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(`proposal.status.${status}`)}</span>;
}

export function NormLink({ teamId, code, children }: { teamId: string; code: string; children?: ReactNode }) {
  return <Link to={`/teams/${teamId}/norms/${code}`}>{children ?? code}</Link>;
}

export function DateTime({ ms, style = "datetime" }: { ms: number; style?: "date" | "datetime" }) {
  const t = useT();
  return <time dateTime={new Date(ms).toISOString()}>{formatDate(t.locale, ms, style)}</time>;
}

/**
 * A word-level diff of a norm's title or text: removed words struck through, added words
 * underlined, both also named for screen readers. The team's words carry their `lang`,
 * our markers the page's.
 */
export function WordDiff({ diff, label }: { diff: WordDiffResult; label: string }) {
  const t = useT();
  const lang = useTeamTextLang();
  const ours = lang ? t.locale : undefined;
  if (diff.kind === "too-many") {
    // Too different to compare word by word: say so and show both texts whole.
    return (
      <div className="diff-whole" role="group" aria-label={label}>
        <p className="hint">{t("diff.tooMany", { max: formatNumber(t.locale, diff.limit) })}</p>
        <p className="diff-side">{t("diff.before")}</p>
        <div className="diff" lang={lang}>
          <del>{diff.before}</del>
        </div>
        <p className="diff-side">{t("diff.after")}</p>
        <div className="diff" lang={lang}>
          <ins>{diff.after}</ins>
        </div>
      </div>
    );
  }
  return (
    <div className="diff" role="group" aria-label={label} lang={lang}>
      {diff.parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "added" ? (
          <ins key={i}>
            <span className="visually-hidden" lang={ours}>{`[${t("diff.added")}: `}</span>
            {p.text}
            <span className="visually-hidden">]</span>
          </ins>
        ) : (
          <del key={i}>
            <span className="visually-hidden" lang={ours}>{`[${t("diff.removed")}: `}</span>
            {p.text}
            <span className="visually-hidden">]</span>
          </del>
        ),
      )}
    </div>
  );
}

export function DiffLegend() {
  const t = useT();
  return (
    <p className="hint">
      {t("diff.legend.before")} <del>{t("diff.legend.removed")}</del> {t("diff.legend.middle")} <ins>{t("diff.legend.added")}</ins>.
    </p>
  );
}

/** The title being typed in a form (for live hints); starts from the server-rendered value. */
export function useLiveTitle(initial: string) {
  const [title, setTitle] = useState(initial);
  const onInput = (event: React.FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "title") setTitle(target.value);
  };
  return { title, onInput };
}

export function AuthorName({ name }: { name: string | null }) {
  const t = useT();
  return <>{name ?? t("proposal.formerMember")}</>;
}

export function Turnout({ voters, members, quorumPercent, closed }: { voters: number; members: number; quorumPercent: number; closed: boolean }) {
  const t = useT();
  // Rounded down, as the quorum is compared: 2 of 3 shown as 67 % beside a quorum of 67 %
  // read as reached, when 66.7 % is not.
  const percent = members > 0 ? Math.floor((voters / members) * 100) : 0;
  const needed = votesForQuorum(members, quorumPercent);
  const quorum =
    needed === 0
      ? t("vote.noQuorum")
      : quorumReached(voters, members, quorumPercent)
        ? t.plural("vote.quorumReached", needed, { quorum: quorumPercent })
        : closed
          ? t.plural("vote.quorumMissed", needed, { quorum: quorumPercent })
          : t.plural("vote.quorumToGo", needed - voters, { quorum: quorumPercent });
  return (
    <p className="turnout">
      {t.plural("vote.turnout", members, { voters, percent })} {quorum}
    </p>
  );
}

/** How a proposal is named in lists: an add by its title, a change or retirement by its norm. */
export function proposalTitle(t: T, p: { kind: string; title: string; normCode: string | null; normTitle: string | null }) {
  if (p.kind === "add") return p.title;
  if (p.kind === "change") return t("proposal.heading.change", { code: p.normCode ?? "", title: p.title });
  return t("proposal.heading.retire", { code: p.normCode ?? "", title: p.normTitle ?? "" });
}

/** Opens the browser's print dialog; shown only once JavaScript runs (Ctrl+P prints the same clean view without it). */
export function PrintButton() {
  const t = useT();
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  if (!ready) return null;
  return (
    <button type="button" className="link-button" onClick={() => window.print()}>
      {t("shell.print")}
    </button>
  );
}
