import type { LoaderFunctionArgs } from "@remix-run/node";
import { agreementMarkdown, groupByCategory } from "~/domain/agreement";
import { formatDate } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { serverT } from "~/i18n/server";
import { getAgreementVersion, parseVersionParam } from "~/models/agreement.server";
import { demoteHeadings } from "~/markdown.server";
import { closeDueVotes } from "~/models/proposals.server";
import { notFound, requireMember } from "~/permissions.server";

// /teams/:team/agreement.md — the agreement as a Markdown file, in the reader's language.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, user } = await requireMember(request, params);
  closeDueVotes(team.id);
  const requested = parseVersionParam(new URL(request.url).searchParams.get("version"));
  const agreement = getAgreementVersion(team.id, requested);
  if (!agreement) notFound();
  const t = serverT(await resolveLocale(request, user.language, team.language));
  const version = agreement.shown?.version ?? 0;
  const markdown = agreementMarkdown({
    title: `${t("agreement.title")} — ${team.name}`,
    // Without a version there is nothing to date; the empty text below says why.
    subtitle: agreement.shown ? t("agreement.md.subtitle", { version, date: formatDate(t.locale, agreement.shown.createdAt) }) : "",
    empty: t("agreement.empty"),
    // Norms are the file's third level, so a body's own headings start at the fourth.
    groups: groupByCategory(agreement.norms).map((g) => ({
      heading: t(`category.${g.category}`),
      norms: g.norms.map((n) => ({ ...n, body: demoteHeadings(n.body, 3) })),
    })),
  });
  const file = `${slug(team.name) || "team"}-${t("agreement.md.fileWord")}-v${version}.md`;
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** An ASCII file-name part: "Klantenservice Noord" → "klantenservice-noord". */
function slug(s: string) {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}
