-- The durable job queue: work that must happen even if the process dies (sending, reminders,
-- document extraction). A job is queued until its run_at, then running under a lease; a
-- lease that runs out makes it claimable again. Failures retry with backoff until
-- max_attempts, then the job is dead with its last error kept. Workers on many replicas
-- claim with FOR UPDATE SKIP LOCKED.
CREATE TABLE jobs (
    id uuid PRIMARY KEY,
    kind text NOT NULL,
    payload jsonb NOT NULL,
    dedupe_key text,
    status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'dead')),
    run_at timestamptz NOT NULL,
    attempts integer NOT NULL,
    max_attempts integer NOT NULL,
    lease_until timestamptz,
    worker text,
    last_error text,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (kind, dedupe_key)
);
CREATE INDEX jobs_due ON jobs(run_at) WHERE status = 'queued';
CREATE INDEX jobs_leased ON jobs(lease_until) WHERE status = 'running';
