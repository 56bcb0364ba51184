// Keyboard use of the shell: the skip link comes first and lands in <main>, and
// every stop on the way through a page shows where the focus is, with a ring of at
// least 3:1 against what surrounds it (WCAG 1.4.11).
import type { Page } from "playwright-core";
import { expect, test } from "vitest";
import { DEMO_TEAM_ID } from "../../seeds/demo/people";
import { waitForHydration } from "./support/browser";
import { browserSuite, demoLead } from "./support/suite";

const suite = browserSuite({ demo: true });

function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();

    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r, g, b]: number[]) => {
      const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    /** The first opaque background painted at (x, y), leaving the focused element out. */
    const backdrop = (x: number, y: number) => {
      for (const under of document.elementsFromPoint(x, y)) {
        if (under === el || el.contains(under)) continue;
        for (let n: Element | null = under; n; n = n.parentElement) {
          const bg = rgb(getComputedStyle(n).backgroundColor);
          if (bg.length >= 3 && (bg[3] ?? 1) === 1) return bg;
        }
      }
      return [255, 255, 255];
    };
    // Sample what lies just outside the element, where the outline is drawn.
    const away = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth) / 2;
    const x = Math.min(Math.max(rect.left - away, 0), innerWidth - 1);
    const y = Math.min(Math.max(rect.top + rect.height / 2, 0), innerHeight - 1);
    const ringContrast = contrast(rgb(style.outlineColor), backdrop(x, y));

    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      text: (el.innerText || el.getAttribute("aria-label") || el.getAttribute("name") || "").trim().slice(0, 40),
      inMain: !!el.closest("main"),
      outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 && ringContrast >= 3,
      ringContrast: Math.round(ringContrast * 100) / 100,
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0,
    };
  });
}

async function expectSkipLinkWorks(page: Page) {
  await page.keyboard.press("Tab");
  const first = await focused(page);
  expect(first, "the first Tab lands on the skip link").toMatchObject({
    tag: "a",
    className: "skip-link",
    onScreen: true,
    outline: true,
  });
  await page.keyboard.press("Enter");
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  await page.keyboard.press("Tab");
  expect((await focused(page))?.inMain, "after the skip link, Tab continues inside <main>").toBe(true);
}

test("the skip link is the first stop and moves focus to <main>, with and without JavaScript", async () => {
  const page = await suite.signedIn(demoLead);
  await page.goto(`/teams/${DEMO_TEAM_ID}`);
  await waitForHydration(page);
  await expectSkipLinkWorks(page);

  const plain = await suite.page({ javaScriptEnabled: false });
  await plain.goto("/login");
  await expectSkipLinkWorks(plain);
});

test("after following a link with the keyboard, focus starts at the new page's <main>", async () => {
  const page = await suite.signedIn(demoLead);
  await page.goto(`/teams/${DEMO_TEAM_ID}`);
  await waitForHydration(page);
  // Survives only if the page is not reloaded.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.locator(`.team-nav a[href="/teams/${DEMO_TEAM_ID}/members"]`).focus();
  await page.keyboard.press("Enter");
  await page.waitForURL(`**/teams/${DEMO_TEAM_ID}/members`);
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  expect(await page.locator("h1").innerText()).toBe("Leden");
  // A client-side navigation, not a page load (the case this focus handling is for).
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("every keyboard stop on the team pages shows a visible focus outline", async () => {
  const page = await suite.signedIn(demoLead);
  const missing: string[] = [];
  for (const path of [`/teams/${DEMO_TEAM_ID}`, `/teams/${DEMO_TEAM_ID}/members`, `/teams/${DEMO_TEAM_ID}/settings`]) {
    await page.goto(path);
    await waitForHydration(page);
    let stops = 0;
    for (; stops < 200; stops++) {
      await page.keyboard.press("Tab");
      const el = await focused(page);
      if (!el) break; // past the last stop
      if (stops > 0 && el.className === "skip-link") break; // wrapped around
      if (!el.outline || !el.onScreen) {
        missing.push(`${path}: <${el.tag}> "${el.text}" (ring contrast ${el.ringContrast}:1, on screen ${el.onScreen})`);
      }
    }
    expect(stops, `${path} has keyboard stops`).toBeGreaterThan(5);
  }
  expect(missing).toEqual([]);
});

test("the header menus open with Enter, close with Escape, and are closed on the page a link leads to", async () => {
  const page = await suite.signedIn(demoLead);
  await page.goto(`/teams/${DEMO_TEAM_ID}`);
  await waitForHydration(page);
  const menu = page.locator("details.user-menu");
  await menu.locator("summary").focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
  await page.keyboard.press("Escape");
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.closest("details")?.className)).toContain("user-menu");

  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab"); // the account link inside the menu
  await page.keyboard.press("Enter");
  await page.waitForURL("**/account");
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);

  // Tab past the last item closes it: the open panel would cover the links focus moves on to.
  await menu.locator("summary").focus();
  await page.keyboard.press("Enter");
  const items = await menu.locator("a, button").count();
  for (let i = 0; i <= items; i++) await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("details.user-menu"))).toBe(false);
  await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
});

test("a table's scroll box is a Tab stop only while there is something to scroll (with JavaScript)", async () => {
  const page = await suite.signedIn(demoLead);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/teams/${DEMO_TEAM_ID}/audit`);
  await waitForHydration(page);
  const box = page.locator(".table-wrap").first();
  await expect.poll(() => box.getAttribute("tabindex")).toBeNull();
  // On a phone the log is wider than the screen: the box scrolls, and takes focus.
  await page.setViewportSize({ width: 360, height: 800 });
  await expect.poll(() => box.getAttribute("tabindex")).toBe("0");
  expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
});

test("on a phone a lead's members table fits the screen, its buttons included", async () => {
  const page = await suite.signedIn(demoLead);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/teams/${DEMO_TEAM_ID}/members`);
  await waitForHydration(page);
  const box = page.locator(".table-wrap").first();
  expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  // Address, role and date read under the name instead of in columns of their own.
  const first = page.locator("tbody tr").first();
  expect(await first.locator("th .narrow-only").first().isVisible()).toBe(true);
  for (const button of await first.locator("button").all()) {
    const b = (await button.boundingBox())!;
    expect(b.x + b.width).toBeLessThanOrEqual(360);
  }
});
