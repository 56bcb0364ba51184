// The route → URL mapping the Origin test relies on: if it were wrong, that test
// would post to URLs that do not exist and prove nothing.
import { expect, test } from "vitest";
import { exportsAction, fillParams, paramsOf, routeModules, urlPattern } from "../support/routes";

test("flat route ids become URL patterns", () => {
  const cases: [string, string][] = [
    ["_index", "/"],
    ["login", "/login"],
    ["teams.new", "/teams/new"],
    ["teams.$team._index", "/teams/:team"],
    ["teams.$team.members", "/teams/:team/members"],
    ["join.$token", "/join/:token"],
    ["teams.$team.proposals.$id", "/teams/:team/proposals/:id"],
    ["teams.$team.checkins.$cycle.peers.$userId", "/teams/:team/checkins/:cycle/peers/:userId"],
    ["teams.$team.norms.$code", "/teams/:team/norms/:code"],
    ["teams.$team.agreement[.md]", "/teams/:team/agreement.md"],
    ["teams.$team.agreement_.history", "/teams/:team/agreement/history"],
    ["_auth.login", "/login"],
    ["teams.$team_.print", "/teams/:team/print"],
    ["($lang).about", "/:lang/about"],
    ["files.$", "/files/:*"],
    ["$", "/:*"],
    ["sitemap[.]xml", "/sitemap.xml"],
    ["[_index]", "/_index"],
  ];
  for (const [id, url] of cases) expect(urlPattern(id), id).toBe(url);
});

test("params are filled from the map, and an unknown param is an error", () => {
  expect(paramsOf("/teams/:team/proposals/:id")).toEqual(["team", "id"]);
  expect(fillParams("/teams/:team/norms/:code", { team: "abc", code: "N-1" })).toBe("/teams/abc/norms/N-1");
  expect(() => fillParams("/teams/:team/widgets/:widget", { team: "abc" })).toThrow(/:widget/);
});

test("every way of exporting an action is recognised", () => {
  expect(exportsAction("export async function action({ request }) {}")).toBe(true);
  expect(exportsAction("export function action() {}")).toBe(true);
  expect(exportsAction("export const action = async () => null;")).toBe(true);
  expect(exportsAction("export let action: ActionFunction = async () => null;")).toBe(true);
  expect(exportsAction("const act = 1;\nexport { loader, act as action };")).toBe(true);
  expect(exportsAction("export { action } from './shared';")).toBe(true);
  expect(exportsAction("export async function loader() {}\nfunction action() {}")).toBe(false);
  expect(exportsAction("export const actionLabel = 'x';")).toBe(false);
});

test("the scan finds the foundation's route modules", () => {
  const ids = routeModules().map((r) => r.id);
  for (const id of ["signup", "login", "logout", "account", "language", "teams.new", "teams.$team.members", "teams.$team.settings", "join.$token"]) {
    expect(ids).toContain(id);
  }
});

test("every page route with an action has its own error boundary", () => {
  // Without it a thrown 403/404 in the action renders the root boundary with no
  // root data (no shell, no language): see app/components/error-page.tsx.
  const missing = routeModules()
    .filter((r) => exportsAction(r.source) && /export\s+default\b/.test(r.source))
    .filter((r) => !/export\s*\{[^}]*\bErrorBoundary\b[^}]*\}|export\s+(function|const)\s+ErrorBoundary\b/.test(r.source))
    .map((r) => r.id);
  expect(missing).toEqual([]);
});
