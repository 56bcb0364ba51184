ALTER TABLE `proposal_comments` ADD `edited_at` integer;--> statement-breakpoint
ALTER TABLE `proposal_comments` ADD `removed_at` integer;--> statement-breakpoint
ALTER TABLE `proposal_comments` ADD `removed_as` text;