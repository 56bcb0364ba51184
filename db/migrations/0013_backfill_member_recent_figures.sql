-- Fills recent_self and recent_peer (0012) for cycles closed before it, as freezeResults
-- does: this member's figures on this norm in the team's latest six closed cycles up to
-- and including this one, oldest first (a hidden peer mean is stored as null already).
UPDATE `cycle_results` SET (`recent_self`, `recent_peer`) = (
  SELECT json_group_array(`self_rating` ORDER BY `closed_at`, `cycle_id`), json_group_array(`peer_mean` ORDER BY `closed_at`, `cycle_id`)
  FROM (
    SELECT `r`.`self_rating`, `r`.`peer_mean`, `c`.`closed_at`, `r`.`cycle_id`
    FROM `cycle_results` `r` INNER JOIN `checkin_cycles` `c` ON `c`.`id` = `r`.`cycle_id`
    WHERE `r`.`team_id` = `cycle_results`.`team_id` AND `r`.`user_id` = `cycle_results`.`user_id` AND `r`.`norm_id` = `cycle_results`.`norm_id`
      AND `r`.`cycle_id` IN (
        SELECT `w`.`id` FROM `checkin_cycles` `w` INNER JOIN `checkin_cycles` `own` ON `own`.`id` = `cycle_results`.`cycle_id`
        WHERE `w`.`team_id` = `cycle_results`.`team_id` AND `w`.`status` = 'closed'
          AND (`w`.`closed_at` < `own`.`closed_at` OR (`w`.`closed_at` = `own`.`closed_at` AND `w`.`id` <= `own`.`id`))
        ORDER BY `w`.`closed_at` DESC, `w`.`id` DESC
        LIMIT 6
      )
  )
);
