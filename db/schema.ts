import { relations, sql } from "drizzle-orm";
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

// Times are stored as integer milliseconds since the epoch (UTC), except
// sessions.expires_at, which lucia's adapter keeps in seconds.

const now = sql`(unixepoch('subsec') * 1000)`;

// ---------------------------------------------------------------- accounts

export const users = sqliteTable("users", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  language: text("language", { enum: ["en", "nl"] }),
  createdAt: integer("created_at").notNull().default(now),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [
    index("login_attempts_email_at_idx").on(t.email, t.at),
    // Every password check trims what has aged out of the window, for all addresses.
    index("login_attempts_at_idx").on(t.at),
  ],
);

// ---------------------------------------------------------------- teams

export const teams = sqliteTable("teams", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  decisionRule: text("decision_rule", { enum: ["majority", "consent"] })
    .notNull()
    .default("majority"),
  quorumPercent: integer("quorum_percent").notNull().default(50),
  voteDays: integer("vote_days").notNull().default(7),
  anonymityThreshold: integer("anonymity_threshold").notNull().default(3),
  language: text("language", { enum: ["en", "nl"] }).notNull().default("nl"),
  // Norm codes are never reused, so the next number lives on the team row.
  nextNormNumber: integer("next_norm_number").notNull().default(1),
  createdAt: integer("created_at").notNull().default(now),
});

export const memberships = sqliteTable(
  "memberships",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text("role", { enum: ["lead", "member"] }).notNull(),
    joinedAt: integer("joined_at").notNull().default(now),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
  ],
);

export const invites = sqliteTable(
  "invites",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    token: text("token").notNull().unique(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("invites_team_idx").on(t.teamId, t.createdAt)],
);

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind").notNull(),
    // A short human subject (a norm code, a member's name) and structured
    // details as JSON; never note contents or rating values.
    subject: text("subject").notNull().default(""),
    data: text("data").notNull().default("{}"),
    at: integer("at").notNull(),
  },
  (t) => [
    index("audit_team_time_idx").on(t.teamId, t.at, t.id),
    index("audit_team_kind_time_idx").on(t.teamId, t.kind, t.at, t.id),
  ],
);

// ---------------------------------------------------------------- norms and agreement

export const norms = sqliteTable(
  "norms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    code: text("code").notNull(),
    status: text("status", { enum: ["active", "retired"] }).notNull().default("active"),
    currentVersion: integer("current_version").notNull().default(1),
    createdAt: integer("created_at").notNull(),
    retiredAt: integer("retired_at"),
  },
  (t) => [
    uniqueIndex("norms_team_number_idx").on(t.teamId, t.number),
    uniqueIndex("norms_team_code_idx").on(t.teamId, t.code),
  ],
);

export const normVersions = sqliteTable(
  "norm_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    category: text("category", {
      enum: ["customer-contact", "follow-up", "complaints", "colleagues", "escalation", "other"],
    }).notNull(),
    proposalId: integer("proposal_id"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("norm_versions_norm_version_idx").on(t.normId, t.version),
    index("norm_versions_team_idx").on(t.teamId),
  ],
);

export const proposals = sqliteTable(
  "proposals",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    kind: text("kind", { enum: ["add", "change", "retire"] }).notNull(),
    normId: integer("norm_id").references(() => norms.id),
    // The norm version a change/retire was written against; used for conflict detection.
    baseVersion: integer("base_version"),
    title: text("title").notNull().default(""),
    body: text("body").notNull().default(""),
    category: text("category", {
      enum: ["customer-contact", "follow-up", "complaints", "colleagues", "escalation", "other"],
    }),
    status: text("status", {
      enum: ["draft", "voting", "adopted", "rejected", "withdrawn", "conflict"],
    }).notNull(),
    rebasedFromId: integer("rebased_from_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    votingOpenedAt: integer("voting_opened_at"),
    closesAt: integer("closes_at"),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    // Rule and quorum in force when the vote opened, and the stored outcome.
    decisionRule: text("decision_rule", { enum: ["majority", "consent"] }),
    quorumPercent: integer("quorum_percent"),
    memberCountAtClose: integer("member_count_at_close"),
    tallyAgree: integer("tally_agree"),
    tallyObject: integer("tally_object"),
    tallyAbstain: integer("tally_abstain"),
    outcomeReason: text("outcome_reason"),
    withdrawnBy: text("withdrawn_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    index("proposals_team_status_idx").on(t.teamId, t.status, t.closesAt),
    index("proposals_norm_idx").on(t.normId),
  ],
);

export const proposalComments = sqliteTable(
  "proposal_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    // Set when the author changed the text; the page says "edited".
    editedAt: integer("edited_at"),
    // A removed comment keeps its place in the thread (replies may refer to it), not its text.
    removedAt: integer("removed_at"),
    // Who removed it, as the thread shows it; the audit log names a lead who did.
    removedAs: text("removed_as", { enum: ["author", "lead"] }),
  },
  (t) => [index("proposal_comments_proposal_idx").on(t.proposalId, t.id)],
);

