// Helpers for the proposal/agreement HTTP tests: post the contract's forms and
// read what a browser would show (form values) or what was stored (the database).
import Database from "better-sqlite3";
import type { Client, Page } from "./client";

export async function postProposal(client: Client, teamId: string, fields: Record<string, string>) {
  return client.post(`/teams/${teamId}/proposals/new`, fields);
}

/** Creates a proposal and returns its id (read from the redirect, as a script would). */
export async function newProposal(client: Client, teamId: string, fields: Record<string, string>) {
  const res = await postProposal(client, teamId, fields);
  if (res.status !== 303 || !res.location) throw new Error(`proposal not created: ${res.status} ${res.html.slice(0, 300)}`);
  const id = Number(new URL(res.location, client.base).pathname.split("/").pop());
  if (!Number.isInteger(id)) throw new Error(`no proposal id in ${res.location}`);
  return id;
}

export function proposalPath(teamId: string, id: number) {
  return `/teams/${teamId}/proposals/${id}`;
}

/** Draft → vote (everyone in `voters` agrees) → closed early by `lead`. */
export async function adopt(lead: Client, voters: Client[], teamId: string, fields: Record<string, string>, author: Client = lead) {
  const id = await newProposal(author, teamId, fields);
  const path = proposalPath(teamId, id);
  expectStatus(await author.post(path, { intent: "open-vote", closesAt: "" }), 303);
  for (const v of voters) expectStatus(await v.post(path, { intent: "vote", choice: "agree", reason: "" }), 303);
  expectStatus(await lead.post(path, { intent: "close" }), 303);
  return id;
}

export function expectStatus(page: Page, status: number) {
  if (page.status !== status) throw new Error(`expected ${status}, got ${page.status}: ${page.html.slice(0, 400)}`);
  return page;
}

/** The test server's database, read-only: what was stored, without going through a page. */
export function openDb(path: string) {
  return new Database(path, { readonly: true, fileMustExist: true });
}

/** Undoes React's HTML escaping of text and attribute values. */
export function decodeHtml(s: string) {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, "&");
}

/** The text a browser puts in a <textarea id=…> (its parser drops one leading newline). */
export function textareaValue(html: string, id: string) {
  const m = new RegExp(`<textarea[^>]*\\sid="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  if (!m) return null;
  const text = decodeHtml(m[1]);
  return text.startsWith("\n") ? text.slice(1) : text;
}

/** The value attribute of <input id=…>, or null when the input is not there. */
export function inputValue(html: string, id: string) {
  const tag = new RegExp(`<input[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  if (!tag) return null;
  const value = /\svalue="([^"]*)"/.exec(tag);
  return value ? decodeHtml(value[1]) : "";
}

/** Whether <input type=radio id=…> is checked. */
export function isChecked(html: string, id: string) {
  const tag = new RegExp(`<input[^>]*\\sid="${id}"[^>]*>`).exec(html)?.[0];
  return !!tag && /\schecked=""/.test(tag);
}
