-- Fills the overview and trend frozen at close (0002) for cycles closed before it,
-- with the rules freezeResults follows (decision 076).
INSERT INTO `cycle_member_signals` (`team_id`, `cycle_id`, `user_id`, `blind_spots`, `hidden_strengths`, `peer_hidden`)
SELECT `team_id`, `cycle_id`, `user_id`,
  coalesce(group_concat(CASE WHEN `peer_shown` AND `signal` = 'blind-spot' THEN `norm_id` END), ''),
  coalesce(group_concat(CASE WHEN `peer_shown` AND `signal` = 'hidden-strength' THEN `norm_id` END), ''),
  sum(CASE WHEN `peer_shown` THEN 0 ELSE 1 END)
FROM `cycle_results`
GROUP BY `cycle_id`, `user_id`;
--> statement-breakpoint
UPDATE `cycle_norm_stats` SET `recent_peer_means` = (
  SELECT json_group_array(`mean_peer` ORDER BY `closed_at`, `id`) FROM (
    SELECT `p`.`mean_peer`, `c`.`closed_at`, `c`.`id`
    FROM `cycle_norm_stats` `p` INNER JOIN `checkin_cycles` `c` ON `c`.`id` = `p`.`cycle_id`
    INNER JOIN `checkin_cycles` `own` ON `own`.`id` = `cycle_norm_stats`.`cycle_id`
    WHERE `p`.`team_id` = `cycle_norm_stats`.`team_id` AND `p`.`norm_id` = `cycle_norm_stats`.`norm_id`
      AND `c`.`status` = 'closed'
      AND (`c`.`closed_at` < `own`.`closed_at` OR (`c`.`closed_at` = `own`.`closed_at` AND `c`.`id` <= `own`.`id`))
    ORDER BY `c`.`closed_at` DESC, `c`.`id` DESC
    LIMIT 6
  )
);
