import { NORM_CATEGORY_ORDER, parseNormCode, type NormCategory } from "./norms";

export type SnapshotNorm = {
  normId: number;
  code: string;
  version: number;
  title: string;
  body: string;
  category: NormCategory;
};

export type AgreementChanges<N extends SnapshotNorm = SnapshotNorm> = {
  added: N[];
  changed: { before: N; after: N }[];
  retired: N[];
};

/** What a reader of agreement `from` must learn to know agreement `to`. */
export function agreementChanges<N extends SnapshotNorm>(from: N[], to: N[]): AgreementChanges<N> {
  const before = new Map(from.map((n) => [n.normId, n]));
  const after = new Map(to.map((n) => [n.normId, n]));
  const added: N[] = [];
  const changed: { before: N; after: N }[] = [];
  const retired: N[] = [];
  for (const n of to) {
    const old = before.get(n.normId);
    if (!old) added.push(n);
    else if (old.version !== n.version) changed.push({ before: old, after: n });
  }
  for (const n of from) if (!after.has(n.normId)) retired.push(n);
  const byCode = (a: { code: string }, b: { code: string }) => codeOrder(a.code) - codeOrder(b.code);
  return {
    added: added.sort(byCode),
    changed: changed.sort((a, b) => byCode(a.after, b.after)),
    retired: retired.sort(byCode),
  };
}

function codeOrder(code: string) {
  return parseNormCode(code) ?? Number.MAX_SAFE_INTEGER;
}

/** Norms grouped in the fixed category order, each group sorted by code number; empty groups left out. */
export function groupByCategory<N extends { category: NormCategory; code: string }>(norms: N[]) {
  return NORM_CATEGORY_ORDER.map((category) => ({
    category,
    norms: norms.filter((n) => n.category === category).sort((a, b) => codeOrder(a.code) - codeOrder(b.code)),
  })).filter((g) => g.norms.length > 0);
}

/**
 * The agreement as a Markdown document. Headings hold one line each (a title
 * typed with a line break would otherwise break the document's structure);
 * bodies are the team's Markdown, unchanged.
 */
export function agreementMarkdown(doc: {
  title: string;
  subtitle: string;
  empty: string;
  groups: { heading: string; norms: { code: string; title: string; body: string }[] }[];
}) {
  const line = (s: string) => s.replace(/\s*[\r\n]+\s*/g, " ");
  const out = [`# ${line(doc.title)}`, ""];
  if (doc.subtitle) out.push(line(doc.subtitle), "");
  if (doc.groups.length === 0) out.push(doc.empty, "");
  for (const g of doc.groups) {
    out.push(`## ${line(g.heading)}`, "");
    for (const n of g.norms) {
      out.push(`### ${n.code} · ${line(n.title)}`, "");
      if (n.body.trim()) out.push(n.body.replace(/\s+$/, ""), "");
    }
  }
  return out.join("\n");
}
