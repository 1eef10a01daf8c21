-- Clinics, accounts, memberships, invitations, refresh tokens and login throttling.
CREATE TABLE clinics (
    id BLOB PRIMARY KEY NOT NULL,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    default_language TEXT NOT NULL,
    languages TEXT NOT NULL,
    contact TEXT NOT NULL,
    address TEXT NOT NULL,
    opening_hours TEXT NOT NULL,
    emergency_instructions TEXT NOT NULL,
    persona TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE accounts (
    id BLOB PRIMARY KEY NOT NULL,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    hq_role TEXT CHECK (hq_role IN ('superadmin', 'ops')),
    created_at TEXT NOT NULL
) STRICT;

CREATE TABLE memberships (
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'practitioner')),
    created_at TEXT NOT NULL,
    PRIMARY KEY (clinic_id, account_id)
) STRICT;
CREATE INDEX memberships_by_account ON memberships(account_id);

CREATE TABLE invitations (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'practitioner')),
    token_hash TEXT NOT NULL UNIQUE,
    invited_by BLOB REFERENCES accounts(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    accepted_at TEXT
) STRICT;
CREATE UNIQUE INDEX invitations_one_open_per_email ON invitations(clinic_id, email) WHERE accepted_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    family_id BLOB NOT NULL,
    account_id BLOB NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    revoked_at TEXT
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_account ON refresh_tokens(account_id);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    failed_at TEXT NOT NULL
) STRICT;
CREATE INDEX login_failures_by_key ON login_failures(throttle_key, failed_at);
