-- Clinics, accounts, memberships, invitations, refresh tokens and login throttling.
CREATE TABLE clinics (
    id uuid PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    name text NOT NULL,
    time_zone text NOT NULL,
    default_language text NOT NULL,
    languages jsonb NOT NULL,
    contact jsonb NOT NULL,
    address text NOT NULL,
    opening_hours jsonb NOT NULL,
    emergency_instructions text NOT NULL,
    persona jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    email text NOT NULL UNIQUE,
    name text NOT NULL,
    password_hash text NOT NULL,
    hq_role text CHECK (hq_role IN ('superadmin', 'ops')),
    created_at timestamptz NOT NULL
);

CREATE TABLE memberships (
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'practitioner')),
    created_at timestamptz NOT NULL,
    PRIMARY KEY (clinic_id, account_id)
);
CREATE INDEX memberships_by_account ON memberships(account_id);

CREATE TABLE invitations (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    email text NOT NULL,
    role text NOT NULL CHECK (role IN ('owner', 'admin', 'staff', 'practitioner')),
    token_hash text NOT NULL UNIQUE,
    invited_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz
);
CREATE UNIQUE INDEX invitations_one_open_per_email ON invitations(clinic_id, email) WHERE accepted_at IS NULL;

CREATE TABLE refresh_tokens (
    token_hash text PRIMARY KEY,
    family_id uuid NOT NULL,
    account_id uuid NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    revoked_at timestamptz
);
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_account ON refresh_tokens(account_id);

CREATE TABLE login_failures (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    throttle_key text NOT NULL,
    failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_by_key ON login_failures(throttle_key, failed_at);
