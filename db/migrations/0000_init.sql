CREATE TABLE `acknowledgements` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`version` integer NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`, `version`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `agreement_version_norms` (
	`team_id` text NOT NULL,
	`version` integer NOT NULL,
	`norm_id` integer NOT NULL,
	`norm_version` integer NOT NULL,
	PRIMARY KEY(`team_id`, `version`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `agreement_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`version` integer NOT NULL,
	`proposal_id` integer,
	`change_kind` text NOT NULL,
	`norm_id` integer,
	`norm_version` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agreement_versions_team_version_idx` ON `agreement_versions` (`team_id`,`version`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`actor_id` text,
	`kind` text NOT NULL,
	`subject` text DEFAULT '' NOT NULL,
	`data` text DEFAULT '{}' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_team_at_idx` ON `audit_log` (`team_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_team_kind_idx` ON `audit_log` (`team_id`,`kind`,`id`);--> statement-breakpoint
CREATE TABLE `checkin_cycles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`title` text NOT NULL,
	`status` text NOT NULL,
	`opened_by` text,
	`opened_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text,
	`peers_per_member` integer NOT NULL,
	`seed` integer NOT NULL,
	`anonymity_threshold` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`opened_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `checkin_cycles_team_idx` ON `checkin_cycles` (`team_id`,`status`,`closes_at`);--> statement-breakpoint
CREATE TABLE `conversation_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`conversation_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`text` text NOT NULL,
	`norm_id` integer,
	`due_on` text,
	`done_at` integer,
	`done_by` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `conversation_actions_member_idx` ON `conversation_actions` (`team_id`,`member_id`,`done_at`);--> statement-breakpoint
CREATE INDEX `conversation_actions_conv_idx` ON `conversation_actions` (`conversation_id`);--> statement-breakpoint
CREATE INDEX `conversation_actions_norm_idx` ON `conversation_actions` (`team_id`,`norm_id`,`done_at`);--> statement-breakpoint
CREATE TABLE `conversation_note_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`note_id` integer NOT NULL,
	`body` text NOT NULL,
	`edited_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`note_id`) REFERENCES `conversation_notes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `conversation_note_revisions_note_idx` ON `conversation_note_revisions` (`note_id`,`id`);--> statement-breakpoint
CREATE TABLE `conversation_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`conversation_id` integer NOT NULL,
	`author_id` text,
	`visibility` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`conversation_id`) REFERENCES `conversations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `conversation_notes_conv_idx` ON `conversation_notes` (`conversation_id`,`id`);--> statement-breakpoint
CREATE TABLE `conversations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`held_at` integer,
	`held_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`held_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `conversations_cycle_member_idx` ON `conversations` (`cycle_id`,`member_id`);--> statement-breakpoint
CREATE INDEX `conversations_team_member_idx` ON `conversations` (`team_id`,`member_id`);--> statement-breakpoint
CREATE TABLE `cycle_norm_stats` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`norm_id` integer NOT NULL,
	`norm_version` integer NOT NULL,
	`mean_self` real,
	`mean_peer` real,
	`self_distribution` text NOT NULL,
	`peer_distribution` text NOT NULL,
	PRIMARY KEY(`cycle_id`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_norm_stats_norm_idx` ON `cycle_norm_stats` (`team_id`,`norm_id`);--> statement-breakpoint
CREATE TABLE `cycle_norms` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`norm_id` integer NOT NULL,
	`norm_version` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_norms_norm_idx` ON `cycle_norms` (`team_id`,`norm_id`);--> statement-breakpoint
CREATE TABLE `cycle_observations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`norm_id` integer NOT NULL,
	`position` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_observations_user_idx` ON `cycle_observations` (`cycle_id`,`user_id`,`position`);--> statement-breakpoint
CREATE TABLE `cycle_participants` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`cycle_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cycle_participants_user_idx` ON `cycle_participants` (`user_id`);--> statement-breakpoint
CREATE TABLE `cycle_results` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`norm_id` integer NOT NULL,
	`self_rating` integer,
	`self_example` text DEFAULT '' NOT NULL,
	`peer_shown` integer NOT NULL,
	`peer_mean` real,
	`peer_min` integer,
	`peer_max` integer,
	`signal` text NOT NULL,
	PRIMARY KEY(`cycle_id`, `user_id`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `cycle_results_user_idx` ON `cycle_results` (`team_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`token` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_token_unique` ON `invites` (`token`);--> statement-breakpoint
CREATE INDEX `invites_team_idx` ON `invites` (`team_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `login_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `login_attempts_email_at_idx` ON `login_attempts` (`email`,`at`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`joined_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `norm_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`norm_id` integer NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`category` text NOT NULL,
	`proposal_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `norm_versions_norm_version_idx` ON `norm_versions` (`norm_id`,`version`);--> statement-breakpoint
CREATE INDEX `norm_versions_team_idx` ON `norm_versions` (`team_id`);--> statement-breakpoint
CREATE TABLE `norms` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`number` integer NOT NULL,
	`code` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`current_version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`retired_at` integer,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `norms_team_number_idx` ON `norms` (`team_id`,`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `norms_team_code_idx` ON `norms` (`team_id`,`code`);--> statement-breakpoint
CREATE TABLE `peer_assignments` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`rater_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	PRIMARY KEY(`cycle_id`, `rater_id`, `ratee_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ratee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `peer_ratings` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`rater_id` text NOT NULL,
	`ratee_id` text NOT NULL,
	`norm_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`observation` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `rater_id`, `ratee_id`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`rater_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`ratee_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `peer_ratings_ratee_idx` ON `peer_ratings` (`cycle_id`,`ratee_id`);--> statement-breakpoint
CREATE TABLE `proposal_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`proposal_id` integer NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `proposal_comments_proposal_idx` ON `proposal_comments` (`proposal_id`,`id`);--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`author_id` text,
	`kind` text NOT NULL,
	`norm_id` integer,
	`base_version` integer,
	`title` text DEFAULT '' NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`category` text,
	`status` text NOT NULL,
	`rebased_from_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`voting_opened_at` integer,
	`closes_at` integer,
	`closed_at` integer,
	`closed_by` text,
	`decision_rule` text,
	`quorum_percent` integer,
	`member_count_at_close` integer,
	`tally_agree` integer,
	`tally_object` integer,
	`tally_abstain` integer,
	`outcome_reason` text,
	`withdrawn_by` text,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`closed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`withdrawn_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `proposals_team_status_idx` ON `proposals` (`team_id`,`status`,`closes_at`);--> statement-breakpoint
CREATE INDEX `proposals_norm_idx` ON `proposals` (`norm_id`);--> statement-breakpoint
CREATE TABLE `self_ratings` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`norm_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`example` text DEFAULT '' NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `user_id`, `norm_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`norm_id`) REFERENCES `norms`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `teams` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`decision_rule` text DEFAULT 'majority' NOT NULL,
	`quorum_percent` integer DEFAULT 50 NOT NULL,
	`vote_days` integer DEFAULT 7 NOT NULL,
	`anonymity_threshold` integer DEFAULT 3 NOT NULL,
	`language` text DEFAULT 'nl' NOT NULL,
	`next_norm_number` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`language` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE TABLE `votes` (
	`team_id` text NOT NULL,
	`proposal_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`choice` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`proposal_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