export const votes = sqliteTable(
  "votes",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    proposalId: integer("proposal_id")
      .notNull()
      .references(() => proposals.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    choice: text("choice", { enum: ["agree", "object", "abstain"] }).notNull(),
    reason: text("reason").notNull().default(""),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.proposalId, t.userId] })],
);

export const agreementVersions = sqliteTable(
  "agreement_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    proposalId: integer("proposal_id").references(() => proposals.id),
    // Change log entry: what happened to which norm.
    changeKind: text("change_kind", { enum: ["add", "change", "retire"] }).notNull(),
    normId: integer("norm_id").references(() => norms.id),
    normVersion: integer("norm_version"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("agreement_versions_team_version_idx").on(t.teamId, t.version)],
);

// Which norm versions made up each agreement version, so old versions read exactly as they were.
export const agreementVersionNorms = sqliteTable(
  "agreement_version_norms",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    normVersion: integer("norm_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.version, t.normId] })],
);

export const acknowledgements = sqliteTable(
  "acknowledgements",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.teamId, t.userId, t.version] })],
);

// ---------------------------------------------------------------- check-ins

export const checkinCycles = sqliteTable(
  "checkin_cycles",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    status: text("status", { enum: ["open", "closed"] }).notNull(),
    openedBy: text("opened_by").references(() => users.id, { onDelete: "set null" }),
    openedAt: integer("opened_at").notNull(),
    closesAt: integer("closes_at").notNull(),
    closedAt: integer("closed_at"),
    closedBy: text("closed_by").references(() => users.id, { onDelete: "set null" }),
    peersPerMember: integer("peers_per_member").notNull(),
    seed: integer("seed").notNull(),
    // Threshold applied when the results were frozen at close.
    anonymityThreshold: integer("anonymity_threshold"),
  },
  (t) => [index("checkin_cycles_team_idx").on(t.teamId, t.status, t.closesAt)],
);

export const cycleNorms = sqliteTable(
  "cycle_norms",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    normVersion: integer("norm_version").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.normId] }),
    index("cycle_norms_norm_idx").on(t.teamId, t.normId),
  ],
);

export const cycleParticipants = sqliteTable(
  "cycle_participants",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.userId] }),
    index("cycle_participants_user_idx").on(t.userId),
  ],
);

// Who rates whom. Never shown to anyone; only used to authorise the peer form.
export const peerAssignments = sqliteTable(
  "peer_assignments",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    raterId: text("rater_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rateeId: text("ratee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.raterId, t.rateeId] })],
);

export const selfRatings = sqliteTable(
  "self_ratings",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    rating: integer("rating").notNull(),
    example: text("example").notNull().default(""),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId, t.normId] })],
);

export const peerRatings = sqliteTable(
  "peer_ratings",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    raterId: text("rater_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    rateeId: text("ratee_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    rating: integer("rating").notNull(),
    observation: text("observation").notNull().default(""),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.raterId, t.rateeId, t.normId] }),
    index("peer_ratings_ratee_idx").on(t.cycleId, t.rateeId),
  ],
);

// Results frozen at close. Peer figures are null when fewer than the threshold rated.
export const cycleResults = sqliteTable(
  "cycle_results",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    selfRating: integer("self_rating"),
    selfExample: text("self_example").notNull().default(""),
    peerShown: integer("peer_shown", { mode: "boolean" }).notNull(),
    peerMean: real("peer_mean"),
    signal: text("signal", { enum: ["blind-spot", "hidden-strength", "none"] }).notNull(),
    // JSON arrays: this member's self rating and shown peer mean (null where none or
    // hidden) on this norm in the team's latest closed cycles up to and including this
    // one (at most six, oldest first), frozen at close like the team trend (decision 076).
    recentSelf: text("recent_self").notNull().default("[]"),
    recentPeer: text("recent_peer").notNull().default("[]"),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.userId, t.normId] }),
    index("cycle_results_user_idx").on(t.teamId, t.userId),
  ],
);

