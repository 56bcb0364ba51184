import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { NON_PAGE_ROUTES, PAGE_TITLES } from "~/page-titles";
import { en, nl } from "~/i18n/messages/common";

const routesDir = path.resolve(import.meta.dirname, "../../app/routes");

test("every page route has a title, in English and Dutch", () => {
  const ids = fs.readdirSync(routesDir).map((f) => `routes/${f.replace(/\.tsx?$/, "")}`);
  const missing = ids.filter((id) => !(id in PAGE_TITLES) && !NON_PAGE_ROUTES.includes(id));
  expect(missing, "add these routes to app/page-titles.ts").toEqual([]);
  const stale = Object.keys(PAGE_TITLES).filter((id) => !ids.includes(id));
  expect(stale, "routes that no longer exist").toEqual([]);
  for (const key of Object.values(PAGE_TITLES).filter((k) => k.startsWith("title."))) {
    expect(en[key as keyof typeof en], key).toBeTruthy();
    expect(nl[key as keyof typeof nl], key).toBeTruthy();
  }
});
