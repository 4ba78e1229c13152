-- When the member last said who may see their profile (issue 18): the first-visit question
-- is asked once per account, not once per browser. Existing accounts start unset.
ALTER TABLE users ADD COLUMN visibility_chosen_at TIMESTAMP;
