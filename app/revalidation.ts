import type { ShouldRevalidateFunction } from "@remix-run/react";

/**
 * A 409 says the page moved on under the person: the vote closed, someone else closed
 * the check-in. Remix keeps a page's data as it was after a 4xx (single fetch), so the
 * page went on showing an open vote and its form beside "this vote is closed". This
 * reloads the page's data after a 409; what was typed stays in the action's reply.
 */
export const reloadAfterConflict: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 || defaultShouldRevalidate;
