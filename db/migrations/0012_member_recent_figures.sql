ALTER TABLE `cycle_results` ADD `recent_self` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `cycle_results` ADD `recent_peer` text DEFAULT '[]' NOT NULL;