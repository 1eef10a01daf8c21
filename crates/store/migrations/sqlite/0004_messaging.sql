-- Messaging: channels (credentials encrypted by the server before they reach here),
-- conversations (one per clinic + channel + contact), messages in both directions, delivery
-- reports, message templates and the test-send audit log. A message is unique on its channel
-- and the provider's id, so a redelivered webhook inserts nothing. Jobs gain a lane: jobs of
-- one lane run one at a time, oldest first (a conversation's turns, its sends).
ALTER TABLE jobs ADD COLUMN lane TEXT;
CREATE INDEX jobs_by_lane ON jobs(lane, id) WHERE lane IS NOT NULL AND status IN ('queued', 'running');

CREATE TABLE channels (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('twilio', 'meta', 'dialog360', 'zapi', 'web_chat')),
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    route_key TEXT,
    settings TEXT NOT NULL,
    credentials TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, clinic_id)
) STRICT;
CREATE INDEX channels_by_clinic ON channels(clinic_id, created_at);
CREATE UNIQUE INDEX channels_by_route ON channels(kind, route_key) WHERE route_key IS NOT NULL;

CREATE TABLE conversations (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL,
    channel_id BLOB NOT NULL,
    contact TEXT NOT NULL,
    contact_name TEXT,
    patient_id BLOB,
    state TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    needs_human INTEGER NOT NULL,
    human_reason TEXT,
    taken_over_by BLOB REFERENCES accounts(id) ON DELETE SET NULL,
    taken_over_until TEXT,
    last_inbound_at TEXT,
    last_message_at TEXT NOT NULL,
    last_seq INTEGER NOT NULL,
    read_seq INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (id, clinic_id),
    UNIQUE (clinic_id, channel_id, contact),
    FOREIGN KEY (channel_id, clinic_id) REFERENCES channels(id, clinic_id) ON DELETE CASCADE,
    FOREIGN KEY (patient_id, clinic_id) REFERENCES patients(id, clinic_id)
) STRICT;
CREATE INDEX conversations_recent ON conversations(clinic_id, last_message_at DESC, id);

CREATE TABLE messages (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL,
    conversation_id BLOB NOT NULL,
    channel_id BLOB NOT NULL,
    seq INTEGER NOT NULL,
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    author TEXT NOT NULL CHECK (author IN ('patient', 'assistant', 'staff', 'system')),
    author_account BLOB,
    provider_message_id TEXT,
    content TEXT NOT NULL,
    preview TEXT NOT NULL,
    template TEXT,
    -- The turn that handled (inbound) or wrote (outbound) it, named by the last inbound
    -- message it answered.
    turn BLOB,
    status TEXT NOT NULL,
    status_rank INTEGER NOT NULL,
    error TEXT,
    sent_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (conversation_id, seq),
    FOREIGN KEY (conversation_id, clinic_id) REFERENCES conversations(id, clinic_id) ON DELETE CASCADE
) STRICT;
CREATE UNIQUE INDEX messages_by_provider_id ON messages(channel_id, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_unhandled ON messages(conversation_id, seq) WHERE status = 'received';

-- The highest status a provider reported for one of our messages, kept even when the report
-- comes before the send has recorded the provider's id.
CREATE TABLE delivery_reports (
    channel_id BLOB NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
    provider_message_id TEXT NOT NULL,
    status TEXT NOT NULL,
    status_rank INTEGER NOT NULL,
    error TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel_id, provider_message_id)
) STRICT;

CREATE TABLE message_templates (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL,
    channel_id BLOB NOT NULL,
    name TEXT NOT NULL,
    language TEXT NOT NULL,
    body TEXT NOT NULL,
    variables INTEGER NOT NULL,
    provider_ref TEXT NOT NULL,
    approved INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (channel_id, name, language),
    FOREIGN KEY (channel_id, clinic_id) REFERENCES channels(id, clinic_id) ON DELETE CASCADE
) STRICT;

CREATE TABLE test_send_audit (
    id BLOB PRIMARY KEY NOT NULL,
    clinic_id BLOB NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
    channel_id BLOB NOT NULL,
    account_id BLOB,
    recipient TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL,
    at TEXT NOT NULL
) STRICT;
CREATE INDEX test_send_audit_recent ON test_send_audit(clinic_id, at DESC);
