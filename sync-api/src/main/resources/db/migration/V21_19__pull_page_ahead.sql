-- Issue 19: the next page of a pull is asked for before the page in hand is applied (pipelined pages).
-- applying_command_id is the page whose answer is being applied while the next one is already in flight;
-- a later page arriving while it is still set means that page was never applied, and the cycle starts over.
ALTER TABLE pull_watermark ADD COLUMN applying_command_id UUID;