// Per member of a closed cycle, the lead's overview row, frozen at close from
// cycle_results so the results page reads thirty rows instead of aggregating
// members × norms on every view. Norm ids as comma lists, shown peer results only.
export const cycleMemberSignals = sqliteTable(
  "cycle_member_signals",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blindSpots: text("blind_spots").notNull(),
    hiddenStrengths: text("hidden_strengths").notNull(),
    // How many of the cycle's norms had too few peer ratings to show.
    peerHidden: integer("peer_hidden").notNull(),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.userId] })],
);

// Observations copied without their author, in a shuffled order, at close.
export const cycleObservations = sqliteTable(
  "cycle_observations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("cycle_observations_user_idx").on(t.cycleId, t.userId, t.position)],
);

export const cycleNormStats = sqliteTable(
  "cycle_norm_stats",
  {
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    normId: integer("norm_id")
      .notNull()
      .references(() => norms.id),
    normVersion: integer("norm_version").notNull(),
    meanSelf: real("mean_self"),
    meanPeer: real("mean_peer"),
    // JSON arrays of five counts, for ratings 1..5.
    selfDistribution: text("self_distribution").notNull(),
    peerDistribution: text("peer_distribution").notNull(),
    // JSON array: the norm's mean peer rating over its latest closed cycles up to
    // and including this one (at most six, oldest first), frozen at close so the
    // results page's trend column costs the same after years of cycles.
    recentPeerMeans: text("recent_peer_means").notNull().default("[]"),
    // The norm version rated in the oldest cycle of that trend: below this cycle's
    // version, the trend spans a change of the norm's text, and the page says so.
    trendFromVersion: integer("trend_from_version"),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.normId] }),
    index("cycle_norm_stats_norm_idx").on(t.teamId, t.normId),
  ],
);

// ---------------------------------------------------------------- conversations

export const conversations = sqliteTable(
  "conversations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    cycleId: integer("cycle_id")
      .notNull()
      .references(() => checkinCycles.id, { onDelete: "cascade" }),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    heldAt: integer("held_at"),
    heldBy: text("held_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    uniqueIndex("conversations_cycle_member_idx").on(t.cycleId, t.memberId),
    index("conversations_team_member_idx").on(t.teamId, t.memberId),
  ],
);

export const conversationNotes = sqliteTable(
  "conversation_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    visibility: text("visibility", { enum: ["shared", "private"] }).notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("conversation_notes_conv_idx").on(t.conversationId, t.id)],
);

export const conversationNoteRevisions = sqliteTable(
  "conversation_note_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    noteId: integer("note_id")
      .notNull()
      .references(() => conversationNotes.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    editedAt: integer("edited_at").notNull(),
  },
  (t) => [index("conversation_note_revisions_note_idx").on(t.noteId, t.id)],
);

export const conversationActions = sqliteTable(
  "conversation_actions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    conversationId: integer("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    text: text("text").notNull(),
    normId: integer("norm_id").references(() => norms.id),
    dueOn: text("due_on"),
    // Closed: done, or dropped by a lead (no longer relevant); `doneAt`/`doneBy` say when and by whom.
    // Rows closed before 2026-12-01 have no value here and were done.
    doneAt: integer("done_at"),
    doneBy: text("done_by").references(() => users.id, { onDelete: "set null" }),
    closedAs: text("closed_as", { enum: ["done", "dropped"] }),
    // The check-in whose conversation page it was closed on: an earlier cycle's action
    // shows there too, as followed up there. Null for rows closed before 2026-12-01.
    closedInCycleId: integer("closed_in_cycle_id"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("conversation_actions_member_idx").on(t.teamId, t.memberId, t.doneAt),
    index("conversation_actions_conv_idx").on(t.conversationId),
    index("conversation_actions_norm_idx").on(t.teamId, t.normId, t.doneAt),
  ],
);

// ---------------------------------------------------------------- relations

export const teamsRelations = relations(teams, ({ many }) => ({
  memberships: many(memberships),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  team: one(teams, { fields: [memberships.teamId], references: [teams.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const normsRelations = relations(norms, ({ many }) => ({
  versions: many(normVersions),
}));

export const normVersionsRelations = relations(normVersions, ({ one }) => ({
  norm: one(norms, { fields: [normVersions.normId], references: [norms.id] }),
}));

export const NORM_CATEGORIES = [
  "customer-contact",
  "follow-up",
  "complaints",
  "colleagues",
  "escalation",
  "other",
] as const;
export type NormCategory = (typeof NORM_CATEGORIES)[number];
