-- The hash of the checkpointed block, so a monitor that restarts can tell whether that block was reorganized away
-- while the node was down. NULL for checkpoints written before this column existed.
ALTER TABLE checkpoints ADD COLUMN block_hash VARCHAR(66);
