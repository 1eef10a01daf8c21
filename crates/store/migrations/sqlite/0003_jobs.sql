-- The durable job queue: work that must happen even if the process dies (sending, reminders,
-- document extraction). A job is queued until its run_at, then running under a lease; a
-- lease that runs out makes it claimable again. Failures retry with backoff until
-- max_attempts, then the job is dead with its last error kept.
CREATE TABLE jobs (
    id BLOB PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    dedupe_key TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
    run_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    max_attempts INTEGER NOT NULL,
    lease_until TEXT,
    worker TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (kind, dedupe_key)
) STRICT;
CREATE INDEX jobs_due ON jobs(run_at) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs(lease_until) WHERE status = 'running';
