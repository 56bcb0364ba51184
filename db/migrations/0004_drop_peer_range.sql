ALTER TABLE `cycle_results` DROP COLUMN `peer_min`;--> statement-breakpoint
ALTER TABLE `cycle_results` DROP COLUMN `peer_max`;