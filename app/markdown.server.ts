import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { BoundedCache } from "~/bounded-cache.server";

// marked does not sanitize; everything it produces goes through this allowlist.
// Raw HTML typed by a user is escaped by marked's renderer below, never passed on.
const marked = new Marked({ gfm: true, breaks: true, async: false });
marked.use({
  // An image inside a link ([![badge](img)](url)) is the link's text: a link of its own
  // there would nest one <a> in another, which browsers split into two broken links.
  walkTokens(token) {
    if (token.type !== "link") return;
    for (const child of token.tokens ?? []) if (child.type === "image") (child as Tokens.Image & { inLink?: boolean }).inLink = true;
  },
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    // No <img>: a picture from anywhere would load in every reader's browser (and tell
    // its host who read the note). An image becomes a link to it, named by its alt text.
    image(token) {
      const label = escapeHtml(token.text || token.href);
      return (token as Tokens.Image & { inLink?: boolean }).inLink ? label : `<a href="${escapeHtml(token.href)}">${label}</a>`;
    },
  },
});

// A norm's code in a text ("as N-2 says") links to that norm, so a comment or a note
// points at the norm it means. Only codes the team has given out (N-1 to N-<count>),
// whole words, outside links and code. `normLinks` is set for the one parse in progress
// (renderMarkdown): safe because marked runs synchronously here (`async: false`) and the
// variable is reset in a `finally`; an asynchronous parse would need it passed along.
let normLinks: NormLinks | null = null;
// Links made in the parse in progress: a comment of thousands of codes stays text after
// the first hundred, or one comment would make a page of a megabyte.
let linksMade = 0;
const MAX_LINKS = 100;
/** The team whose norm codes become links, and how many codes it has given out. */
export type NormLinks = { teamId: string; count: number };
export const normLinksOf = (team: { id: string; nextNormNumber: number }): NormLinks => ({ teamId: team.id, count: team.nextNormNumber - 1 });
// As many digits as a norm code can have (parseNormCode, domain/norms.ts).
// Not the start of an address either ("N-2@example.com").
const NORM_CODE = /^N-([1-9]\d{0,8})(?![\p{L}\p{N}_@-])/u;
const CODE_START = /(?:^|[^\p{L}\p{N}_-])N-[1-9]/u;
const WORD_CHAR = /[\p{L}\p{N}_-]$/u;
marked.use({
  extensions: [
    {
      name: "normCode",
      level: "inline",
      start(src) {
        if (!normLinks) return undefined;
        const m = CODE_START.exec(src);
        return m ? m.index + (m[0].startsWith("N") ? 0 : 1) : undefined;
      },
      tokenizer(src, tokens) {
        if (!normLinks || this.lexer.state.inLink || linksMade >= MAX_LINKS) return undefined;
        const m = NORM_CODE.exec(src);
        if (!m || Number(m[1]) > normLinks.count) return undefined;
        // Not the end of a longer word ("ABN-1"): the text before it is the previous token.
        if (WORD_CHAR.test(tokens.at(-1)?.raw ?? "")) return undefined;
        linksMade++;
        return { type: "normCode", raw: m[0], code: m[0] };
      },
      renderer(token) {
        return `<a href="/teams/${encodeURIComponent(normLinks!.teamId)}/norms/${token.code}">${token.code}</a>`;
      },
    },
  ],
});

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "h5", "h6", "hr",
    "table", "thead", "tbody", "tr", "th", "td",
  ],
  allowedAttributes: { a: ["href", "title"], ol: ["start"], th: ["align"], td: ["align"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  // Headings in user text start at h3 so they never compete with the page's own h1/h2.
  transformTags: {
    h1: "h3",
    h2: "h4",
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
  },
};

function escapeHtml(s: string) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * How much structure we hand to marked (docs/decisions/061). marked parses
 * nested blocks and emphasis recursively: about a thousand nested `>` or list
 * markers overflow the stack (a 500 on every page that shows the text), and
 * thousands of emphasis delimiters in one paragraph take it seconds. No norm,
 * comment or note needs anything near these limits; text beyond them is shown
 * as plain text instead, every character still there.
 */
export const MARKDOWN_LIMITS = {
  /** Nested block quotes and list levels, as estimated by `nestingDepth`. */
  depth: 16,
  /** Emphasis and strikethrough delimiters (`*`, `_`, `~`) in the whole text. */
  delimiters: 2000,
  /** Characters; every stored text is far shorter (bodies and notes stop at 20,000). */
  length: 50_000,
} as const;

/**
 * An estimate of the deepest block nesting: per line, the quote and list markers
 * it opens with, a list marker also counting each two columns of indentation
 * before it (that is how nested list items are written). It may overcount (a
 * thematic break "- - -" counts three) but never misses a real level by much.
 */
export function nestingDepth(source: string) {
  let deepest = 0;
  for (const line of source.split(/\r\n?|\n/)) {
    let rest = line.replace(/\t/g, "    ");
    let depth = 0;
    for (;;) {
      const m = /^( *)(>|(?:[-+*]|\d{1,9}[.)])(?= |$)) ?/.exec(rest);
      if (!m) break;
      depth += m[2] === ">" ? 1 : 1 + Math.floor(m[1].length / 2);
      rest = rest.slice(m[0].length);
    }
    if (depth > deepest) deepest = depth;
  }
  return deepest;
}

