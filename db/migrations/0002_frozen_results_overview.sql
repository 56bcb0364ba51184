CREATE TABLE `cycle_member_signals` (
	`team_id` text NOT NULL,
	`cycle_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`blind_spots` text NOT NULL,
	`hidden_strengths` text NOT NULL,
	`peer_hidden` integer NOT NULL,
	PRIMARY KEY(`cycle_id`, `user_id`),
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cycle_id`) REFERENCES `checkin_cycles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `cycle_norm_stats` ADD `recent_peer_means` text DEFAULT '[]' NOT NULL;