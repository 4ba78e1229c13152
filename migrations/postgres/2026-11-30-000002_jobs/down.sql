DROP INDEX jobs_claim_idx;
DROP TABLE jobs;
