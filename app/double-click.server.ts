import { repeatWindowStart } from "./domain/repeat-submission";

/**
 * The earliest creation time that something created by this request may repeat
 * (decision 074), or null for none. Only a browser's own form submission, a page
 * navigation (`Sec-Fetch-Mode: navigate`), is what a double click sends twice; with
 * JavaScript the submit button already ignores a second press, and a script's POST
 * is taken as meant.
 */
export function repeatSince(request: Request, now = Date.now()): number | null {
  return request.headers.get("sec-fetch-mode") === "navigate" ? repeatWindowStart(now) : null;
}
