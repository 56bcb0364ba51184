import http from "node:http";
// A tiny browser stand-in: fetch with a cookie jar, same-origin Origin header on
// posts, no automatic redirects (so tests see the 303s the contract promises).
export type Page = { status: number; headers: Headers; html: string; location: string | null };

export class Client {
  cookies = new Map<string, string>();
  constructor(
    public base: string,
    public defaults: { language?: "en" | "nl" } = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private store(res: { headers: Headers }) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim()) || /expires=Thu, 01 Jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The session cookie and language every request of this client carries. */
  private withSession(headers: Headers) {
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    if (this.defaults.language && !headers.has("Accept-Language")) headers.set("Accept-Language", this.defaults.language);
    return headers;
  }

  /** Keeps the cookies an answer set and checks its HTML. */
  private received(label: string, status: number, headers: Headers, html: string): Page {
    this.store({ headers });
    // A NUL byte in served HTML is always a bug (see app/html-stream.server.ts); every HTTP test checks it.
    if (html.includes("\u0000")) throw new Error(`NUL byte in the response to ${label}`);
    return { status, headers, html, location: headers.get("location") };
  }

  async request(path: string, init: RequestInit = {}): Promise<Page> {
    const headers = this.withSession(new Headers(init.headers));
    const res = await fetch(this.base + path, { ...init, headers, redirect: "manual" });
    return this.received(`${init.method ?? "GET"} ${path}`, res.status, res.headers, await res.text());
  }

  get(path: string, headers?: HeadersInit) {
    return this.request(path, { headers });
  }

  /** Posts a form like a browser on this site would (Origin = the app's own). */
  post(path: string, fields: Record<string, string | string[]> | URLSearchParams, headers: HeadersInit = {}) {
    const body = fields instanceof URLSearchParams ? fields : toParams(fields);
    const h = new Headers(headers);
    if (!h.has("Origin")) h.set("Origin", this.base);
    h.set("Content-Type", "application/x-www-form-urlencoded");
    return this.request(path, { method: "POST", body, headers: h });
  }

  /**
   * Posts a form as a browser's own form submission does: a page navigation
   * (`Sec-Fetch-Mode: navigate`), which fetch cannot send (it always says "cors"). Only
   * such a request can be a double click (decision 074).
   */
  submitAsBrowser(path: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = toParams(fields).toString();
    const headers = this.withSession(
      new Headers({
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": String(Buffer.byteLength(body)),
        Origin: this.base,
        "Sec-Fetch-Mode": "navigate",
        "Sec-Fetch-Dest": "document",
        "Sec-Fetch-Site": "same-origin",
      }),
    );
    return new Promise((resolve, reject) => {
      const req = http.request(new URL(path, this.base), { method: "POST", headers: Object.fromEntries(headers) }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const answer = new Headers();
          for (const [k, v] of Object.entries(res.headers)) for (const item of [v ?? []].flat()) answer.append(k, item);
          try {
            resolve(this.received(`POST ${path}`, res.statusCode ?? 0, answer, Buffer.concat(chunks).toString("utf8")));
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }
}

export function toParams(fields: Record<string, string | string[]>) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
  }
  return params;
}

let counter = 0;
export function uniqueEmail(prefix = "user") {
  return `${prefix}-${process.pid}-${Date.now()}-${++counter}@example.org`;
}

/** Signs up a new user and returns a signed-in client. */
export async function signUp(base: string, name = "Test User", email = uniqueEmail()) {
  const client = new Client(base);
  const res = await client.post("/signup", { email, name, password: "correct horse battery" });
  if (res.status !== 303) throw new Error(`signup failed: ${res.status} ${res.html.slice(0, 500)}`);
  return Object.assign(client, { email, name, password: "correct horse battery" });
}

/** Creates a team as `lead` and returns its id (read from the redirect, as the contract says). */
export async function createTeam(lead: Client, name = "Team Test") {
  const res = await lead.post("/teams/new", { name, description: "" });
  if (res.status !== 303 || !res.location) throw new Error(`team creation failed: ${res.status}`);
  return new URL(res.location, lead.base).pathname.split("/")[2];
}

/** Creates an invite as the lead and joins with `member`. */
export async function invite(lead: Client, teamId: string) {
  const res = await lead.post(`/teams/${teamId}/members`, { intent: "invite" });
  if (res.status !== 303) throw new Error(`invite failed: ${res.status}`);
  const page = await lead.get(`/teams/${teamId}/members`);
  const match = /href="(\/join\/[^"]+)"/.exec(page.html);
  if (!match) throw new Error("no invite link on the members page");
  return match[1];
}

export async function join(member: Client, joinPath: string) {
  const res = await member.post(joinPath, {});
  if (res.status !== 303) throw new Error(`join failed: ${res.status}`);
}

/** A team with a lead and `n` members, all signed in. */
export async function teamWithMembers(base: string, n: number, teamName = "Team Test") {
  const lead = await signUp(base, "Lead Person");
  const teamId = await createTeam(lead, teamName);
  const link = await invite(lead, teamId);
  const members = [];
  for (let i = 0; i < n; i++) {
    const m = await signUp(base, `Member ${i + 1}`);
    await join(m, link);
    members.push(m);
  }
  return { lead, teamId, members, joinPath: link };
}

/**
 * A team whose lead is `names[0]` and whose members are the other names, all signed in.
 * Distinctive names let a test tell that a name in a page is no coincidence.
 */
export async function teamWithNames(base: string, names: string[], teamName = "Team Test") {
  const lead = await signUp(base, names[0]);
  const teamId = await createTeam(lead, teamName);
  const link = await invite(lead, teamId);
  const everyone = [lead];
  for (const name of names.slice(1)) {
    const m = await signUp(base, name);
    await join(m, link);
    everyone.push(m);
  }
  return { lead, teamId, everyone, members: everyone.slice(1) };
}

/** Text of the page without tags, whitespace collapsed: what a reader sees. */
export function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

/** Signs in an existing account with a fresh cookie jar. */
export async function logIn(base: string, email: string, password = "correct horse battery") {
  const client = new Client(base);
  const res = await client.post("/login", { email, password });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.html.slice(0, 500)}`);
  return client;
}

/** The session cookie as the server set it (attributes included), from a response. */
export function setCookieLine(page: Page, name: string) {
  return page.headers.getSetCookie().find((line) => line.startsWith(`${name}=`)) ?? null;
}
