// What every browser test file needs: the built server (with the demo team if asked)
// and one Chromium, plus fresh browser profiles that are closed after each test.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll } from "vitest";
import { DEMO_PASSWORD, demoPeople } from "../../../seeds/demo/people";
import { startServer, type TestServer } from "../../support/server";
import { launchBrowser, newContext, signIn } from "./browser";

export const demoLead = demoPeople.find((p) => p.role === "lead")!;
export const demoMember = demoPeople.find((p) => p.role === "member")!;

export function browserSuite(options: { demo?: boolean } = {}) {
  let server: TestServer;
  let browser: Browser;
  const open: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(options.demo ? { env: { NORMWERK_DEMO: "1" } } : {}), launchBrowser()]);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  return {
    get url() {
      return server.url;
    },
    /** The server's SQLite file, for arranging what has no page yet (norms fixtures). */
    get dbPath() {
      return server.dbPath;
    },
    /** A page in a browser profile of its own (own cookies), closed after the test. */
    async page(contextOptions: BrowserContextOptions = {}): Promise<Page> {
      const context = await newContext(browser, server.url, contextOptions);
      open.push(context);
      return context.newPage();
    },
    /** A page signed in as one of the demo people, through the login form. */
    async signedIn(person: { email: string }, contextOptions: BrowserContextOptions = {}): Promise<Page> {
      const page = await this.page(contextOptions);
      await signIn(page, person.email, DEMO_PASSWORD);
      return page;
    },
  };
}
