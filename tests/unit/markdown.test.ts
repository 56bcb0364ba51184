import { describe, expect, test } from "vitest";
import { renderMarkdown } from "~/markdown.server";

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

  test("typed HTML is shown as text, not dropped", () => {
    expect(renderMarkdown("Use <b>bold</b> sparingly")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });
});
