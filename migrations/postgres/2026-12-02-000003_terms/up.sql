-- Which version of the terms of use, privacy notice and medical disclaimer a member accepted
-- at sign-up, and when (accounts made before the trust pages existed have none).
ALTER TABLE users ADD COLUMN terms_version TEXT;
ALTER TABLE users ADD COLUMN terms_accepted_at TIMESTAMP;
