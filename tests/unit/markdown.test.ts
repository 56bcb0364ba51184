import { describe, expect, test } from "vitest";
import { capSpaceRuns, demoteHeadings, markdownToText, MARKDOWN_LIMITS, nestingDepth, plainTextHtml, renderMarkdown } from "~/markdown.server";

describe("renderMarkdown", () => {
  test("renders ordinary Markdown", () => {
    const html = renderMarkdown("We **always** name a colleague.\n\n- within 1 day\n- with a time");
    expect(html).toContain("<strong>always</strong>");
    expect(html).toContain("<li>within 1 day</li>");
  });

  test("never lets script, handlers or dangerous links through", () => {
    const inputs = [
      "<script>alert(1)</script>",
      "<img src=x onerror=alert(1)>",
      "[click](javascript:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
      '<a href="javascript:alert(1)">x</a>',
      "<svg onload=alert(1)>",
      "<iframe src=//evil.example></iframe>",
      "[x](JaVaScRiPt:alert(1))",
    ];
    for (const input of inputs) {
      const html = renderMarkdown(input);
      expect(html).not.toMatch(/<script|<img|<svg|<iframe|<[^>]*\son\w+=|<a[^>]*href="\s*(javascript|data):/i);
    }
  });

  test("links get rel=noopener noreferrer nofollow", () => {
    const html = renderMarkdown("[site](https://example.org)");
    expect(html).toContain('href="https://example.org"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  test("an image is a link to it, named by its alt text, never an <img>", () => {
    const html = renderMarkdown("See ![diagram](https://example.org/d.png) here");
    expect(html).toMatch(/See <a href="https:\/\/example.org\/d.png"[^>]*>diagram<\/a> here/);
    expect(html).not.toContain("img");
    expect(renderMarkdown("![](https://example.org/d.png)")).toMatch(/>https:\/\/example.org\/d.png<\/a>/);
    expect(renderMarkdown("![x](javascript:alert(1))")).not.toContain("javascript");
    // Inside a link the image is the link's text: one link, to the link's target.
    const badge = renderMarkdown("[![build status](https://example.org/b.svg)](https://example.org/ci)");
    expect(badge).toMatch(/<a href="https:\/\/example.org\/ci"[^>]*>build status<\/a>/);
    expect(badge.match(/<a /g)).toHaveLength(1);
  });

  test("typed HTML is shown as text, not dropped", () => {
    expect(renderMarkdown("Use <b>bold</b> sparingly")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });
});

describe("norm codes in a text", () => {
  const team = { teamId: "t-1", count: 12 };
  const link = (code: string) => `<a href="/teams/t-1/norms/${code}" rel="noopener noreferrer nofollow">${code}</a>`;

  test("link to the team's norm, wherever a code stands as a word", () => {
    expect(renderMarkdown("Dit overlapt met N-1 en #N-12.", team)).toBe(`<p>Dit overlapt met ${link("N-1")} en #${link("N-12")}.</p>\n`);
    expect(renderMarkdown("N-2: zie **N-3**, (N-4) en N-5.", team)).toBe(`<p>${link("N-2")}: zie <strong>${link("N-3")}</strong>, (${link("N-4")}) en ${link("N-5")}.</p>\n`);
    expect(renderMarkdown("- N-6\n- *x* N-7", team)).toContain(`<li>${link("N-6")}</li>`);
    expect(renderMarkdown("- N-6\n- *x* N-7", team)).toContain(`<li><em>x</em> ${link("N-7")}</li>`);
  });

  test("not a code the team has not given out, part of a longer word, in code or in a link", () => {
    const unchanged = ["N-13 bestaat nog niet.", "N-0 en N-01.", "ABN-1, N-1a, N-1-2, xN-3, N-2_x", "`N-1` in code", "[zie N-1](https://example.com)", "https://example.com/N-1 en www.example.com/N-2"];
    for (const text of unchanged) expect(renderMarkdown(text, team), text).not.toContain('href="/teams/');
    expect(renderMarkdown("Mail N-2@example.com.", team)).not.toContain('href="/teams/');
    expect(renderMarkdown("[zie N-1](https://example.com)", team)).toBe('<p><a href="https://example.com" rel="noopener noreferrer nofollow">zie N-1</a></p>\n');
  });

  test("a text of thousands of codes links the first hundred, and the page stays small", () => {
    const html = renderMarkdown("N-1 ".repeat(5_000), team);
    expect(html.match(/<a /g)).toHaveLength(100);
    expect(html.length).toBeLessThan(40_000);
  });

  test("without a team, or in a word diff, a code stays text; each team's links are its own", () => {
    expect(renderMarkdown("Zie N-1.")).toBe("<p>Zie N-1.</p>\n");
    expect(markdownToText("Zie N-1.")).toBe("Zie N-1.");
    expect(renderMarkdown("Zie N-1.", { teamId: "t-2", count: 1 })).toContain('href="/teams/t-2/norms/N-1"');
    expect(renderMarkdown("Zie N-1.", { teamId: "t-2", count: 0 })).toBe("<p>Zie N-1.</p>\n");
  });
});

// docs/decisions/061: text marked would recurse on without bound, or take seconds over, is shown as plain text.
describe("limits", () => {
  // [source, shown as plain text (false: marked copes, quickly)]
  const bombs: Record<string, [string, boolean]> = {
    "10,000 nested >": [">".repeat(10_000) + " deep", true],
    "spaced >": ["> ".repeat(9_000) + "deep", true],
    "list markers on one line": ["- ".repeat(9_000) + "deep", true],
    "ordered markers": ["1. ".repeat(6_000) + "deep", true],
    "indented list levels": [Array.from({ length: 100 }, (_, i) => "  ".repeat(i) + "- deep").join("\n"), true],
    "quote and list": ["> - ".repeat(5_000) + "deep", true],
    "nested emphasis": ["*".repeat(9_000) + "deep" + "*".repeat(9_000), true],
    "emphasis delimiters": ["_a".repeat(10_000) + "deep", true],
    "brackets": ["[".repeat(10_000) + "deep" + "]".repeat(10_000), false],
    "nested links": ["[".repeat(5_000) + "deep" + "](u)".repeat(3_000), false],
  };

  // No stopwatch (a busy machine trips one): that a limit applied shows in the output,
  // the plain text instead of marked's HTML, and a text that still reaches marked must
  // come back whole within the test's timeout.
  test.each(Object.entries(bombs))(
    "%s: no throw, no seconds of parsing, the text shown",
    (_, [source, plain]) => {
      const html = renderMarkdown(source);
      expect(html).toContain("deep");
      if (plain) expect(html).toBe(plainTextHtml(source));
    },
    5_000,
  );

  test("ordinary nesting is still Markdown", () => {
    const html = renderMarkdown("> quoted\n> > twice\n\n- a\n  - b\n    - c\n      1. d\n\n**bold** and _em_ and ~~gone~~");
    expect(html).toContain("<blockquote>");
    expect((html.match(/<ul>/g) ?? []).length).toBe(3);
    expect(html).toContain("<ol>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<em>em</em>");
    expect(html).toContain("<del>gone</del>");
  });

  test("the fallback is escaped text with its paragraphs and line breaks", () => {
    expect(plainTextHtml('a <b> & "c"\nnext\n\n\nnew paragraph')).toBe('<p>a &lt;b&gt; &amp; &quot;c&quot;<br />next</p>\n<p>new paragraph</p>');
    const deep = renderMarkdown(">".repeat(MARKDOWN_LIMITS.depth + 1) + " <img src=x onerror=alert(1)>");
    expect(deep).toMatch(/^<p>(&gt;)+ &lt;img/);
  });

  test("a long run of spaces inside a line reaches marked as 32 (its lookahead costs the square of a run), indentation as typed", () => {
    const html = renderMarkdown("a" + " ".repeat(19_960) + "b");
    expect(html).toBe(`<p>a${" ".repeat(32)}b</p>\n`);
    expect(capSpaceRuns("a" + " ".repeat(40) + "b\r\n" + " ".repeat(40) + "c  d")).toBe("a" + " ".repeat(32) + "b\r\n" + " ".repeat(40) + "c  d");
    // In a code block the run is shorter; the code is all there.
    expect(renderMarkdown("```\nx" + " ".repeat(50) + "y\n```")).toBe(`<pre><code>x${" ".repeat(32)}y\n</code></pre>\n`);
    // The agreement's Markdown file carries such a text as stored, headings as they are.
    expect(demoteHeadings("# T\na" + " ".repeat(50) + "b", 2)).toBe("# T\na" + " ".repeat(50) + "b");
  });

  test("the depth estimate", () => {
    expect(nestingDepth("plain\ntext")).toBe(0);
    expect(nestingDepth("> a\n>> b\n> > > c")).toBe(3);
    expect(nestingDepth("- a\n  - b\n    - c")).toBe(3);
    expect(nestingDepth("1. a\n   - b")).toBe(2);
    expect(nestingDepth("**bold** at the start\n-not a list")).toBe(0);
    expect(nestingDepth(">".repeat(MARKDOWN_LIMITS.depth))).toBe(MARKDOWN_LIMITS.depth);
  });
});

describe("renderMarkdown's cache", () => {
  test("the same text always gives the same HTML, also after the cache has evicted it", () => {
    const text = (i: number) => `Norm ${i}: we **call back** within one day.\n\n` + `word${i} `.repeat(3_000);
    const first = renderMarkdown(text(0));
    expect(first).toContain("<strong>call back</strong>");
    // ~300 texts of ~60,000 characters each: far past the cache's bound, so early ones are evicted.
    for (let i = 1; i <= 300; i++) expect(renderMarkdown(text(i))).toContain(`word${i} word${i}`);
    expect(renderMarkdown(text(0))).toBe(first);
    expect(renderMarkdown(text(300))).toContain("word300");
    expect(renderMarkdown(text(300))).not.toContain("word299");
  });
});

describe("demoteHeadings", () => {
  test("moves headings down, setext ones too, and leaves code and other text as typed", () => {
    const source = "# Why\n\nBecause.\n\nWhen\n----\n\n```\n# not a heading\n```\n\n###### Deep\n- ## in a list stays";
    expect(demoteHeadings(source, 3)).toBe(
      "#### Why\n\nBecause.\n\n##### When\n\n```\n# not a heading\n```\n\n###### Deep\n- ## in a list stays",
    );
  });

  test("text without headings, or beyond the Markdown limits, comes back unchanged", () => {
    expect(demoteHeadings("We call back *within* a day.\n", 3)).toBe("We call back *within* a day.\n");
    const deep = "> ".repeat(MARKDOWN_LIMITS.depth + 5) + "# x";
    expect(demoteHeadings(deep, 3)).toBe(deep);
  });
});

describe("markdownToText", () => {
  test("the words as read, without the marks, a line per block: what a word diff compares", () => {
    expect(markdownToText("**Waarom:** omdat de klant wacht.\n\n- bel _binnen_ een dag\n- mail & bel <b>")).toBe(
      "Waarom: omdat de klant wacht.\n\nbel binnen een dag\n\nmail & bel <b>",
    );
    // What changes meaning stays visible: where a link goes, and words struck through.
    expect(markdownToText("Meld het via [het formulier](https://intranet.example/meld?a=1&b=2), ~~dringend~~.")).toBe(
      "Meld het via het formulier (https://intranet.example/meld?a=1&b=2), ~~dringend~~.",
    );
    expect(markdownToText("Zie https://example.com of mail hulp@example.com")).toBe("Zie https://example.com of mail hulp@example.com");
    expect(markdownToText("")).toBe("");
    // A text beyond the limits is plain text already: its words, every character.
    const deep = ">".repeat(MARKDOWN_LIMITS.depth + 1) + " diep";
    expect(markdownToText(deep)).toBe(deep);
  });
});

