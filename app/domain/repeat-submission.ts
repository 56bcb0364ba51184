/**
 * A double click, or a second press because the page seemed stuck, posts a form
 * twice; without JavaScript nothing in the browser stops that. A create is taken as
 * that same submission when the same person sent the same content to the same place
 * at most this long before: it adds nothing and leads where the first one led
 * (decision 074). Long enough for an impatient second press on a slow connection,
 * short enough that nobody means to post the same text twice within it.
 */
export const REPEAT_WINDOW_MS = 30_000;

/** The earliest creation time of something a submission made at `now` can repeat. */
export function repeatWindowStart(now: number) {
  return now - REPEAT_WINDOW_MS;
}
