-- Votes closed before 2026-11-30 where nobody agreed or objected were stored as a tie
-- ("as many objected as agreed"); they read as what they were (decision 020).
UPDATE `proposals` SET `outcome_reason` = 'majority-none'
WHERE `outcome_reason` = 'majority-tie' AND `tally_agree` = 0 AND `tally_object` = 0;
