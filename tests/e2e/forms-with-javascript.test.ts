// Forms once JavaScript has taken over: the submit button shows that it is busy and
// a second click while it is busy does not send the form again.
import { expect, test } from "vitest";
import { uniqueEmail } from "../support/client";
import { waitForHydration } from "./support/browser";
import { browserSuite } from "./support/suite";

const suite = browserSuite();

test("a second click while the form is being sent creates no second team, and the button says it is busy", async () => {
  const page = await suite.page();
  const teamPosts: string[] = [];
  page.on("request", (r) => {
    // With JavaScript, Remix posts to /teams/new.data.
    if (r.method() === "POST" && /^\/teams\/new(\.data)?$/.test(new URL(r.url()).pathname)) teamPosts.push(r.url());
  });
  await page.goto("/signup");
  await waitForHydration(page);
  await page.locator("main [name=email]").fill(uniqueEmail("dbl"));
  await page.locator("main [name=name]").fill("Dubbel Klik");
  await page.locator("main [name=password]").fill("een lang wachtwoord");
  await page.locator("main button[type=submit]").click();
  await page.waitForURL((url) => url.pathname === "/");

  await page.goto("/teams/new");
  await waitForHydration(page);
  await page.locator("main [name=name]").fill("Team Dubbelklik");
  // Hold the answer back so the busy state can be seen.
  await page.route("**/teams/new*", async (route) => {
    if (route.request().method() === "POST") await new Promise((r) => setTimeout(r, 500));
    await route.continue();
  });
  const button = page.locator("main button[type=submit]");
  await button.click();
  await expect.poll(() => button.innerText()).toBe("Working…");
  expect(await button.getAttribute("aria-disabled")).toBe("true");
  // An impatient second click while the first is under way (force: the button is aria-disabled).
  await button.click({ force: true });
  await page.waitForURL((url) => /^\/teams\/[^/]+$/.test(url.pathname) && url.pathname !== "/teams/new");
  await expect.poll(() => page.locator("h1").innerText()).toBe("Team Dubbelklik");

  expect(teamPosts).toHaveLength(1);
  await page.goto("/");
  expect(await page.locator("main .card", { hasText: "Team Dubbelklik" }).count()).toBe(1);
});
