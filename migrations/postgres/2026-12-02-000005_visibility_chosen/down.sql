ALTER TABLE users DROP COLUMN visibility_chosen_at;
