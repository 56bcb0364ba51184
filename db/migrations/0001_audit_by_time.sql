DROP INDEX `audit_team_at_idx`;--> statement-breakpoint
DROP INDEX `audit_team_kind_idx`;--> statement-breakpoint
CREATE INDEX `audit_team_time_idx` ON `audit_log` (`team_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_team_kind_time_idx` ON `audit_log` (`team_id`,`kind`,`at`,`id`);