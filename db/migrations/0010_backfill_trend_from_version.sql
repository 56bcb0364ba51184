-- Fills trend_from_version (0009) for cycles closed before it, over the same window as
-- recent_peer_means (0003): the norm's latest six closed cycles up to and including this
-- one; the oldest version that a shown figure of an earlier cycle rated, or this one's own.
UPDATE `cycle_norm_stats` SET `trend_from_version` = (
  SELECT min(`norm_version`) FROM (
    SELECT `p`.`norm_version`, `p`.`mean_peer`, `p`.`cycle_id`
    FROM `cycle_norm_stats` `p` INNER JOIN `checkin_cycles` `c` ON `c`.`id` = `p`.`cycle_id`
    INNER JOIN `checkin_cycles` `own` ON `own`.`id` = `cycle_norm_stats`.`cycle_id`
    WHERE `p`.`team_id` = `cycle_norm_stats`.`team_id` AND `p`.`norm_id` = `cycle_norm_stats`.`norm_id`
      AND `c`.`status` = 'closed'
      AND (`c`.`closed_at` < `own`.`closed_at` OR (`c`.`closed_at` = `own`.`closed_at` AND `c`.`id` <= `own`.`id`))
    ORDER BY `c`.`closed_at` DESC, `c`.`id` DESC
    LIMIT 6
  )
  WHERE `mean_peer` IS NOT NULL OR `cycle_id` = `cycle_norm_stats`.`cycle_id`
);
