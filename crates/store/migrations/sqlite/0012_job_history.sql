-- Finished jobs are pruned after a retention (done sooner, dead later). What a dedupe key
-- promises — the same kind and key queued again makes no second job — must outlive the job,
-- so the keys live here and are never pruned (a row is a few dozen bytes). Send jobs are
-- keyed by their message's id, whose own primary key already allows one send job per
-- message, so their keys are not kept.
CREATE TABLE job_keys (
    kind TEXT NOT NULL,
    dedupe_key TEXT NOT NULL,
    job_id BLOB NOT NULL,
    PRIMARY KEY (kind, dedupe_key)
) STRICT;
INSERT INTO job_keys (kind, dedupe_key, job_id)
    SELECT kind, dedupe_key, id FROM jobs WHERE dedupe_key IS NOT NULL AND kind <> 'send';
-- The pruning reads the oldest finished jobs first.
CREATE INDEX jobs_done ON jobs(updated_at) WHERE status = 'done';
CREATE INDEX jobs_dead ON jobs(updated_at) WHERE status = 'dead';