/**
 * marked's inline rules look ahead over a run of spaces from every position in it (for
 * "two spaces and a line break"), so one long run costs the square of its length: a
 * comment with 20,000 spaces between two letters took half a second to render, and a
 * page of such comments froze the server (decision 061). A run inside a line is capped
 * at 32 spaces. Rendered, that looks the same (HTML shows any run as one space); only
 * code blocks show the difference. Indentation at a line's start is left alone.
 */
export function capSpaceRuns(source: string) {
  return source.replace(/(?<=[^ \r\n]) {33,}/g, " ".repeat(32));
}

function withinLimits(source: string) {
  if (source.length > MARKDOWN_LIMITS.length) return false;
  let delimiters = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if ((c === 42 || c === 95 || c === 126) && ++delimiters > MARKDOWN_LIMITS.delimiters) return false; // * _ ~
  }
  return nestingDepth(source) <= MARKDOWN_LIMITS.depth;
}

/**
 * The text with its top-level headings moved down `levels` levels (at most h6), for a
 * file that nests user text under its own headings (the agreement's Markdown file: a
 * norm body's "## Why" would otherwise rank with the file's categories). Setext
 * headings become ATX ones; everything else, code blocks included, stays as written
 * (marked's lexer has turned CR LF into LF).
 */
export function demoteHeadings(source: string, levels: number): string {
  // The file carries the text as stored: one with a run that would have to be capped
  // for marked (capSpaceRuns) keeps its headings as they are rather than lose spaces.
  if (!withinLimits(source) || capSpaceRuns(source) !== source) return source;
  try {
    return marked
      .lexer(source)
      .map((token) => {
        if (token.type !== "heading") return token.raw;
        const text = (token as Tokens.Heading).text.replace(/\s*[\r\n]+\s*/g, " ");
        const depth = Math.min(6, (token as Tokens.Heading).depth + levels);
        return `${"#".repeat(depth)} ${text}${/\n*$/.exec(token.raw)![0]}`;
      })
      .join("");
  } catch {
    return source;
  }
}

/** The text as typed, escaped: paragraphs at blank lines, line breaks kept. */
export function plainTextHtml(source: string) {
  return source
    .split(/(?:\r\n?|\n)(?:[ \t]*(?:\r\n?|\n))+/)
    .filter((p) => p.trim() !== "")
    .map((p) => `<p>${escapeHtml(p).replace(/\r\n?|\n/g, "<br />")}</p>`)
    .join("\n");
}

// The same texts (the agreement's norms, a proposal's body) are rendered on every
// visit; parsing and sanitizing them again cost more than the rest of those pages.
// The HTML depends on the text and, for linked norm codes, on the team and how many codes
// it has given out: it is kept by those, least recently used first out, up to a bound in
// characters so big texts cannot fill memory.
const htmlCache = new BoundedCache<string>(8_000_000);
// The plain words of the texts that are diffed (norm versions, proposals).
// (Large enough that a text at the 20,000-character limit, with its words, is kept.)
const textCache = new BoundedCache<string>(4_500_000);

/**
 * Markdown typed by a user → HTML that cannot run script or carry event handlers. With
 * `links`, the team's norm codes in it link to their norms.
 */
export function renderMarkdown(source: string, links?: NormLinks): string {
  // Keys of both kinds start with what they are, so no text can pass for the other kind.
  if (!links) return remembered(htmlCache, `-\u0000${source}`, () => renderUncached(source));
  return remembered(htmlCache, `${links.teamId}\u0000${links.count}\u0000${source}`, () => {
    normLinks = links;
    linksMade = 0;
    try {
      return renderUncached(source);
    } finally {
      normLinks = null;
    }
  });
}

/**
 * The words of a Markdown text as a reader sees them, without its marks (`**Why:**`
 * reads "Why:"), a line per paragraph or list item: what a word diff compares, so
 * members see which words changed rather than the asterisks around them (decision 082).
 * What changes meaning stays: a link's address, after its text ("the form
 * (https://…)"), and struck-through words (~~so~~). Bold or italic alone does not show.
 */
export function markdownToText(source: string): string {
  return remembered(textCache, source, () => {
    const lines = renderMarkdown(source)
      .replace(/<a\s[^>]*?href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_, href: string, text: string) =>
        text.replace(/<[^>]*>/g, "") === href || `mailto:${text}` === href ? text : `${text} (${href})`,
      )
      .replace(/<\/?del>/gi, "~~")
      .replace(/<\/(?:p|li|h[1-6]|blockquote|pre|tr)>|<br\s*\/?>/gi, (tag) => `${tag}\n`);
    return sanitizeHtml(lines, { allowedTags: [], allowedAttributes: {} })
      .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]!)
      .replace(/[ \t]*\n[ \t]*/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  });
}

function remembered(cache: BoundedCache<string>, key: string, compute: () => string): string {
  return cache.remember(key, compute, (html) => key.length + html.length);
}

function renderUncached(source: string): string {
  if (!withinLimits(source)) return plainTextHtml(source);
  try {
    const html = marked.parse(capSpaceRuns(source)) as string;
    return sanitizeHtml(html, { ...ALLOWED, allowedAttributes: { ...ALLOWED.allowedAttributes, a: ["href", "title", "rel"] } });
  } catch {
    // Whatever the estimate above missed (marked reports a too-deep structure by throwing): never a 500.
    return plainTextHtml(source);
  }
}
