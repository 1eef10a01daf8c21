-- Messaging (PostgreSQL): channels (credentials encrypted by the server before they reach here),
-- conversations (one per clinic + channel + contact), messages in both directions, delivery
-- reports, message templates and the test-send audit log. A message is unique on its channel
-- and the provider's id, so a redelivered webhook inserts nothing. Jobs gain a lane: jobs of
-- one lane run one at a time, oldest first (a conversation's turns, its sends).
ALTER TABLE jobs ADD COLUMN lane text;
CREATE INDEX jobs_by_lane ON jobs(lane, id) WHERE lane IS NOT NULL AND status IN ('queued', 'running');

CREATE TABLE channels (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    kind text NOT NULL CHECK (kind IN ('twilio', 'meta', 'dialog360', 'zapi', 'web_chat')),
    name text NOT NULL,
    address text NOT NULL,
    route_key text,
    settings jsonb NOT NULL,
    credentials text NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (id, clinic_id)
);
CREATE INDEX channels_by_clinic ON channels(clinic_id, created_at);
CREATE UNIQUE INDEX channels_by_route ON channels(kind, route_key) WHERE route_key IS NOT NULL;

CREATE TABLE conversations (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL,
    channel_id uuid NOT NULL,
    contact text NOT NULL,
    contact_name text,
    patient_id uuid,
    state jsonb NOT NULL,
    status text NOT NULL CHECK (status IN ('open', 'closed')),
    needs_human boolean NOT NULL,
    human_reason text,
    taken_over_by uuid REFERENCES accounts(id) ON DELETE SET NULL,
    taken_over_until timestamptz,
    last_inbound_at timestamptz,
    last_message_at timestamptz NOT NULL,
    last_seq bigint NOT NULL,
    read_seq bigint NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (id, clinic_id),
    UNIQUE (clinic_id, channel_id, contact),
    FOREIGN KEY (channel_id, clinic_id) REFERENCES channels(id, clinic_id) ON DELETE CASCADE,
    FOREIGN KEY (patient_id, clinic_id) REFERENCES patients(id, clinic_id)
);
CREATE INDEX conversations_recent ON conversations(clinic_id, last_message_at DESC, id);

CREATE TABLE messages (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    channel_id uuid NOT NULL,
    seq bigint NOT NULL,
    direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    author text NOT NULL CHECK (author IN ('patient', 'assistant', 'staff', 'system')),
    author_account uuid,
    provider_message_id text,
    content jsonb NOT NULL,
    preview text NOT NULL,
    template text,
    -- The turn that handled (inbound) or wrote (outbound) it, named by the last inbound
    -- message it answered.
    turn uuid,
    status text NOT NULL,
    status_rank bigint NOT NULL,
    error text,
    sent_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (conversation_id, seq),
    FOREIGN KEY (conversation_id, clinic_id) REFERENCES conversations(id, clinic_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX messages_by_provider_id ON messages(channel_id, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_unhandled ON messages(conversation_id, seq) WHERE status = 'received';

-- The highest status a provider reported for one of our messages, kept even when the report
-- comes before the send has recorded the provider's id.
CREATE TABLE delivery_reports (
    channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    provider_message_id text NOT NULL,
    status text NOT NULL,
    status_rank bigint NOT NULL,
    error text,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id)
);

CREATE TABLE message_templates (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL,
    channel_id uuid NOT NULL,
    name text NOT NULL,
    language text NOT NULL,
    body text NOT NULL,
    variables bigint NOT NULL,
    provider_ref text NOT NULL,
    approved boolean NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    UNIQUE (channel_id, name, language),
    FOREIGN KEY (channel_id, clinic_id) REFERENCES channels(id, clinic_id) ON DELETE CASCADE
);

CREATE TABLE test_send_audit (
    id uuid PRIMARY KEY,
    clinic_id uuid NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    channel_id uuid NOT NULL,
    account_id uuid,
    recipient text NOT NULL,
    outcome text NOT NULL,
    detail text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX test_send_audit_recent ON test_send_audit(clinic_id, at DESC);
