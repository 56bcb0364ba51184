// Every form of every page the demo's people can reach, read as a browser without
// JavaScript sends it: no field may go out twice unless it is a group of checkboxes.
// Actions refuse a repeated single field (decision 062), so a form that sends its
// `intent` from a hidden input and again from its button fails for every user; the
// draft's edit form did, and only its author sees it, which is why every person is
// walked here and not only the lead and one member.
import { afterAll, beforeAll, expect, test } from "vitest";
import { DEMO_PASSWORD, demoPeople, DEMO_TEAM_ID } from "../../seeds/demo/people";
import { Client, visibleText } from "../support/client";
import { attributes, parseForms, submitForm, type HtmlForm } from "../support/forms";
import { startServer, type TestServer } from "../support/server";

// The demo as `npm run demo` seeds it: proposals in every state, a check-in, conversations.
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { NORMWERK_DEMO: "1" } });
});
afterAll(() => server?.stop());

async function signIn(email: string) {
  const client = new Client(server.url);
  const res = await client.post("/login", { email, password: DEMO_PASSWORD });
  if (res.status !== 303) throw new Error(`demo sign-in failed for ${email}: ${res.status}`);
  return client;
}

/** Names the form sends more than once when `button` is pressed, checkbox groups aside. */
function sentTwice(form: HtmlForm, button: HtmlForm["buttons"][number] | undefined) {
  const checkboxes = new Set(
    [...form.html.matchAll(/<input\b[^>]*>/g)]
      .map((m) => attributes(m[0]))
      .filter((a) => (a.type ?? "").toLowerCase() === "checkbox")
      .map((a) => a.name),
  );
  const names = form.fields.map(([name]) => name);
  if (button?.name) names.push(button.name);
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i && !checkboxes.has(n)))];
}

async function walk(email: string) {
  const client = await signIn(email);
  const queue = ["/", `/teams/${DEMO_TEAM_ID}`];
  const seen = new Set(queue);
  const problems: string[] = [];
  let forms = 0;
  while (queue.length > 0) {
    const path = queue.shift()!;
    const page = await client.get(path);
    if (page.status !== 200) continue;
    for (const form of parseForms(page.html)) {
      if (form.method !== "post") continue;
      forms++;
      const pressed = form.buttons.length > 0 ? form.buttons : [undefined];
      for (const button of pressed) {
        const twice = sentTwice(form, button);
        if (twice.length > 0) problems.push(`${path}: form ${form.id ?? form.action ?? "?"} (${button?.text ?? "Enter"}) sends ${twice.join(", ")} twice`);
      }
    }
    for (const m of page.html.matchAll(/<a\b[^>]*\bhref="(\/[^"]*)"/g)) {
      const url = new URL(attributes(`<a href="${m[1]}">`).href, server.url);
      if (url.pathname === "/logout" || url.pathname.startsWith("/build/") || /\.(md|json|css|js)$/.test(url.pathname)) continue;
      const key = url.pathname + url.search;
      if (!seen.has(key)) {
        seen.add(key);
        queue.push(key);
      }
    }
  }
  return { problems, pages: seen.size, forms };
}

test("no form on any page sends a single field twice, for each of the demo's people", { timeout: 120_000 }, async () => {
  for (const person of demoPeople) {
    const { problems, pages, forms } = await walk(person.email);
    // The walk must really have reached the team's pages and their forms.
    expect(pages, person.email).toBeGreaterThan(20);
    expect(forms, person.email).toBeGreaterThan(5);
    expect(problems, person.email).toEqual([]);
  }
});

test("the author edits their draft with the form as the page sends it", async () => {
  const joost = await signIn("joost@normwerk.test");
  const list = await joost.get(`/teams/${DEMO_TEAM_ID}/proposals`);
  // His draft is the proposal whose page shows him the edit form.
  let path = "";
  let page = list;
  for (const m of list.html.matchAll(/href="(\/teams\/[^"]+\/proposals\/\d+)"/g)) {
    page = await joost.get(m[1]);
    if (parseForms(page.html).some((f) => f.id === "edit")) {
      path = m[1];
      break;
    }
  }
  expect(path, "Joost's draft with its edit form").not.toBe("");
  const title = "We reageren binnen 24 uur op e-mails van klanten.";
  const saved = await submitForm(joost, path, page, { id: "edit" }, { title });
  expect(saved.status).toBe(303);
  expect(visibleText((await joost.get(path)).html)).toContain(title);
});
