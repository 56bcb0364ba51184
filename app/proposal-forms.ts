// Form schemas of the proposal pages, shared by server (actions) and browser
// (conform's live validation). Error messages are message keys (see forms.ts).
import { z } from "zod";
import { choice, isBlank, looseText, msg, optionalText, requiredText } from "./forms";
import { NORM_CATEGORY_ORDER, type NormCategory } from "./domain/norms";
import { VOTE_CHOICES } from "./domain/votes";

export const TITLE_MAX = 160;
export const BODY_MAX = 20_000;
export const REASON_MAX = 2_000;

const categories = NORM_CATEGORY_ORDER as [NormCategory, ...NormCategory[]];
const required = msg("form.required");
const titleTooLong = msg("form.tooLong", { max: TITLE_MAX });

type Kind = "add" | "change" | "retire";

/** Title, body and category as a kind of proposal needs them; blank means missing, nothing is trimmed. */
function checkText(kind: Kind, v: { title?: string; body: string; category?: NormCategory }, ctx: z.RefinementCtx) {
  if (kind === "retire") {
    if (isBlank(v.body)) ctx.addIssue({ code: "custom", path: ["body"], message: msg("proposal.reasonRequired") });
    return;
  }
  if (!v.title || isBlank(v.title)) ctx.addIssue({ code: "custom", path: ["title"], message: required });
  else if (v.title.length > TITLE_MAX) ctx.addIssue({ code: "custom", path: ["title"], message: titleTooLong });
  if (kind === "add" && !v.category) ctx.addIssue({ code: "custom", path: ["category"], message: required });
}

const textFields = {
  title: looseText(),
  body: optionalText(BODY_MAX),
  category: choice(categories).optional(),
};

export const newProposalSchema = z
  .object({
    kind: choice(["add", "change", "retire"]),
    normCode: looseText(),
    ...textFields,
  })
  .superRefine(
    (v, ctx) => {
      if (v.kind !== "add" && (!v.normCode || isBlank(v.normCode))) ctx.addIssue({ code: "custom", path: ["normCode"], message: required });
      checkText(v.kind, v, ctx);
    },
    // Also when another field already failed (an unknown category): every wrong field
    // gets its message at once, not one per attempt.
    { when: () => true },
  );

export function editSchema(kind: Kind) {
  return z.object(textFields).superRefine((v, ctx) => checkText(kind, v, ctx), { when: () => true });
}

export const commentSchema = z.object({ body: requiredText(BODY_MAX) });

export const voteSchema = z
  .object({ choice: choice(VOTE_CHOICES), reason: optionalText(REASON_MAX) })
  .superRefine((v, ctx) => {
    if (v.choice === "object" && isBlank(v.reason)) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: msg("vote.reasonRequired") });
    }
  });

export const openVoteSchema = z.object({ closesAt: looseText() });

/**
 * Proposals no longer open: decided (adopted, rejected, not applied) or withdrawn. Here,
 * not in the .server model, so the list's status filter in the browser offers the same.
 */
export const ENDED_STATUSES = ["adopted", "rejected", "conflict", "withdrawn"] as const;
export type EndedStatus = (typeof ENDED_STATUSES)[number];

export function isEndedStatus(value: unknown): value is EndedStatus {
  return typeof value === "string" && (ENDED_STATUSES as readonly string[]).includes(value);
}
